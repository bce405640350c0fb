package io.jenkins.plugins.edgemlops;

import io.edgemlops.contract.Parameter;
import io.edgemlops.contract.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what a Jenkinsfile passed (strings, GStrings already made {@code String} by Pipeline, numbers of any boxed
 * type, lists, maps, the Snippet Generator's {@code "[a, b]"} text) into the Java type of the parameter's contract, so the
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
            case TEXT, CHOICE, DURATION -> raw.toString().trim();
            case FLAG -> raw instanceof Boolean b ? b : Boolean.parseBoolean(raw.toString().trim());
            case TEXT_OR_WHOLE_NUMBER -> textOrWhole(p, raw, problems);
            case WHOLE_NUMBER -> whole(p, raw, problems);
            case DECIMAL -> decimal(p, raw, problems);
            case TEXT_LIST -> names(raw);
            case WHOLE_NUMBER_LIST -> wholes(p, raw, problems);
            case TEXT_MAP -> pairs(p, raw, problems);
            case WAVE_LIST -> waves(p, raw, problems);
        };
    }

    /**
     * A Groovy map ({@code ['raspberry-pi-4': 'int8']}) as names to texts, in its order; or the command-line text form
     * ({@code raspberry-pi-4=int8,x86-gateway=fp32}), which the Snippet Generator's text field gives.
     */
    private static Map<String, String> pairs(Parameter p, Object raw, List<String> problems) {
        if (raw instanceof Map<?, ?> map) {
            Map<String, String> pairs = new LinkedHashMap<>();
            map.forEach((name, value) -> pairs.put(name == null ? "" : name.toString().trim(),
                    value == null ? "" : value.toString().trim()));
            return pairs;
        }
        if (raw instanceof CharSequence text) {
            try {
                return Values.pairs(text.toString());
            } catch (IllegalArgumentException twice) {
                problems.add(p.label() + " " + twice.getMessage());
                return null;
            }
        }
        problems.add(p.label() + " must be a map such as ['name': 'value'], got " + describe(raw));
        return null;
    }

    /**
     * Waves as the contract's texts: a number is a percentage ({@code 25}), a map a pilot ({@code [count: 1, target:
     * 'jetson-nano-cpu']} is {@code 1@jetson-nano-cpu}, without a target {@code 1@any}) or a percentage
     * ({@code [percent: 25]}), text stays as written ({@code '25%'}, {@code '1@jetson-nano-cpu'}).
     */
    private static List<String> waves(Parameter p, Object raw, List<String> problems) {
        List<Object> elements = raw instanceof Map<?, ?> ? List.of(raw) : elements(raw);
        if (elements == null) {
            return null;
        }
        List<String> waves = new ArrayList<>();
        for (Object element : elements) {
            String wave = wave(element);
            if (wave == null) {
                problems.add(p.label() + " must list percentages and pilots such as [count: 1, target: "
                        + "'jetson-nano-cpu'], got " + describeWave(element));
                return null;
            }
            waves.add(wave);
        }
        return waves;
    }

    private static String wave(Object element) {
        if (element instanceof Number number) {
            return Values.plain(number);
        }
        if (element instanceof CharSequence text) {
            return text.toString().trim();
        }
        if (element instanceof Map<?, ?> map) {
            Object count = map.get("count");
            Object target = map.get("target");
            Object percent = map.get("percent");
            boolean onlyKnownKeys = map.keySet().stream().allMatch(k -> WAVE_KEYS.contains(String.valueOf(k)));
            if (!onlyKnownKeys || (count == null) == (percent == null) || percent != null && target != null) {
                return null;
            }
            if (percent != null) {
                return Values.plain(percent).trim();
            }
            String on = target == null || target.toString().isBlank() ? "any" : target.toString().trim();
            return Values.plain(count).trim() + "@" + on;
        }
        return null;
    }

    /** The keys a wave given as a map may have. */
    private static final List<String> WAVE_KEYS = List.of("count", "target", "percent");

    private static String describeWave(Object element) {
        if (element instanceof Map<?, ?> map) {
            return "[" + String.join(", ", map.entrySet().stream()
                    .map(e -> e.getKey() + ": " + describe(e.getValue())).toList()) + "]";
        }
        return element == null ? "null" : describe(element);
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
