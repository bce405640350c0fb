package io.edgemlops.target;

import java.math.BigDecimal;
import java.math.MathContext;

/** Formatting of check figures: up to 4 significant digits, no exponent for everyday magnitudes. */
public final class Numbers {

    private Numbers() {
    }

    /** {@code 12}, {@code 0.01234}, {@code 1.235e+09}. */
    public static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double abs = Math.abs(v);
        if (abs != 0 && (abs < 1e-4 || abs >= 1e9)) {
            return String.format(java.util.Locale.ROOT, "%.3e", v);
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
