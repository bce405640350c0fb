package io.edgemlops.render;

/**
 * The frame of one section fragment: {@code <section class="emo-block emo-<kind>">} with an {@code <h2>} heading.
 * The heading is one piece of text ("Drift gate of pump version 3 in fleet eu: PROMOTED") with no tags inside, so a
 * person, a test or a grep over the page finds it whole; the tone is a class on the heading.
 *
 * @param kind    the section's kind, a CSS class suffix ({@code model-card}, {@code drift-gate}, ...)
 * @param heading the heading text, escaped here
 * @param tone    how the heading reads
 */
public record Block(String kind, String heading, Tone tone) {

    /** The whole fragment: the heading, then {@code body} (markup the renderer built). */
    public String wrap(String body) {
        return "<section class=\"emo-block emo-" + Html.esc(kind) + "\">\n<h2 class=\"emo-heading " + tone.cssClass()
                + "\">" + Html.esc(heading) + "</h2>\n" + body + "</section>\n";
    }
}
