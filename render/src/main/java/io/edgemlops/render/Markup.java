package io.edgemlops.render;

/**
 * HTML that is already safe to write as it is (escaped text, or tags a renderer built). Table cells and list values
 * are plain text unless they are a {@code Markup}, so escaping is the default and raw HTML the explicit exception.
 *
 * @param html the markup
 */
public record Markup(String html) {

    /** Escaped text. */
    public static Markup text(Object text) {
        return new Markup(Html.esc(text));
    }

    /** Markup a renderer built itself; never pass text from a result here unescaped. */
    public static Markup raw(String html) {
        return new Markup(html == null ? "" : html);
    }

    /** A value as HTML: a {@code Markup} as it is, anything else escaped. */
    static String of(Object value) {
        return value instanceof Markup m ? m.html() : Html.esc(value);
    }
}
