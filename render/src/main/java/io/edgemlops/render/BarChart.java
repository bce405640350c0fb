package io.edgemlops.render;

import java.util.List;

/**
 * Horizontal bars as inline SVG, one per name: the latest value as a solid bar over the largest value seen as a pale
 * one, a dashed red vertical line at the limit, and flagged names (drifted features) in red. Used for PSI per feature.
 *
 * @param title   the figure's caption
 * @param bars    the bars, top to bottom
 * @param limit   where the limit line is drawn
 */
public record BarChart(String title, List<Bar> bars, double limit) {

    private static final int ROW = 18;
    private static final int LABEL_WIDTH = 150;
    private static final int TOP = 24;
    private static final int BOTTOM = 30;

    /**
     * One bar.
     *
     * @param name    the label left of the bar
     * @param latest  the solid bar's value
     * @param largest the pale bar's value (the largest seen), NaN for none
     * @param flagged drawn in red
     */
    public record Bar(String name, double latest, double largest, boolean flagged) {
    }

    public BarChart {
        bars = List.copyOf(bars);
    }

    /** The chart as a {@code <figure class="emo-chart">} holding the SVG. */
    public String html() {
        double max = limit;
        for (Bar bar : bars) {
            max = Math.max(max, Math.max(finite(bar.latest()), finite(bar.largest())));
        }
        double xMax = Axis.niceCeiling(max * 1.1);
        double x0 = LABEL_WIDTH;
        double plotWidth = LineChart.WIDTH - LABEL_WIDTH - 16 - 50;
        Svg svg = new Svg();
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double yTop = TOP + i * ROW + 3;
            double pale = plotWidth * finite(bar.largest()) / xMax;
            double solid = plotWidth * finite(bar.latest()) / xMax;
            String colour = bar.flagged() ? Palette.LIMIT : Palette.series(0);
            svg.rect(x0, yTop, pale, ROW - 6, colour, 0.3);
            svg.rect(x0, yTop, solid, ROW - 6, colour, 1);
            svg.text(x0 - 6, yTop + ROW - 8, "end", bar.name());
            svg.text(x0 + Math.max(solid, pale) + 4, yTop + ROW - 8, "start", Units.short3(bar.latest()));
        }
        double bottom = TOP + ROW * bars.size();
        double at = x0 + plotWidth * limit / xMax;
        svg.line(x0, TOP, x0, bottom, Svg.AXIS, "none", 1);
        svg.line(at, TOP - 4, at, bottom, Palette.LIMIT, Palette.DASH, 1);
        svg.text(at, TOP - 8, "middle", "limit " + Units.short3(limit));
        svg.text(x0, bottom + 16, "start", "0");
        svg.text(x0 + plotWidth, bottom + 16, "end", Units.short3(xMax));
        return svg.figure(title, LineChart.WIDTH, (int) bottom + BOTTOM);
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }
}
