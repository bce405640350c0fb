package io.edgemlops.render;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;

/**
 * Numbers as a person reads them: sizes in KiB/MiB, times in ms, shares in %, decimals to four significant digits.
 * The one formatter of the build page, the static report and the gate's report, so a figure reads the same in all.
 */
public final class Units {

    private static final double KIB = 1024;
    private static final double MIB = KIB * 1024;
    private static final double GIB = MIB * 1024;

    private Units() {
    }

    /** Whole numbers as they are, decimals to four significant digits, anything else as text; null stays null. */
    public static String value(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                return String.valueOf(d);
            }
            return new BigDecimal(value.toString()).round(new MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    /**
     * A value in the unit a result names ({@code bytes}, {@code ms}, {@code s}, or none). A whole decimal without a unit
     * ({@code 0.0}) is written as a whole number ({@code 0}).
     */
    public static String withUnit(Object value, String unit) {
        if (!(value instanceof Number number)) {
            return value(value);
        }
        return switch (unit == null ? "" : unit) {
            case "bytes" -> bytes(number.doubleValue());
            case "ms" -> milliseconds(number.doubleValue());
            case "s" -> seconds(number.doubleValue());
            default -> value(number instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15
                    ? (Object) d.longValue() : number);
        };
    }

    /** {@code 512} as {@code 512 bytes}, {@code 14610} as {@code 14.3 KiB}, {@code 41300000} as {@code 39.4 MiB}. */
    public static String bytes(double bytes) {
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

    /** Milliseconds to three significant digits: {@code 0.09875} as {@code 0.0988 ms}. */
    public static String milliseconds(double ms) {
        if (!Double.isFinite(ms)) {
            return "n/a";
        }
        return new BigDecimal(ms).round(new MathContext(3)).stripTrailingZeros().toPlainString() + " ms";
    }

    /** Seconds shown in milliseconds, the unit every latency on the pages uses: {@code 0.0042} as {@code 4.2 ms}. */
    public static String seconds(double seconds) {
        return milliseconds(seconds * 1000);
    }

    /** A share (0..1) in percent to four significant digits: {@code 0.9975} as {@code 99.75 %}. */
    public static String percent(double share) {
        if (!Double.isFinite(share)) {
            return "n/a";
        }
        return value(share * 100) + " %";
    }

    /** Axis labels and chart values: three significant digits, no trailing zeros, {@code n/a} for no value. */
    public static String short3(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** A PSI with three decimals ({@code 0.930}), {@code -} for no value. */
    public static String psi(Object value) {
        return value instanceof Number n && Double.isFinite(n.doubleValue())
                ? String.format(Locale.ROOT, "%.3f", n.doubleValue()) : "-";
    }

    /** A p-value: four decimals, or scientific below 0.0001 ({@code 1.0e-40}); {@code -} for no value. */
    public static String pValue(Object value) {
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            return "-";
        }
        double v = n.doubleValue();
        return v < 1e-4 ? String.format(Locale.ROOT, "%.1e", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    /** An elapsed time for an axis: {@code 3m}, {@code 1h30m}, {@code 45s} (the contract's duration text). */
    public static String duration(long millis) {
        return io.edgemlops.contract.DurationText.format(Duration.ofSeconds(Math.max(0, (millis + 999) / 1000)));
    }
}
