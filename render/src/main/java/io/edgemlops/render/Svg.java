package io.edgemlops.render;

import java.util.Locale;

/**
 * Writes the few SVG elements the charts use, with coordinates to one decimal. Package-private: the charts' public
 * face is {@link LineChart} and {@link BarChart}. Axes and labels use {@code currentColor}, so a chart takes the text
 * colour of the page around it (Jenkins' light or dark theme, the report); series have fixed colours.
 */
final class Svg {

    static final String AXIS = "currentColor";

    private final StringBuilder b = new StringBuilder(4096);

    void line(double x1, double y1, double x2, double y2, String colour, String dash, double opacity) {
        b.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(colour).append('"');
        dash(dash);
        if (opacity < 1) {
            b.append(" stroke-opacity=\"").append(n(opacity)).append('"');
        }
        b.append(" stroke-width=\"1\"/>\n");
    }

    void polyline(String points, String colour, String dash, String title) {
        b.append("<polyline points=\"").append(points).append("\" fill=\"none\" stroke=\"").append(colour)
                .append("\" stroke-width=\"2\"");
        dash(dash);
        b.append("><title>").append(Html.esc(title)).append("</title></polyline>\n");
    }

    void circle(double x, double y, double r, String colour) {
        b.append("<circle cx=\"").append(n(x)).append("\" cy=\"").append(n(y)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(colour).append("\"/>\n");
    }

    void rect(double x, double y, double width, double height, String colour, double opacity) {
        b.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(width))
                .append("\" height=\"").append(n(height)).append("\" fill=\"").append(colour)
                .append("\" fill-opacity=\"").append(n(opacity)).append("\"/>\n");
    }

    void text(double x, double y, String anchor, String text) {
        b.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"").append(anchor)
                .append("\" fill=\"").append(AXIS).append("\">").append(Html.esc(text)).append("</text>\n");
    }

    /** The chart as a {@code <figure>} with its title as caption and as the image's accessible name. */
    String figure(String title, int width, int height) {
        String t = Html.esc(title);
        return "<figure class=\"emo-chart\">\n<figcaption>" + t + "</figcaption>\n<svg width=\"" + width
                + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " " + height + "\" role=\"img\" aria-label=\""
                + t + "\" font-family=\"sans-serif\" font-size=\"11\">\n" + b + "</svg>\n</figure>\n";
    }

    static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private void dash(String dash) {
        if (dash != null && !dash.equals("none")) {
            b.append(" stroke-dasharray=\"").append(dash).append('"');
        }
    }
}
