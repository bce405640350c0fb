package io.edgemlops.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A line chart over time as inline SVG, no script: x is each point's time (so backed-off polls sit further apart and
 * the axis reads "first poll", "+30m", "+1h"), y starts at 0 and ends at a round number above the largest value or
 * limit. Where the wave changes a dotted line is labelled "wave N"; limits are dashed red lines; each series ends in a
 * dot; the legend sits above the plot. Values above the scale are drawn at its top.
 *
 * @param title  what it shows, the figure's caption, e.g. "Largest PSI over the features"
 * @param unit   appended to the y labels and limits, e.g. {@code " ms"}, {@code " %"}, or empty
 * @param times  epoch milliseconds of each point, ascending
 * @param waves  the wave of each point (from 1), or an empty array not to mark waves
 * @param series the lines, each with a value per point
 * @param limits horizontal limit lines
 */
public record LineChart(String title, String unit, long[] times, int[] waves, List<ChartSeries> series,
        List<ChartLimit> limits) {

    /** Width of every chart, in SVG units (it scales down with the page). */
    public static final int WIDTH = 640;
    private static final int LEFT = 60;
    private static final int RIGHT = 16;
    private static final int PLOT_HEIGHT = 150;
    private static final int BOTTOM = 30;
    private static final int LEGEND_ROW = 16;
    private static final int LEGEND_PER_ROW = 3;
    private static final int LEGEND_ITEM_WIDTH = 190;

    public LineChart {
        times = times.clone();
        waves = waves.clone();
        series = List.copyOf(series);
        limits = List.copyOf(limits);
        unit = unit == null ? "" : unit;
    }

    @Override
    public long[] times() {
        return times.clone();
    }

    @Override
    public int[] waves() {
        return waves.clone();
    }

    /** The chart as a {@code <figure class="emo-chart">} holding the SVG. */
    public String html() {
        List<String[]> legend = legend();
        int top = 10 + ((legend.size() + LEGEND_PER_ROW - 1) / LEGEND_PER_ROW) * LEGEND_ROW;
        double bottom = top + PLOT_HEIGHT;
        double yMax = Axis.niceCeiling(largest() * 1.1);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double[] xs = xs(plotWidth);
        Svg svg = new Svg();

        for (int i = 0; i <= 4; i++) {
            double value = yMax * i / 4;
            double at = y(value, yMax, top);
            svg.line(LEFT, at, WIDTH - RIGHT, at, Svg.AXIS, i == 0 ? "none" : "2 4", i == 0 ? 1 : 0.4);
            svg.text(LEFT - 6, at + 4, "end", Units.short3(value) + unit);
        }
        svg.line(LEFT, top, LEFT, bottom, Svg.AXIS, "none", 1);
        timeLabels(svg, plotWidth, bottom);
        for (int i = 1; i < waves.length && i < xs.length; i++) {
            if (waves[i] != waves[i - 1]) {
                svg.line(xs[i], top, xs[i], bottom, Svg.AXIS, "4 3", 0.6);
                svg.text(xs[i] + 3, top + 12, "start", "wave " + waves[i]);
            }
        }
        for (ChartLimit limit : limits) {
            double at = y(limit.value(), yMax, top);
            svg.line(LEFT, at, WIDTH - RIGHT, at, Palette.LIMIT, Palette.DASH, 1);
        }
        for (ChartSeries s : series) {
            line(svg, s, xs, yMax, top);
        }
        for (int i = 0; i < legend.size(); i++) {
            double lx = LEFT + (i % LEGEND_PER_ROW) * LEGEND_ITEM_WIDTH;
            double ly = 14 + (i / LEGEND_PER_ROW) * LEGEND_ROW;
            svg.line(lx, ly - 4, lx + 18, ly - 4, legend.get(i)[1], legend.get(i)[2], 1);
            svg.text(lx + 22, ly, "start", legend.get(i)[0]);
        }
        return svg.figure(title, WIDTH, (int) bottom + BOTTOM);
    }

    /** A polyline through the points that have a value, and a dot on the last one. */
    private static void line(Svg svg, ChartSeries s, double[] xs, double yMax, double top) {
        StringBuilder points = new StringBuilder();
        double[] values = s.values();
        double lastX = Double.NaN;
        double lastY = Double.NaN;
        for (int i = 0; i < xs.length && i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                continue;
            }
            lastX = xs[i];
            lastY = y(Math.min(values[i], yMax), yMax, top);
            points.append(points.length() == 0 ? "" : " ").append(Svg.n(lastX)).append(',').append(Svg.n(lastY));
        }
        if (points.length() > 0) {
            svg.polyline(points.toString(), s.colour(), s.dashed() ? Palette.DASH : "none", s.label());
            svg.circle(lastX, lastY, 3, s.colour());
        }
    }

    private void timeLabels(Svg svg, double plotWidth, double bottom) {
        if (times.length == 0) {
            return;
        }
        long t0 = times[0];
        long t1 = times[times.length - 1];
        svg.text(LEFT, bottom + 18, "start", "first poll");
        if (t1 > t0) {
            svg.text(LEFT + plotWidth / 2, bottom + 18, "middle", "+" + Units.duration(roundForAxis((t1 - t0) / 2)));
            svg.text(WIDTH - RIGHT, bottom + 18, "end", "+" + Units.duration(roundForAxis(t1 - t0)));
        }
    }

    private double[] xs(double plotWidth) {
        double[] xs = new double[times.length];
        long t0 = times.length == 0 ? 0 : times[0];
        long t1 = times.length == 0 ? 0 : times[times.length - 1];
        for (int i = 0; i < times.length; i++) {
            xs[i] = t1 == t0 ? LEFT + plotWidth / 2 : LEFT + plotWidth * (times[i] - t0) / (double) (t1 - t0);
        }
        return xs;
    }

    private double largest() {
        double max = 0;
        for (ChartSeries s : series) {
            max = Axis.max(max, s.values());
        }
        for (ChartLimit limit : limits) {
            max = Math.max(max, limit.value());
        }
        return max;
    }

    /** Legend items: label, colour, dash; the limits share one item. */
    private List<String[]> legend() {
        List<String[]> items = new ArrayList<>();
        for (ChartSeries s : series) {
            items.add(new String[] {s.label(), s.colour(), s.dashed() ? Palette.DASH : "none"});
        }
        if (!limits.isEmpty()) {
            List<String> names = limits.stream().map(l -> l.label() + " " + Units.short3(l.value()) + unit).toList();
            items.add(new String[] {String.join(", ", names), Palette.LIMIT, Palette.DASH});
        }
        return items;
    }

    private static double y(double value, double yMax, double top) {
        return top + PLOT_HEIGHT * (1 - value / yMax);
    }

    /** Axis times to the minute past two minutes, else to the second, so labels read "+3m", not "+2m59s". */
    private static long roundForAxis(long millis) {
        long unit = millis >= 2 * 60_000 ? 60_000 : 1_000;
        return Math.round(millis / (double) unit) * unit;
    }
}
