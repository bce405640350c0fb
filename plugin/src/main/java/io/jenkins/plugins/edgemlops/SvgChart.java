package io.jenkins.plugins.edgemlops;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small chart for the build page as plain SVG shapes (lines, polylines, circles, rectangles, texts) whose coordinates
 * are computed here; the view writes each shape as an inline SVG element. No scripts, no styles, no external assets:
 * axes and labels take the page's text colour ({@code currentColor}), series have fixed colours. Made from the section's
 * saved numbers whenever the page is shown; never saved itself.
 */
public final class SvgChart {

    static final int WIDTH = 640;
    private static final int LEFT = 60;
    private static final int RIGHT = 16;
    private static final int PLOT_HEIGHT = 150;
    private static final int BOTTOM = 30;
    private static final int LEGEND_ROW = 16;
    private static final int LEGEND_ITEMS_PER_ROW = 3;
    private static final int LEGEND_ITEM_WIDTH = 190;
    private static final String AXIS = "currentColor";
    static final String LIMIT_COLOUR = "#d62728";
    static final String[] PALETTE = {"#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#e377c2",
        "#7f7f7f"};

    private final String title;
    private final int height;
    private final List<Shape> rects = new ArrayList<>();
    private final List<Shape> lines = new ArrayList<>();
    private final List<Shape> polylines = new ArrayList<>();
    private final List<Shape> circles = new ArrayList<>();
    private final List<Shape> texts = new ArrayList<>();

    private SvgChart(String title, int height) {
        this.title = title;
        this.height = height;
    }

    /** One series of a line chart: a value per point (NaN where it has none). */
    record Series(String label, String colour, boolean dashed, double[] values) {
    }

    /** A horizontal limit line across the plot, e.g. the PSI threshold. */
    record Limit(String label, double value) {
    }

    /**
     * One shape. Only the attributes of its kind are set: a line has x1..y2, a polyline {@code points}, a circle cx, cy
     * and r, a rectangle x, y, width and height, a text x, y, {@code anchor} and {@code text}.
     */
    public static final class Shape {
        private final String x1;
        private final String y1;
        private final String x2;
        private final String y2;
        private final String points;
        private final String colour;
        private final String dash;
        private final String anchor;
        private final String text;
        private final String opacity;

        private Shape(String x1, String y1, String x2, String y2, String points, String colour, String dash,
                String anchor, String text, String opacity) {
            this.x1 = x1;
            this.y1 = y1;
            this.x2 = x2;
            this.y2 = y2;
            this.points = points;
            this.colour = colour;
            this.dash = dash;
            this.anchor = anchor;
            this.text = text;
            this.opacity = opacity;
        }

        /** x of a line's start, a text, a circle's centre or a rectangle's left edge. */
        public String getX() {
            return x1;
        }

        /** y of a line's start, a text's baseline, a circle's centre or a rectangle's top. */
        public String getY() {
            return y1;
        }

        /** x of a line's end; a rectangle's width; a circle's radius. */
        public String getX2() {
            return x2;
        }

        /** y of a line's end; a rectangle's height. */
        public String getY2() {
            return y2;
        }

        public String getPoints() {
            return points;
        }

        public String getColour() {
            return colour;
        }

        /** {@code stroke-dasharray}: {@code none} or a dash pattern. */
        public String getDash() {
            return dash;
        }

        /** {@code text-anchor} of a text. */
        public String getAnchor() {
            return anchor;
        }

        public String getText() {
            return text;
        }

        public String getOpacity() {
            return opacity;
        }
    }

    public String getTitle() {
        return title;
    }

    public int getWidth() {
        return WIDTH;
    }

    public int getHeight() {
        return height;
    }

    public List<Shape> getRects() {
        return List.copyOf(rects);
    }

    public List<Shape> getLines() {
        return List.copyOf(lines);
    }

    public List<Shape> getPolylines() {
        return List.copyOf(polylines);
    }

    public List<Shape> getCircles() {
        return List.copyOf(circles);
    }

    public List<Shape> getTexts() {
        return List.copyOf(texts);
    }

