package io.edgemlops.render;

/**
 * One line of a {@link LineChart}: a value per point, NaN where it has none (the line skips it).
 *
 * @param label  the legend's text
 * @param colour a CSS colour, e.g. from {@link Palette#series(int)}
 * @param dashed dashed (a control group beside its new version), or solid
 * @param values one value per point of the chart
 */
public record ChartSeries(String label, String colour, boolean dashed, double[] values) {

    public ChartSeries {
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }
}
