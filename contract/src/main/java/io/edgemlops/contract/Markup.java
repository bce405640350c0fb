package io.edgemlops.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * The contract's help texts use one piece of markup, {@code `code`}, and blank lines between paragraphs, so the same
 * words render as HTML for Jenkins, Markdown for the docs and plain text for the terminal.
 */
public final class Markup {

    private Markup() {
    }

    /** HTML: text escaped, {@code `x`} as {@code <code>x</code>}. */
    public static String html(String text) {
        StringBuilder out = new StringBuilder();
        boolean inCode = false;
        for (char c : text.toCharArray()) {
            switch (c) {
                case '`' -> {
                    out.append(inCode ? "</code>" : "<code>");
                    inCode = !inCode;
                }
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Plain text for the terminal: backticks dropped. */
    public static String plain(String text) {
        return text.replace("`", "");
    }

    /** Markdown inside a table cell: pipes escaped, line breaks flattened. */
    public static String markdownCell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** Paragraphs separated by blank lines. */
    public static List<String> paragraphs(String text) {
        List<String> out = new ArrayList<>();
        for (String p : text.split("\n\\s*\n")) {
            if (!p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out;
    }
}