    /**
     * A line chart over time: x is the time of each point (so backed-off polls sit further apart), y starts at 0.
     *
     * @param title  what the chart shows, e.g. "Largest PSI over the features"
     * @param unit   appended to the y-axis labels, e.g. {@code " ms"}, {@code " %"}, or empty
     * @param times  epoch milliseconds of each point
     * @param waves  the wave each point judged, to mark where a new wave starts
     * @param series the series, each with a value per point
     * @param limits horizontal limit lines
     */
    static SvgChart overTime(String title, String unit, long[] times, int[] waves, List<Series> series,
            List<Limit> limits) {
        int legendItems = series.size() + (limits.isEmpty() ? 0 : 1);
        int legendRows = (legendItems + LEGEND_ITEMS_PER_ROW - 1) / LEGEND_ITEMS_PER_ROW;
        int top = 10 + legendRows * LEGEND_ROW;
        SvgChart chart = new SvgChart(title, top + PLOT_HEIGHT + BOTTOM);
        double max = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        for (Limit limit : limits) {
            max = Math.max(max, limit.value());
        }
        double yMax = niceCeiling(max * 1.1);
        double plotWidth = WIDTH - LEFT - RIGHT;
        long t0 = times.length == 0 ? 0 : times[0];
        long t1 = times.length == 0 ? 0 : times[times.length - 1];
        double[] xs = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            xs[i] = t1 == t0 ? LEFT + plotWidth / 2 : LEFT + plotWidth * (times[i] - t0) / (double) (t1 - t0);
        }
        java.util.function.DoubleUnaryOperator y = v -> top + PLOT_HEIGHT * (1 - v / yMax);

