package io.edgemlops.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable table of text cells read from a CSV file (or generated), stored by column.
 * Values stay text until a {@link FeatureSchema} says how to read them, so one table can be
 * encoded for different models. Each row remembers the line it came from for error messages.
 */
public final class Table {

    private final String source;
    private final List<String> columns;
    private final Map<String, Integer> index = new HashMap<>();
    private final String[][] cells; // [column][row]
    private final int[] lines;      // 1-based source line per row, 0 if generated

    /**
     * @param source name used in error messages (usually the file name)
     * @param columns column names, unique
     * @param cells values by column: {@code cells[column][row]}
     * @param lines source line of each row (may be null for generated data)
     */
    public Table(String source, List<String> columns, String[][] cells, int[] lines) {
        this.source = source;
        this.columns = List.copyOf(columns);
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException(columns.size() + " column names but " + cells.length + " columns");
        }
        int rows = cells.length == 0 ? 0 : cells[0].length;
        for (int c = 0; c < cells.length; c++) {
            if (cells[c].length != rows) {
                throw new IllegalArgumentException("column '" + columns.get(c) + "' has " + cells[c].length
                        + " rows, expected " + rows);
            }
            if (index.put(columns.get(c), c) != null) {
                throw new DataException(source, columns.get(c), "column name appears twice in the header");
            }
        }
        this.cells = cells;
        this.lines = lines == null ? new int[rows] : lines;
    }

    /** Builds a table from rows of values (row-major), e.g. for generated data. */
    public static Table ofRows(String source, List<String> columns, List<String[]> rows) {
        String[][] cells = new String[columns.size()][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int c = 0; c < columns.size(); c++) {
                cells[c][r] = row[c];
            }
        }
        return new Table(source, columns, cells, null);
    }

    public String source() {
        return source;
    }

    public List<String> columnNames() {
        return columns;
    }

    public int rowCount() {
        return cells.length == 0 ? 0 : cells[0].length;
    }

    /** Index of a column, or -1 when absent. */
    public int columnIndex(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    public boolean hasColumn(String name) {
        return index.containsKey(name);
    }

    /** The cell text at a row and column index. */
    public String value(int row, int column) {
        return cells[column][row];
    }

    /** The cell text at a row and column name. */
    public String value(int row, String column) {
        int c = columnIndex(column);
        if (c < 0) {
            throw new DataException(source, column, "column not found; columns are " + columns);
        }
        return cells[c][row];
    }

    /** 1-based source line of a row (0 for generated rows). */
    public int line(int row) {
        return lines[row];
    }

    /** An error located at a row (0-based index here, reported 1-based) and column. */
    public DataException error(int row, String column, String problem) {
        return new DataException(source, row + 1, lines[row], column, problem);
    }

    /** A new table with the given rows (0-based indices) in the given order. */
    public Table selectRows(int[] rows) {
        String[][] out = new String[cells.length][rows.length];
        int[] outLines = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (int c = 0; c < cells.length; c++) {
                out[c][i] = cells[c][rows[i]];
            }
            outLines[i] = lines[rows[i]];
        }
        return new Table(source, columns, out, outLines);
    }

    /** The table as UTF-8 CSV with a header, quoting only where RFC 4180 needs it. */
    public byte[] toCsv() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeCsv(out);
        return out.toByteArray();
    }

    /** Writes the table as UTF-8 CSV with a header and LF line ends. */
    public void writeCsv(OutputStream out) {
        try {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writeRow(w, columns.toArray(new String[0]));
            String[] row = new String[cells.length];
            for (int r = 0; r < rowCount(); r++) {
                for (int c = 0; c < cells.length; c++) {
                    row[c] = cells[c][r];
                }
                writeRow(w, row);
            }
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeRow(Writer w, String[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            String v = values[i] == null ? "" : values[i];
            boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0
                    || v.indexOf('\r') >= 0;
            if (quote) {
                w.write('"');
                w.write(v.replace("\"", "\"\""));
                w.write('"');
            } else {
                w.write(v);
            }
        }
        w.write('\n');
    }

    /** Column values as a list (for tests and small tools). */
    public List<String> column(String name) {
        int c = columnIndex(name);
        if (c < 0) {
            throw new DataException(source, name, "column not found; columns are " + columns);
        }
        return new ArrayList<>(List.of(cells[c]));
    }
}
