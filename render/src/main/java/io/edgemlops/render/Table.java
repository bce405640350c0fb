package io.edgemlops.render;

import java.util.ArrayList;
import java.util.List;

/**
 * An HTML table built row by row. Cells are plain text (escaped) unless they are {@link Markup}. Immutable: each
 * {@code row} returns a new table. Tables carry Jenkins' own {@code jenkins-table} classes, so they look native on the
 * build page, and {@code emo-table}, which the report's style draws.
 */
public final class Table {

    private final List<Object> header;
    private final List<String> rows;

    private Table(List<Object> header, List<String> rows) {
        this.header = List.copyOf(header);
        this.rows = List.copyOf(rows);
    }

    /** A table with a header row; pass no names for a table of label/value rows. */
    public static Table withHeader(Object... names) {
        return new Table(List.of(names), List.of());
    }

    /** A row of data cells. */
    public Table row(Object... cells) {
        return add(null, cells);
    }

    /** A row whose first cell is its label ({@code <th>}), then data cells. */
    public Table labelledRow(Object label, Object... cells) {
        return add(label, cells);
    }

    /** True when no row was added. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table, or the empty string when it has no rows (an empty table says nothing). */
    public String html() {
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<table class=\"jenkins-table jenkins-table--small emo-table\">\n");
        if (!header.isEmpty()) {
            b.append("<thead><tr>");
            header.forEach(h -> b.append("<th>").append(Markup.of(h)).append("</th>"));
            b.append("</tr></thead>\n");
        }
        b.append("<tbody>\n");
        rows.forEach(b::append);
        return b.append("</tbody>\n</table>\n").toString();
    }

    private Table add(Object label, Object[] cells) {
        StringBuilder b = new StringBuilder("<tr>");
        if (label != null) {
            b.append("<th>").append(Markup.of(label)).append("</th>");
        }
        for (Object cell : cells) {
            b.append("<td>").append(Markup.of(cell)).append("</td>");
        }
        List<String> more = new ArrayList<>(rows);
        more.add(b.append("</tr>\n").toString());
        return new Table(header, more);
    }
}
