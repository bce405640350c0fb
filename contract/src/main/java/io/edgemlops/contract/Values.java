package io.edgemlops.contract;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.stream.Collectors;

/** How values appear in messages, help and on the command line: the way a user would type them. */
public final class Values {

    private Values() {
    }

    /** {@code 0.0} as {@code 0}, {@code 1.0E-4} as {@code 0.0001}; lists comma-separated; text as it is. */
    public static String plain(Object value) {
        if (value instanceof Collection<?> list) {
            return list.stream().map(Values::plain).collect(Collectors.joining(","));
        }
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return d.toString();
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            BigDecimal decimal = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
            return decimal.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    /** {@code learningRate} to {@code learning-rate}; a run of capitals is one word ({@code latencyP95Ms} to {@code latency-p95-ms}). */
    public static String kebabCase(String camelCase) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < camelCase.length(); i++) {
            char c = camelCase.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && !Character.isUpperCase(camelCase.charAt(i - 1))) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
