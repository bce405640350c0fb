package io.edgemlops.render;

/** Round axis ends: the chart's scale runs to the next 1, 2, 2.5 or 5 times a power of ten. */
final class Axis {

    private Axis() {
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

    /** The largest finite value, at least {@code floor}. */
    static double max(double floor, double[] values) {
        double max = floor;
        for (double v : values) {
            if (Double.isFinite(v)) {
                max = Math.max(max, v);
            }
        }
        return max;
    }
}
