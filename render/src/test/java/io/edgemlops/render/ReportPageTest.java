package io.edgemlops.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone report: every section in the table of contents, nothing loaded from elsewhere. */
class ReportPageTest {

    private static ReportPage demo() {
        return ReportPage.titled("Edge MLOps demo run")
                .intro("Nightly loop of pump on fleet eu")
                .section("Model card", ModelCardView.html(Samples.train()))
                .section("Quantization", QuantizationView.html(Samples.quantize()))
                .section("Validation", ValidationView.html(Samples.validate()))
                .section("Rollout", RolloutView.html(Samples.publish()))
                .section("Drift gate", DriftGateView.html(Samples.polls(), Samples.LIMITS))
                .section("Field drift", FieldDriftView.html(Samples.monitor()));
    }

    @Test
    void everySectionIsInTheTableOfContentsAndLinksToItsAnchor() {
        String html = demo().html();

        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("<title>Edge MLOps demo run</title>"), html);
        List<String> headings = List.of("Model card", "Quantization", "Validation", "Rollout", "Drift gate",
                "Field drift");
        String toc = html.substring(html.indexOf("<nav class=\"emo-toc\">"), html.indexOf("</nav>"));
        for (int i = 0; i < headings.size(); i++) {
            String anchor = "section-" + (i + 1);
            assertTrue(toc.contains("<li><a href=\"#" + anchor + "\">" + headings.get(i) + "</a></li>"), toc);
            assertTrue(html.contains("<section class=\"emo-part\" id=\"" + anchor + "\">\n<h2>" + headings.get(i)
                    + "</h2>"), headings.get(i));
        }
        assertTrue(html.contains("Drift gate of pump version 3 in fleet eu: PROMOTED"), html);
        assertTrue(html.contains("<polyline"), html);
    }

    @Test
    void nothingIsLoadedFromOutsideThePage() {
        String html = demo().html();

        Matcher refs = Pattern.compile("(?i)(src|href)\\s*=\\s*\"([^\"]*)\"|url\\(([^)]*)\\)").matcher(html);
        int links = 0;
        while (refs.find()) {
            String target = refs.group(2) != null ? refs.group(2) : refs.group(3);
            assertTrue(target.startsWith("#"), "only links within the page: " + refs.group());
            links++;
        }
        assertEquals(6, links, "the table of contents' links");
        assertFalse(html.toLowerCase().contains("http://") || html.toLowerCase().contains("https://"), html);
        assertFalse(html.contains("<script") || html.contains("<link") || html.contains("@import"), html);
        assertTrue(html.contains("<style>"), "the style is inline");
        assertTrue(html.contains(FragmentStyle.CSS), "with the fragments' rules the build page uses too");
    }

    @Test
    void writesIndexHtmlIntoTheFolder(@TempDir Path folder) throws Exception {
        Path index = demo().writeTo(folder.resolve("report"));

        assertEquals(folder.resolve("report/index.html"), index);
        assertEquals(demo().html(), Files.readString(index));
    }

    @Test
    void isImmutable() {
        ReportPage empty = ReportPage.titled("t");
        ReportPage one = empty.section("a", "<p>x</p>");

        assertEquals(0, empty.parts().size());
        assertEquals(1, one.parts().size());
        assertEquals(List.of("<p>x</p>"), one.parts().get(0).fragments());
    }
}
