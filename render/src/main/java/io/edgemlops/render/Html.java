package io.edgemlops.render;

/**
 * Escaping for HTML text and attribute values. Every renderer passes all text that came from a result (model names,
 * reasons, feature names, file keys) through {@link #esc(Object)}: the plugin writes fragments raw into the build page,
 * so the renderer is the only guard against markup in a result.
 */
public final class Html {

    private Html() {
    }

    /**
     * The text with {@code & < > " '} replaced by entities, safe both as element content and inside a quoted
     * attribute; {@code null} becomes the empty string.
     */
    public static String esc(Object text) {
        if (text == null) {
            return "";
        }
        String s = text.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Why a check failed, as the paragraph under a block's heading; empty when it passed or says nothing. */
    public static String failureReason(boolean passed, String reason) {
        return passed || reason == null ? "" : "<p class=\"emo-reason\">" + strong(reason) + "</p>\n";
    }

    /** {@code <code>text</code>}, escaped: store keys, rollout ids, digests. */
    public static String code(Object text) {
        return "<code>" + esc(text) + "</code>";
    }

    /** {@code <strong>text</strong>}, escaped. */
    public static String strong(Object text) {
        return "<strong>" + esc(text) + "</strong>";
    }
}
