package io.edgemlops.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole standalone HTML report: a title, a table of contents, and sections, each a heading over the fragments a
 * caller rendered ({@link ModelCardView}, {@link DriftGateView}, ...). Its style is inline and it references nothing
 * outside itself (no scripts, fonts, images or links off the page), so it opens from a folder, an archived build
 * artifact or a mail attachment alike. Immutable: every call returns a new page.
 *
 * <pre>{@code
 * Path index = ReportPage.titled("Edge MLOps demo run")
 *         .intro("Nightly loop of pump on fleet eu")
 *         .section("Model card", ModelCardView.html(trained))
 *         .section("Validation", ValidationView.html(pi4), ValidationView.html(gateway))
 *         .section("Drift gate", DriftGateView.html(polls, limits))
 *         .writeTo(Path.of("report"));
 * }</pre>
 */
public final class ReportPage {

    private final String title;
    private final String intro;
    private final List<Part> parts;

    /**
     * One section of the report.
     *
     * @param heading   its heading and its entry in the table of contents
     * @param fragments the HTML fragments under it, in order
     */
    public record Part(String heading, List<String> fragments) {

        public Part {
            fragments = List.copyOf(fragments);
        }
    }

    private ReportPage(String title, String intro, List<Part> parts) {
        this.title = title;
        this.intro = intro;
        this.parts = List.copyOf(parts);
    }

    /** An empty report with this title (the page's title and its top heading). */
    public static ReportPage titled(String title) {
        return new ReportPage(title, null, List.of());
    }

    /** The same report with one line of text under the title (what ran, where, when). */
    public ReportPage intro(String text) {
        return new ReportPage(title, text, parts);
    }

    /** The same report with one more section: a heading over these fragments. */
    public ReportPage section(String heading, String... fragments) {
        return section(heading, List.of(fragments));
    }

    /** The same report with one more section: a heading over these fragments. */
    public ReportPage section(String heading, List<String> fragments) {
        List<Part> more = new ArrayList<>(parts);
        more.add(new Part(heading, fragments));
        return new ReportPage(title, intro, more);
    }

    /** The sections so far. */
    public List<Part> parts() {
        return parts;
    }

    /** The whole document. */
    public String html() {
        StringBuilder b = new StringBuilder(32_768);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(Html.esc(title)).append("</title>\n<style>\n").append(ReportStyle.CSS)
                .append("</style>\n</head>\n<body>\n<header class=\"emo-top\">\n<h1>").append(Html.esc(title))
                .append("</h1>\n");
        if (intro != null) {
            b.append("<p>").append(Html.esc(intro)).append("</p>\n");
        }
        b.append("</header>\n<div class=\"emo-layout\">\n").append(contents()).append("<main>\n");
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            b.append("<section class=\"emo-part\" id=\"").append(anchor(i)).append("\">\n<h2>")
                    .append(Html.esc(part.heading())).append("</h2>\n");
            part.fragments().forEach(b::append);
            b.append("</section>\n");
        }
        return b.append("</main>\n</div>\n<footer class=\"emo-foot\">Written by Edge MLOps from the steps' results; ")
                .append("the same renderer draws the Jenkins build page.</footer>\n</body>\n</html>\n").toString();
    }

    /** Writes the document as {@code index.html} in {@code folder} (created when missing) and returns its path. */
    public Path writeTo(Path folder) throws IOException {
        Files.createDirectories(folder);
        return Files.writeString(folder.resolve("index.html"), html(), StandardCharsets.UTF_8);
    }

    /** The table of contents: one link per section to its anchor on this page. */
    private String contents() {
        StringBuilder b = new StringBuilder("<nav class=\"emo-toc\">\n<h2>Contents</h2>\n<ol>\n");
        for (int i = 0; i < parts.size(); i++) {
            b.append("<li><a href=\"#").append(anchor(i)).append("\">").append(Html.esc(parts.get(i).heading()))
                    .append("</a></li>\n");
        }
        return b.append("</ol>\n</nav>\n").toString();
    }

    /** Anchors are numbered, not derived from headings, so two sections with one heading still link apart. */
    private static String anchor(int index) {
        return "section-" + (index + 1);
    }
}
