package io.edgemlops.contract;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** How values appear in messages, help and on the command line: the way a user would type them. */
public final class Values {

    private Values() {
    }

    /**
     * {@code 0.0} as {@code 0}, {@code 1.0E-4} as {@code 0.0001}; lists comma-separated; maps as comma-separated
     * {@code name=value} pairs; text as it is.
     */
    public static String plain(Object value) {
        if (value instanceof Collection<?> list) {
            return list.stream().map(Values::plain).collect(Collectors.joining(","));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> plain(e.getKey()) + "=" + plain(e.getValue()))
                    .collect(Collectors.joining(","));
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

    /**
     * The {@link ParameterType#TEXT_MAP} text form: {@code name=value} pairs separated by commas, read in order with
     * names and values trimmed. Also reads the forms a map takes when it is printed and pasted back, Groovy's
     * {@code [name:value, …]} and Java's {@code {name=value, …}}: without an {@code =}, a pair splits at its first
     * {@code :}. A pair with neither keeps an empty value, which {@link Parameter#check} refuses.
     *
     * @throws IllegalArgumentException when a name is given twice (words to follow the parameter's label)
     */
    public static Map<String, String> pairs(String text) {
        String body = text.trim();
        if (body.length() >= 2 && (body.startsWith("[") && body.endsWith("]")
                || body.startsWith("{") && body.endsWith("}"))) {
            body = body.substring(1, body.length() - 1);
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : body.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int split = pair.indexOf('=') >= 0 ? pair.indexOf('=') : pair.indexOf(':');
            String name = (split < 0 ? pair : pair.substring(0, split)).trim();
            String value = split < 0 ? "" : pair.substring(split + 1).trim();
            if (pairs.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("names " + name + " twice, got '" + text.trim() + "'");
            }
        }
        return pairs;
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
