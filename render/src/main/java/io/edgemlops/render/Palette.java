package io.edgemlops.render;

/** The charts' colours: a series colour per index, and red for limits and flagged values. */
public final class Palette {

    /** Limits (thresholds, budgets) and flagged bars (drifted features). */
    public static final String LIMIT = "#d62728";
    /** The dash pattern of limits and control series. */
    public static final String DASH = "6 4";

    private static final String[] SERIES = {"#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf",
        "#e377c2", "#7f7f7f"};

    private Palette() {
    }

    /** The colour of series {@code i}, repeating after eight. */
    public static String series(int i) {
        return SERIES[Math.floorMod(i, SERIES.length)];
    }
}
