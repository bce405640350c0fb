package io.edgemlops.data.source;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The days a dataset is restricted to ({@code dates} of {@link DatasetLocation#resolve}), both ends included; a
 * null end is open.
 *
 * @param text the range as given, for messages
 */
record DateRange(String text, LocalDate from, LocalDate to) {

    static final String FORMS = "2026-11-19..2026-11-25, 2026-11-19.., ..2026-11-25, 2026-11-25 or last 7 days";

    private static final Pattern LAST_DAYS = Pattern.compile("last\\s+(\\d{1,5})\\s+days?");

    /**
     * Parses a range; "last N days" is today in UTC (from {@code clock}) and the N-1 days before, so that a
     * nightly job sees the same window wherever its agent runs.
     *
     * @throws IllegalArgumentException naming {@code dates} and the accepted forms
     */
    static DateRange parse(String text, Clock clock) {
        String t = text.trim();
        Matcher last = LAST_DAYS.matcher(t.toLowerCase(Locale.ROOT));
        if (last.matches()) {
            int days = Integer.parseInt(last.group(1));
            if (days < 1) {
                throw bad(text, "at least 1 day");
            }
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            return new DateRange(t, today.minusDays(days - 1L), today);
        }
        int dots = t.indexOf("..");
        if (dots < 0) {
            LocalDate day = day(text, t);
            return new DateRange(t, day, day);
        }
        String start = t.substring(0, dots).trim();
        String end = t.substring(dots + 2).trim();
        if (start.isEmpty() && end.isEmpty()) {
            throw bad(text, "give at least one end");
        }
        LocalDate from = start.isEmpty() ? null : day(text, start);
        LocalDate to = end.isEmpty() ? null : day(text, end);
        if (from != null && to != null && to.isBefore(from)) {
            throw bad(text, "it ends before it starts");
        }
        return new DateRange(t, from, to);
    }

    boolean contains(LocalDate day) {
        return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
    }

    private static LocalDate day(String text, String day) {
        try {
            return LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw bad(text, "'" + day + "' is not a date yyyy-MM-dd");
        }
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("dataset: dates '" + text + "' is not a date range (" + why
                + "); use one of " + FORMS);
    }
}
