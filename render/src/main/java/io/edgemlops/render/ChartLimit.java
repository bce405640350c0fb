package io.edgemlops.render;

/**
 * A horizontal limit across a {@link LineChart} (the PSI threshold, a latency budget), drawn dashed in red.
 *
 * @param label what it is, e.g. "threshold"
 * @param value where it is, in the chart's unit
 */
public record ChartLimit(String label, double value) {
}
