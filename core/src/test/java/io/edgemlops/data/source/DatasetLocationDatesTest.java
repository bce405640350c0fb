package io.edgemlops.data.source;

import static io.edgemlops.data.source.DatasetFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dates}: which parts a range of days keeps, read from the parts' paths. */
class DatasetLocationDatesTest {

    /** Late on the 25th in UTC (already the 26th east of it): "last 7 days" is the 19th to the 25th. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T23:30:00Z"), ZoneOffset.ofHours(2));

    @TempDir
    Path dir;

    @BeforeEach
    void exports() {
        // one export per day from the 17th to the 26th, flat by name and filed in day folders
        for (int day = 17; day <= 26; day++) {
            write(dir, "flat/2026-11-" + day + "T13.csv.gz", "flat" + day);
            write(dir, "tree/2026/11/" + day + "/13.csv", "tree" + day);
        }
        write(dir, "flat/_SUCCESS", "marker");
        write(dir, "tree/README.md", "no date needed: not a part");
    }

    List<String> parts(String location, String dates) {
        return DatasetLocation.resolve(location, dates, dir, null, CLOCK).partNames();
    }

    static List<String> flat(int... days) {
        return java.util.Arrays.stream(days).mapToObj(d -> "flat/2026-11-" + d + "T13.csv.gz").toList();
    }

    static List<String> tree(int... days) {
        return java.util.Arrays.stream(days).mapToObj(d -> "tree/2026/11/" + d + "/13.csv").toList();
    }

    @Test
    void aClosedRangeIncludesBothEnds() {
        assertEquals(flat(19, 20, 21, 22, 23, 24, 25), parts("flat", "2026-11-19..2026-11-25"));
        assertEquals(tree(19, 20, 21, 22, 23, 24, 25), parts("tree", "2026-11-19..2026-11-25"));
    }

    @Test
    void openRangesAndASingleDay() {
        assertEquals(flat(24, 25, 26), parts("flat", "2026-11-24.."));
        assertEquals(tree(17, 18), parts("tree", "..2026-11-18"));
        assertEquals(flat(20), parts("flat", " 2026-11-20 "));
        assertEquals(tree(20), parts("tree/**", "2026-11-20"));
    }

    @Test
    void lastSevenDaysIsTodayInUtcAndTheSixDaysBefore() {
        assertEquals(flat(19, 20, 21, 22, 23, 24, 25), parts("flat", "last 7 days"));
        assertEquals(tree(25), parts("tree", "Last 1 day"));
    }

    @Test
    void thePartsLeftOutAreCountedForTheLog() {
        DatasetLocation location = DatasetLocation.resolve("flat", "2026-11-25..", dir, null, CLOCK);

        assertEquals(flat(17, 18, 19, 20, 21, 22, 23, 24), location.outsideDates());
        assertEquals(List.of("flat/_SUCCESS"), location.skipped());
    }

    @Test
    void aRangeWithNoPartsSaysWhatWasThere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parts("flat", "2026-12-01.."));

        assertEquals("dataset: no parts to read in 'flat' (looked at " + dir.resolve("flat") + "): 11 file(s) there,"
                + " 1 skipped as not .csv or .csv.gz, or named .* or _* or under such a folder (flat/_SUCCESS),"
                + " 10 outside dates 2026-12-01.."
                + " (flat/2026-11-17T13.csv.gz, flat/2026-11-18T13.csv.gz, flat/2026-11-19T13.csv.gz,"
                + " flat/2026-11-20T13.csv.gz, flat/2026-11-21T13.csv.gz, ...)", e.getMessage());
    }

    @Test
    void aPartWithoutADateIsAnErrorOnlyWhenDatesAreGiven() {
        write(dir, "flat/extra.csv", "undated");
        assertEquals(11, parts("flat", null).size());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parts("flat", "last 7 days"));

        assertEquals("dataset: part flat/extra.csv has no date in its path, and dates are given: name parts (or"
                + " their folders) with yyyy-MM-dd (e.g. 2026-11-20T13.csv.gz) or folders yyyy/MM/dd (e.g."
                + " 2026/11/20/13.csv)", e.getMessage());
    }

    @Test
    void aDateRunningIntoOtherDigitsIsNoDate() {
        write(dir, "odd/device12026-11-20.csv", "serial");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parts("odd", "2026-11-20"));

        assertTrue(e.getMessage().startsWith("dataset: part odd/device12026-11-20.csv has no date in its path"),
                e.getMessage());
    }

    @Test
    void aDateThatIsNoRealDayIsAnError() {
        write(dir, "odd/2026-02-30.csv", "no such day");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parts("odd", "2026-02-01.."));

        assertEquals("dataset: part odd/2026-02-30.csv has '2026-02-30' in its path, which is not a real date"
                + " (Invalid date 'FEBRUARY 30')", e.getMessage());
    }

    @Test
    void theDateIsLookedForBelowTheLocation() {
        write(dir, "2026-01-01/exports/2026-11-20T13.csv", "the folder's date is not the part's");

        assertEquals(List.of("2026-01-01/exports/2026-11-20T13.csv"), parts("2026-01-01/exports", "2026-11-20"));
    }

    @Test
    void badDatesNameTheParameterAndTheAcceptedForms() {
        String forms = "; use one of 2026-11-19..2026-11-25, 2026-11-19.., ..2026-11-25, 2026-11-25 or last 7 days";
        assertEquals("dataset: dates 'last week' is not a date range ('last week' is not a date yyyy-MM-dd)" + forms,
                assertThrows(IllegalArgumentException.class, () -> parts("flat", "last week")).getMessage());
        assertEquals("dataset: dates '2026-11-25..2026-11-19' is not a date range (it ends before it starts)" + forms,
                assertThrows(IllegalArgumentException.class,
                        () -> parts("flat", "2026-11-25..2026-11-19")).getMessage());
        assertEquals("dataset: dates '..' is not a date range (give at least one end)" + forms,
                assertThrows(IllegalArgumentException.class, () -> parts("flat", "..")).getMessage());
        assertEquals("dataset: dates '2026-11-31' is not a date range ('2026-11-31' is not a date yyyy-MM-dd)" + forms,
                assertThrows(IllegalArgumentException.class, () -> parts("flat", "2026-11-31")).getMessage());
        assertEquals("dataset: dates 'last 0 days' is not a date range (at least 1 day)" + forms,
                assertThrows(IllegalArgumentException.class, () -> parts("flat", "last 0 days")).getMessage());
    }
}
