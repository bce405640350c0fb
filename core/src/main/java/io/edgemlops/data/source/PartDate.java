package io.edgemlops.data.source;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The day a part holds data of, read from its path: hourly exports are named {@code 2026-11-20T13.csv.gz} or
 * filed in folders {@code 2026/11/20/13.csv.gz}.
 */
final class PartDate {

    static final String FORMS = "yyyy-MM-dd (e.g. 2026-11-20T13.csv.gz) or folders yyyy/MM/dd (e.g. 2026/11/20/13.csv)";

    // Not next to other digits, so that a device number or a timestamp's digits are not read as a date.
    private static final Pattern DATE = Pattern.compile("(?<![0-9])([0-9]{4})([-/])([0-9]{2})\\2([0-9]{2})(?![0-9])");

    private PartDate() {
    }

    /**
     * The first date in {@code path}, or empty when there is none.
     *
     * @throws IllegalArgumentException when the first date-shaped text is no real date (2026-02-30): a later
     *     match is not guessed at, as the path would then mean something else than it seems to
     */
    static Optional<LocalDate> of(String partName, String path) {
        Matcher m = DATE.matcher(path);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4))));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("dataset: part " + partName + " has '" + m.group()
                    + "' in its path, which is not a real date (" + e.getMessage() + ")");
        }
    }
}
