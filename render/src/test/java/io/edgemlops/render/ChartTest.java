package io.edgemlops.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Charts are inline SVG with polylines, no script, and legends and limits in place. */
class ChartTest {

    @Test
    void aLineChartIsAFigureWithOnePolylinePerSeries() {
        String html = new LineChart("Latency", " ms", new long[] {0, 60_000, 120_000}, new int[] {1, 1, 2},
                List.of(new ChartSeries("pi", Palette.series(0), false, new double[] {4, Double.NaN, 5}),
                        new ChartSeries("pi control", Palette.series(0), true, new double[] {4, 4, 4})),
                List.of(new ChartLimit("budget", 10))).html();

        assertTrue(html.startsWith("<figure class=\"emo-chart\">"), html);
        assertEquals(2, html.split("<polyline").length - 1, html);
        assertTrue(html.contains("points=\"60.0,"), "x starts at the plot's left edge:\n" + html);
        assertEquals(2, html.split("<polyline points=\"")[1].split("\"")[0].split(" ").length,
                "a NaN is skipped");
        assertTrue(html.contains(">budget 10 ms</text>"), html);
        assertTrue(html.contains(">wave 2</text>"), html);
        assertTrue(html.contains(">+2m</text>"), html);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("http"), "no namespace or link is needed inline:\n" + html);
    }

    @Test
    void aSinglePointSitsInTheMiddle() {
        String html = new LineChart("One", "", new long[] {5}, new int[0], List.of(new ChartSeries("x",
                Palette.series(1), false, new double[] {1})), List.of()).html();
        assertTrue(html.contains("points=\"342.0,"), html);
    }

    @Test
    void barsFlagInRed() {
        String html = new BarChart("PSI", List.of(new BarChart.Bar("temp", 0.3, 0.4, true),
                new BarChart.Bar("rpm", 0.01, Double.NaN, false)), 0.2).html();
        assertEquals(4, html.split("<rect ").length - 1, html);
        assertTrue(html.contains("fill=\"" + Palette.LIMIT + "\""), html);
        assertTrue(html.contains(">limit 0.2</text>"), html);
    }
}
