package io.jenkins.plugins.edgemlops;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Checks and normalises the arguments of one step call, collecting every problem so the user sees them all at once.
 * Values arrive as Groovy gave them: strings (possibly GStrings, already turned into {@code String} by Pipeline),
 * numbers of any boxed type, lists.
 */
public final class ArgumentChecks {

    private final String function;
    private final List<String> problems = new ArrayList<>();

    public ArgumentChecks(String function) {
        this.function = function;
    }

    /** A required, non-blank text parameter; returns it trimmed. */
    public String requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            problems.add("'" + name + "' is required");
            return null;
        }
        return value.trim();
    }

    /** An optional text parameter: absent is fine, blank is treated as absent. */
    public String optionalText(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A required identifier that users may pass as text or as a whole number (e.g. {@code version: t.version}). */
    public String requireTextOrWholeNumber(String name, Object value) {
        if (value == null || (value instanceof CharSequence text && text.toString().isBlank())) {
            problems.add("'" + name + "' is required");
            return null;
        }
        if (value instanceof CharSequence text) {
            return text.toString().trim();
        }
        BigInteger whole = wholeNumber(value);
        if (whole == null) {
            problems.add("'" + name + "' must be text or a whole number, got " + describe(value));
            return null;
        }
        return whole.toString();
    }

    /** An optional whole number of at least {@code min}. */
    public Integer atLeast(String name, Integer value, int min) {
        if (value != null && value < min) {
            problems.add("'" + name + "' must be at least " + min + ", got " + value);
            return null;
        }
        return value;
    }

    /** An optional number greater than zero. */
    public Double positive(String name, Double value) {
        if (value != null && !(value > 0) || value != null && value.isInfinite()) {
            problems.add("'" + name + "' must be a number greater than 0, got " + plain(value));
            return null;
        }
        return value;
    }

    /** An optional number in {@code [min, max]} or {@code [min, max)}, or {@code (min, max]} when {@code minExclusive}. */
    public Double between(String name, Double value, double min, boolean minExclusive, double max, boolean maxExclusive) {
        if (value == null) {
            return null;
        }
        boolean aboveMin = minExclusive ? value > min : value >= min;
        boolean belowMax = maxExclusive ? value < max : value <= max;
        if (value.isNaN() || !aboveMin || !belowMax) {
            problems.add("'" + name + "' must be " + (minExclusive ? "greater than " : "at least ") + plain(min)
                    + " and " + (maxExclusive ? "less than " : "at most ") + plain(max) + ", got " + plain(value));
            return null;
        }
        return value;
    }

    /** An optional list of names, given as a list or as one comma-separated string; empty entries are errors. */
    public List<String> textList(String name, Object value) {
        List<Object> elements = elements(value);
        if (elements == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (Object element : elements) {
            String text = element == null ? "" : element.toString().trim();
            if (text.isEmpty() || text.contains(",")) {
                problems.add("'" + name + "' must list non-empty names, got " + describe(value));
                return null;
            }
            names.add(text);
        }
        return names.isEmpty() ? null : names;
    }

    /** An optional list of whole numbers of at least {@code min}, given as a list ({@code [64, 32]}) or a string ({@code '64,32'}). */
    public List<Integer> intList(String name, Object value, int min) {
        List<Object> elements = elements(value);
        if (elements == null) {
            return null;
        }
        List<Integer> numbers = new ArrayList<>();
        for (Object element : elements) {
            BigInteger whole = element instanceof CharSequence text ? parseWhole(text.toString().trim()) : wholeNumber(element);
            if (whole == null || whole.compareTo(BigInteger.valueOf(min)) < 0 || whole.bitLength() > 31) {
                problems.add("'" + name + "' must list whole numbers of at least " + min + ", got " + describe(value));
                return null;
            }
            numbers.add(whole.intValue());
        }
        if (numbers.isEmpty()) {
            problems.add("'" + name + "' must not be empty");
            return null;
        }
        return numbers;
    }

    /** Records a problem found by step-specific logic. */
    public void problem(String message) {
        problems.add(message);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Throws {@link StepArgumentException} naming the step and every problem, if there are any. */
    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new StepArgumentException(function + ": " + String.join("; ", problems));
        }
    }

    private static List<Object> elements(Object value) {
        if (value == null) {
            return null;
        }
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
        return value instanceof CharSequence ? "'" + value + "'" : String.valueOf(value);
    }

    private static String plain(double value) {
        return EngineArguments.render(value);
    }
}