        // Axes, horizontal grid and y labels.
        for (int i = 0; i <= 4; i++) {
            double value = yMax * i / 4;
            double at = y.applyAsDouble(value);
            chart.lines.add(line(LEFT, at, WIDTH - RIGHT, at, AXIS, i == 0 ? "none" : "2 4", null));
            chart.texts.add(text(LEFT - 6, at + 4, "end", label(value) + unit));
        }
        chart.lines.add(line(LEFT, top, LEFT, top + PLOT_HEIGHT, AXIS, "none", null));
        // x labels: elapsed time since the first poll.
        double bottom = top + PLOT_HEIGHT;
        if (times.length > 0) {
            chart.texts.add(text(LEFT, bottom + 18, "start", "first poll"));
            if (t1 > t0) {
                chart.texts.add(text(LEFT + plotWidth / 2, bottom + 18, "middle",
                        "+" + DriftGatePolls.duration(roundForAxis((t1 - t0) / 2))));
                chart.texts.add(text(WIDTH - RIGHT, bottom + 18, "end",
                        "+" + DriftGatePolls.duration(roundForAxis(t1 - t0))));
            }
        }
        // Where a new wave starts.
        for (int i = 1; i < waves.length && i < xs.length; i++) {
            if (waves[i] != waves[i - 1]) {
                chart.lines.add(line(xs[i], top, xs[i], bottom, AXIS, "4 3", "0.6"));
                chart.texts.add(text(xs[i] + 3, top + 12, "start", "wave " + waves[i]));
            }
        }
        // Limits.
        for (Limit limit : limits) {
            double at = y.applyAsDouble(limit.value());
            chart.lines.add(line(LEFT, at, WIDTH - RIGHT, at, LIMIT_COLOUR, "6 4", null));
        }
        // Series: a polyline through the points that have a value, and a dot on the last one.
        for (Series s : series) {
            StringBuilder points = new StringBuilder();
            double lastX = Double.NaN;
            double lastY = Double.NaN;
            for (int i = 0; i < xs.length && i < s.values().length; i++) {
                double v = s.values()[i];
                if (!Double.isFinite(v)) {
                    continue;
                }
                lastX = xs[i];
                lastY = y.applyAsDouble(Math.min(v, yMax));
                if (points.length() > 0) {
                    points.append(' ');
                }
                points.append(coordinate(lastX)).append(',').append(coordinate(lastY));
            }
            if (points.length() > 0) {
                chart.polylines.add(new Shape(null, null, null, null, points.toString(), s.colour(),
                        s.dashed() ? "6 4" : "none", null, null, null));
                chart.circles.add(new Shape(coordinate(lastX), coordinate(lastY), "3", null, null, s.colour(), null,
                        null, null, null));
            }
        }
        // Legend above the plot.
        List<Object[]> items = new ArrayList<>();
        for (Series s : series) {
            items.add(new Object[] {s.label(), s.colour(), s.dashed() ? "6 4" : "none"});
        }
        if (!limits.isEmpty()) {
            List<String> names = limits.stream().map(l -> l.label() + " " + label(l.value()) + unit).toList();
            items.add(new Object[] {String.join(", ", names), LIMIT_COLOUR, "6 4"});
        }
        for (int i = 0; i < items.size(); i++) {
            double lx = LEFT + (i % LEGEND_ITEMS_PER_ROW) * LEGEND_ITEM_WIDTH;
            double ly = 14 + (i / LEGEND_ITEMS_PER_ROW) * LEGEND_ROW;
            chart.lines.add(line(lx, ly - 4, lx + 18, ly - 4, (String) items.get(i)[1], (String) items.get(i)[2], null));
            chart.texts.add(text(lx + 22, ly, "start", (String) items.get(i)[0]));
        }
        return chart;
    }

    /**
     * Horizontal bars, one per name: the latest value as a solid bar over the largest value seen as a pale one, with the
     * limit as a dashed vertical line; the names flagged (drifted features) are drawn in the limit's colour.
     */
    static SvgChart bars(String title, List<String> names, double[] latest, double[] largest, boolean[] flagged,
            double limit) {
        int row = 18;
        int labelWidth = 150;
        int top = 24;
        SvgChart chart = new SvgChart(title, top + row * names.size() + BOTTOM);
        double max = limit;
        for (int i = 0; i < names.size(); i++) {
            max = Math.max(max, Math.max(finite(latest[i]), finite(largest[i])));
        }
        double xMax = niceCeiling(max * 1.1);
        double x0 = labelWidth;
        double plotWidth = WIDTH - labelWidth - RIGHT - 50;
        for (int i = 0; i < names.size(); i++) {
            double yTop = top + i * row + 3;
            double pale = plotWidth * finite(largest[i]) / xMax;
            double solid = plotWidth * finite(latest[i]) / xMax;
            String colour = flagged[i] ? LIMIT_COLOUR : PALETTE[0];
            chart.rects.add(new Shape(coordinate(x0), coordinate(yTop), coordinate(pale), coordinate(row - 6), null,
                    colour, null, null, null, "0.3"));
            chart.rects.add(new Shape(coordinate(x0), coordinate(yTop), coordinate(solid), coordinate(row - 6), null,
                    colour, null, null, null, "1"));
            chart.texts.add(text(x0 - 6, yTop + row - 8, "end", names.get(i)));
            chart.texts.add(text(x0 + Math.max(solid, pale) + 4, yTop + row - 8, "start", label(latest[i])));
        }
        double bottom = top + row * names.size();
        double at = x0 + plotWidth * limit / xMax;
        chart.lines.add(line(x0, top, x0, bottom, AXIS, "none", null));
        chart.lines.add(line(at, top - 4, at, bottom, LIMIT_COLOUR, "6 4", null));
        chart.texts.add(text(at, top - 8, "middle", "limit " + label(limit)));
        chart.texts.add(text(x0, bottom + 16, "start", "0"));
        chart.texts.add(text(x0 + plotWidth, bottom + 16, "end", label(xMax)));
        return chart;
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code value}; 1 for nothing to show. */
    static double niceCeiling(double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * power >= value * (1 - 1e-12)) {
                return step * power;
            }
        }
        return 10 * power;
    }

    /** Axis numbers to three significant digits, without trailing zeros. */
    static String label(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static long roundForAxis(long millis) {
        long unit = millis >= 2 * 60_000 ? 60_000 : 1_000;
        return Math.round(millis / (double) unit) * unit;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    private static Shape line(double x1, double y1, double x2, double y2, String colour, String dash, String opacity) {
        return new Shape(coordinate(x1), coordinate(y1), coordinate(x2), coordinate(y2), null, colour, dash, null, null,
                opacity == null ? "1" : opacity);
    }

    private static Shape text(double x, double y, String anchor, String text) {
        return new Shape(coordinate(x), coordinate(y), null, null, null, AXIS, null, anchor, text, null);
    }

    private static String coordinate(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
