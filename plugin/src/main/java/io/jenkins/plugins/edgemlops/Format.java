package io.jenkins.plugins.edgemlops;

import java.math.BigDecimal;
import java.math.MathContext;

/** Formats result values for the build page: whole numbers as they are, decimals to four significant digits. */
final class Format {

    private Format() {
    }

    static String value(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return String.valueOf(d);
            }
            return new BigDecimal(value.toString()).round(new MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }
}
