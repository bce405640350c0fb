package io.jenkins.plugins.edgemlops;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Formats result values for the build page as a person reads them: sizes in KiB/MiB, times in ms, four digits. */
final class Format {

    private static final double KIB = 1024;
    private static final double MIB = KIB * 1024;
    private static final double GIB = MIB * 1024;

    private Format() {
    }

    /** Whole numbers as they are, decimals to four significant digits, anything else as text. */
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

    /** A value in the unit the engine gave ({@code bytes}, {@code ms}, or none). */
    static String withUnit(Object value, String unit) {
        if (!(value instanceof Number number)) {
            return value(value);
        }
        if ("bytes".equals(unit)) {
            return bytes(number.doubleValue());
        }
        if ("ms".equals(unit)) {
            return milliseconds(number.doubleValue());
        }
        return value(number instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) d.longValue()
                : number);
    }

    /** {@code 14610} as {@code 14.3 KiB}, {@code 41300000} as {@code 39.4 MiB}. */
    static String bytes(double bytes) {
        if (bytes < KIB) {
            return String.format(Locale.ROOT, "%.0f bytes", bytes);
        }
        if (bytes < MIB) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / KIB);
        }
        if (bytes < GIB) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / MIB);
        }
        return String.format(Locale.ROOT, "%.2f GiB", bytes / GIB);
    }

    /** Milliseconds to three significant digits, e.g. {@code 0.0988 ms}. */
    static String milliseconds(double ms) {
        return new BigDecimal(ms).round(new MathContext(3)).stripTrailingZeros().toPlainString() + " ms";
    }
}
