package io.edgemlops.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One parameter of a step, written once: the plugin's argument check, the CLI flag, the Snippet Generator help and the
 * step page's table all come from here.
 *
 * @param name the step argument's name in camelCase ({@code validationSplit}); the CLI flag is its kebab-case form
 * @param type what kind of value it takes
 * @param required whether a call without it is refused
 * @param defaultValue the value used when it is absent, typed as {@link ParameterType} says, or null when the default
 *                     depends on the data (then {@code defaultText} says how)
 * @param defaultText the default in words for help and docs ("every other column"), or null to print {@code defaultValue}
 * @param range allowed interval of a number, or of each element of a number list; null for any
 * @param choices allowed values of a {@link ParameterType#CHOICE}
 * @param title short label for the Snippet Generator form
 * @param help one paragraph for people; {@code `code`} marks literal text
 * @param surface which front-ends have it
 */
public record Parameter(String name, ParameterType type, boolean required, Object defaultValue, String defaultText,
                        Range range, List<String> choices, String title, String help, Surface surface) {

    public Parameter {
        choices = choices == null ? List.of() : List.copyOf(choices);
        if (type == ParameterType.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException(name + ": a choice needs its choices");
        }
        if (help == null || help.isBlank() || title == null || title.isBlank()) {
            throw new IllegalArgumentException(name + ": every parameter needs a title and help");
        }
    }

    /** Starts a parameter; see {@link Builder}. */
    public static Builder builder(String name, ParameterType type) {
        return new Builder(name, type);
    }

    /** The command-line flag, e.g. {@code --validation-split}. */
    public String cliFlag() {
        return "--" + Values.kebabCase(name);
    }

    /** How messages name it: {@code validationSplit (--validation-split)}, or only the name the user can type. */
    public String label() {
        return switch (surface) {
            case BOTH -> name + " (" + cliFlag() + ")";
            case CLI_ONLY -> cliFlag();
            case PIPELINE_ONLY -> name;
        };
    }

    /** The default as people read it, or null when there is none to tell. */
    public String defaultDescription() {
        if (defaultText != null) {
            return defaultText;
        }
        return defaultValue == null ? null : Values.plain(defaultValue);
    }

    /**
     * Judges a value already converted to this parameter's Java type (null when absent); returns the problem in one
     * line naming the parameter, or empty when the value is acceptable. Both front-ends call this, so they refuse the
     * same values with the same words before any engine work starts.
     */
    public Optional<String> check(Object value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            return required ? Optional.of(label() + " is required") : Optional.empty();
        }
        return switch (type) {
            case TEXT, TEXT_OR_WHOLE_NUMBER, FLAG -> Optional.empty();
            case CHOICE -> choices.contains(value.toString().toLowerCase(Locale.ROOT)) ? Optional.empty()
                    : Optional.of(label() + " must be one of " + String.join(", ", choices) + ", got '" + value + "'");
            case WHOLE_NUMBER, DECIMAL -> checkNumber(((Number) value).doubleValue(), value);
            case TEXT_LIST -> checkNames((List<?>) value);
            case WHOLE_NUMBER_LIST -> checkNumbers((List<?>) value);
            case TEXT_MAP -> checkPairs((Map<?, ?>) value);
            case WAVE_LIST -> checkWaves((List<?>) value);
            case DURATION -> checkDuration(value.toString());
        };
    }

    /** The rule a valid value follows, in words, for help and docs; null when any value of the type is fine. */
    public String rule() {
        return switch (type) {
            case CHOICE -> "one of " + String.join(", ", choices.stream().map(c -> "`" + c + "`").toList());
            case WHOLE_NUMBER -> range == null ? "a whole number" : "a whole number " + range.describe();
            case DECIMAL -> range == null ? "a number" : "a number " + range.describe();
            case WHOLE_NUMBER_LIST -> "whole numbers" + (range == null ? "" : ", each " + range.describe());
            case TEXT_MAP -> "at least one name mapped to a value (`name=value` on the command line)";
            case DURATION -> "a duration such as `90s`, `30m`, `2h` or `1h30m`"
                    + (range == null ? "" : ", " + range.describe() + " seconds");
            case WAVE_LIST -> "percentages of the fleet (" + PERCENT.describe() + ") that grow and end at 100, with "
                    + "pilots `N@target` (N devices, at least 1) anywhere before the end";
            default -> null;
        };
    }

    private Optional<String> checkNumber(double number, Object shown) {
        if (range != null && !range.contains(number)) {
            return Optional.of(label() + " must be " + range.describe() + ", got " + Values.plain(shown));
        }
        return Optional.empty();
    }

    private Optional<String> checkDuration(String text) {
        try {
            double seconds = DurationText.parse(text).toMillis() / 1000.0;
            if (range != null && !range.contains(seconds)) {
                return Optional.of(label() + " must be " + range.describe() + " seconds, got " + text);
            }
            return Optional.empty();
        } catch (IllegalArgumentException notADuration) {
            return Optional.of(label() + ": " + notADuration.getMessage());
        }
    }

    private Optional<String> checkNames(List<?> names) {
        for (Object element : names) {
            String text = element == null ? "" : element.toString();
            if (text.isBlank() || text.contains(",")) {
                return Optional.of(label() + " must list non-empty names, got " + Values.plain(names));
            }
        }
        return names.isEmpty() ? Optional.of(label() + " must not be empty") : Optional.empty();
    }

    private Optional<String> checkNumbers(List<?> numbers) {
        if (numbers.isEmpty()) {
            return Optional.of(label() + " must not be empty");
        }
        for (Object element : numbers) {
            if (range != null && !range.contains(((Number) element).doubleValue())) {
                return Optional.of(label() + " must list whole numbers " + range.describe() + ", got "
                        + Values.plain(numbers));
            }
        }
        return Optional.empty();
    }

    private Optional<String> checkPairs(Map<?, ?> pairs) {
        if (pairs.isEmpty()) {
            return Optional.of(label() + " must not be empty");
        }
        for (Map.Entry<?, ?> pair : pairs.entrySet()) {
            if (!isName(pair.getKey()) || !isName(pair.getValue())) {
                return Optional.of(label() + " must map each name to a value (`name=value`), got "
                        + Values.plain(pairs));
            }
        }
        return Optional.empty();
    }

    /** Non-blank text without the separators of the command-line forms. */
    private static boolean isName(Object value) {
        String text = value == null ? "" : value.toString();
        return !text.isBlank() && text.chars().noneMatch(c -> c == ',' || c == '=');
    }

    /** The allowed share of one percentage wave. */
    static final Range PERCENT = new Range(0.0, true, 100.0, false);

    private Optional<String> checkWaves(List<?> waves) {
        if (waves.isEmpty()) {
            return Optional.of(label() + " must not be empty");
        }
        double last = 0;
        for (Object element : waves) {
            String wave = element == null ? "" : element.toString().trim();
            int at = wave.indexOf('@');
            if (at >= 0) {
                if (!wave.substring(0, at).trim().matches("[0-9]{1,9}") || Long.parseLong(wave.substring(0, at).trim()) < 1
                        || wave.substring(at + 1).contains(",")) {
                    return Optional.of(label() + " must give a pilot as N@target with a whole N of at least 1, got '"
                            + wave + "'");
                }
                continue;
            }
            Double percent = percent(wave);
            if (percent == null || !PERCENT.contains(percent)) {
                return Optional.of(label() + " must list percentages " + PERCENT.describe() + " or pilots N@target, "
                        + "got '" + wave + "'");
            }
            if (percent <= last) {
                return Optional.of(label() + " must grow, each percentage larger than the one before, got "
                        + Values.plain(waves));
            }
            last = percent;
        }
        String end = String.valueOf(waves.get(waves.size() - 1)).trim();
        Double endPercent = end.contains("@") ? null : percent(end);
        if (endPercent == null || endPercent != 100) {
            return Optional.of(label() + " must end at 100 (the whole fleet), got " + Values.plain(waves));
        }
        return Optional.empty();
    }

    /** {@code 25} or {@code 25%} as 25.0; null when the text is not a number. */
    private static Double percent(String wave) {
        String number = wave.endsWith("%") ? wave.substring(0, wave.length() - 1).trim() : wave;
        try {
            return Double.valueOf(number);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** Assembles a {@link Parameter}; optional, not required, in both front-ends unless told otherwise. */
    public static final class Builder {
        private final String name;
        private final ParameterType type;
        private boolean required;
        private Object defaultValue;
        private String defaultText;
        private Range range;
        private final List<String> choices = new ArrayList<>();
        private String title;
        private String help;
        private Surface surface = Surface.BOTH;

        private Builder(String name, ParameterType type) {
            this.name = name;
            this.type = type;
        }

        public Builder required() {
            this.required = true;
            return this;
        }

        public Builder defaultValue(Object value) {
            this.defaultValue = value;
            return this;
        }

        public Builder defaultText(String text) {
            this.defaultText = text;
            return this;
        }

        public Builder range(Range value) {
            this.range = value;
            return this;
        }

        public Builder choices(String... values) {
            this.choices.addAll(List.of(values));
            return this;
        }

        public Builder title(String value) {
            this.title = value;
            return this;
        }

        public Builder help(String value) {
            this.help = value;
            return this;
        }

        public Builder surface(Surface value) {
            this.surface = value;
            return this;
        }

        public Parameter build() {
            return new Parameter(name, type, required, defaultValue, defaultText, range, choices, title, help, surface);
        }
    }
}
