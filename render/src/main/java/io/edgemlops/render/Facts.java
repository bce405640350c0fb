package io.edgemlops.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A short list of "label: value" lines under a section's tables (key figures, the report's key, the control group).
 * Values are plain text unless {@link Markup}; a null value leaves its line out. Immutable.
 */
public final class Facts {

    private final List<String> lines;

    private Facts(List<String> lines) {
        this.lines = List.copyOf(lines);
    }

    /** No lines yet. */
    public static Facts none() {
        return new Facts(List.of());
    }

    /** One more "label: value" line, or the same list when {@code value} is null. */
    public Facts add(String label, Object value) {
        if (value == null) {
            return this;
        }
        return line("<span class=\"emo-label\">" + Html.esc(label) + ":</span> " + Markup.of(value));
    }

    /** One more line of text (or markup) without a label. */
    public Facts sentence(Object text) {
        return text == null ? this : line(Markup.of(text));
    }

    /** The lines as a {@code <ul class="emo-facts">}, or the empty string without lines. */
    public String html() {
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<ul class=\"emo-facts\">\n");
        lines.forEach(l -> b.append("<li>").append(l).append("</li>\n"));
        return b.append("</ul>\n").toString();
    }

    private Facts line(String html) {
        List<String> more = new ArrayList<>(lines);
        more.add(html);
        return new Facts(more);
    }

    /** Sentences (reasons, overrides) as a {@code <ul class="emo-reasons">}, or the empty string for none. */
    public static String reasons(List<String> texts) {
        if (texts == null || texts.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<ul class=\"emo-reasons\">\n");
        texts.forEach(t -> b.append("<li>").append(Html.esc(t)).append("</li>\n"));
        return b.append("</ul>\n").toString();
    }
}
