package io.edgemlops.contract;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in a Jenkinsfile or on a command line: {@code 90s}, {@code 30m}, {@code 2h},
 * {@code 1d}, combinations such as {@code 1h30m}, or a bare number of seconds ({@code 300}). One reader for both
 * front-ends and the engine, so {@code soak: '30m'} means the same everywhere.
 */
public final class DurationText {

    private static final Pattern PART = Pattern.compile("([0-9]+)(d|h|m|s|ms)");
    private static final Pattern WHOLE = Pattern.compile("(?:[0-9]+(?:d|h|m|s|ms))+");

    private DurationText() {
    }

    /**
     * The duration of {@code text}.
     *
     * @throws IllegalArgumentException naming the expected forms when the text is not one of them
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (t.matches("[0-9]{1,12}")) {
            return Duration.ofSeconds(Long.parseLong(t));
        }
        if (!WHOLE.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write e.g. 90s, 30m, 2h, 1d or 1h30m "
                    + "(a bare number is seconds)");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "ms" -> Duration.ofMillis(n);
                default -> Duration.ofSeconds(n);
            });
        }
        return total;
    }

    /** The shortest text {@link #parse} reads back to {@code d}, e.g. {@code 1h30m}; {@code 0s} for zero. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        long days = d.toDays();
        if (days > 0) {
            b.append(days).append('d');
        }
        if (d.toHoursPart() > 0) {
            b.append(d.toHoursPart()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            b.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0) {
            b.append(d.toSecondsPart()).append('s');
        }
        if (d.toMillisPart() > 0) {
            b.append(d.toMillisPart()).append("ms");
        }
        return b.toString();
    }
}
