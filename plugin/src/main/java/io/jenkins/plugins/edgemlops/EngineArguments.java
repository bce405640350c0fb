package io.jenkins.plugins.edgemlops;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Renders step parameters as engine flags: the parameter {@code batchSize} becomes {@code --batch-size=64}, a list becomes
 * a comma-separated value, {@code true} a bare flag. Absent values ({@code null}, {@code false}) produce nothing, so the
 * engine's own defaults apply. The {@code --name=value} form keeps a value that starts with '-' from reading as a flag.
 */
public final class EngineArguments {

    private final List<String> rendered = new ArrayList<>();

    /** Adds one parameter; see the class comment for how each value type is rendered. */
    public EngineArguments add(String parameter, Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return this;
        }
        String flag = "--" + kebabCase(parameter);
        if (Boolean.TRUE.equals(value)) {
            rendered.add(flag);
        } else {
            rendered.add(flag + "=" + render(value));
        }
        return this;
    }

    /** The flags in the order they were added. */
    public List<String> toList() {
        return List.copyOf(rendered);
    }

    /** {@code learningRate} to {@code learning-rate}; runs of capitals count as one word ({@code latencyP95Ms} to {@code latency-p95-ms}). */
    public static String kebabCase(String camelCase) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < camelCase.length(); i++) {
            char c = camelCase.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean previousIsLower = i > 0 && !Character.isUpperCase(camelCase.charAt(i - 1));
                if (i > 0 && previousIsLower) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    static String render(Object value) {
        if (value instanceof Collection<?> values) {
            List<String> parts = new ArrayList<>();
            for (Object element : values) {
                parts.add(render(element));
            }
            return String.join(",", parts);
        }
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())
                || value instanceof Float f && (f.isNaN() || f.isInfinite())) {
            return value.toString();
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            // Plain decimal notation: 1.0E-4 would be valid for Double.parseDouble, but 0.0001 is what users wrote.
            BigDecimal decimal = value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
            return decimal.stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }
}
