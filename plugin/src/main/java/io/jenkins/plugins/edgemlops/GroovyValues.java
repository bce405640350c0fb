package io.jenkins.plugins.edgemlops;

import io.edgemlops.contract.Parameter;
import io.edgemlops.contract.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Turns what a Jenkinsfile passed (strings, GStrings already made {@code String} by Pipeline, numbers of any boxed
 * type, lists, the Snippet Generator's {@code "[a, b]"} text) into the Java type of the parameter's contract, so the
 * contract can judge it. This is the only argument handling the plugin does itself.
 */
final class GroovyValues {

    private GroovyValues() {
    }

    /**
     * The converted value (null when absent or blank), or null with a problem naming the parameter added to
     * {@code problems} when the value is not of a usable kind.
     */
    static Object convert(Parameter p, Object raw, List<String> problems) {
        if (raw == null || raw instanceof CharSequence text && text.toString().isBlank()) {
            return null;
        }
        return switch (p.type()) {
            case TEXT, CHOICE -> raw.toString().trim();
            case FLAG -> raw instanceof Boolean b ? b : Boolean.parseBoolean(raw.toString().trim());
            case TEXT_OR_WHOLE_NUMBER -> textOrWhole(p, raw, problems);
            case WHOLE_NUMBER -> whole(p, raw, problems);
            case DECIMAL -> decimal(p, raw, problems);
            case TEXT_LIST -> names(raw);
            case WHOLE_NUMBER_LIST -> wholes(p, raw, problems);
        };
    }

    private static String textOrWhole(Parameter p, Object raw, List<String> problems) {
        if (raw instanceof CharSequence text) {
            return text.toString().trim();
        }
        BigInteger whole = wholeNumber(raw);
        if (whole == null) {
            problems.add(p.label() + " must be text or a whole number, got " + describe(raw));
            return null;
        }
        return whole.toString();
    }

    private static Long whole(Parameter p, Object raw, List<String> problems) {
        BigInteger whole = raw instanceof CharSequence text ? parseWhole(text.toString().trim()) : wholeNumber(raw);
        if (whole == null || whole.bitLength() > 63) {
            problems.add(p.label() + " must be a whole number, got " + describe(raw));
            return null;
        }
        return whole.longValue();
    }

    private static Double decimal(Parameter p, Object raw, List<String> problems) {
        if (raw instanceof Number number) {
            return number.doubleValue();
        }
        try {
            return Double.valueOf(raw.toString().trim());
        } catch (NumberFormatException notANumber) {
            problems.add(p.label() + " must be a number, got " + describe(raw));
            return null;
        }
    }

    private static List<String> names(Object raw) {
        List<Object> elements = elements(raw);
        if (elements == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (Object element : elements) {
            names.add(element == null ? "" : element.toString().trim());
        }
        return names;
    }

    private static List<Long> wholes(Parameter p, Object raw, List<String> problems) {
        List<Object> elements = elements(raw);
        if (elements == null) {
            return null;
        }
        List<Long> numbers = new ArrayList<>();
        for (Object element : elements) {
            BigInteger whole = element instanceof CharSequence text ? parseWhole(text.toString().trim())
                    : wholeNumber(element);
            if (whole == null || whole.bitLength() > 63) {
                problems.add(p.label() + " must list whole numbers, got " + describe(raw));
                return null;
            }
            numbers.add(whole.longValue());
        }
        return numbers;
    }

    private static List<Object> elements(Object value) {
        if (value instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        if (value instanceof Object[] array) {
            return List.of(array);
        }
        String text = value.toString().trim();
        // The Snippet Generator round-trips a list through its text field as "[a, b]".
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.isBlank()) {
            return null;
        }
        return new ArrayList<>(List.of((Object[]) text.split(",", -1)));
    }

    private static BigInteger wholeNumber(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return big;
        }
        if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
            try {
                return new BigDecimal(value.toString()).toBigIntegerExact();
            } catch (ArithmeticException | NumberFormatException notWhole) {
                return null;
            }
        }
        return null;
    }

    private static BigInteger parseWhole(String text) {
        try {
            return new BigInteger(text);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static String describe(Object value) {
        return value instanceof CharSequence ? "'" + value + "'" : Values.plain(value);
    }
}
