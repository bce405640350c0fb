package io.edgemlops.data;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Progress of a long read for the console and the Jenkins log: rows so far, rows per second and,
 * when the share done is known, the time left. A line at most every {@code everySeconds}, so a
 * nightly job's log shows the read is moving without a line per part or per million rows.
 */
public final class ReadProgress {

    private final Consumer<String> log;
    private final DoubleSupplier shareDone;
    private final long everyNanos;
    private final long start = System.nanoTime();
    private long lastLine = start;
    private long rows;

    /**
     * @param log where the lines go
     * @param shareDone share of the input read so far in [0, 1], or NaN when unknown
     * @param everySeconds least time between two lines
     */
    public ReadProgress(Consumer<String> log, DoubleSupplier shareDone, double everySeconds) {
        this.log = log;
        this.shareDone = shareDone;
        this.everyNanos = (long) (everySeconds * 1e9);
    }

    /** Counts a row; checks the clock every 16,384 rows only. */
    void row() {
        rows++;
        if ((rows & 0x3FFF) == 0) {
            long now = System.nanoTime();
            if (now - lastLine >= everyNanos) {
                lastLine = now;
                log.accept(line(now));
            }
        }
    }

    public long rows() {
        return rows;
    }

    /** Seconds since the read began. */
    public double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    private String line(long now) {
        double seconds = (now - start) / 1e9;
        double perSecond = rows / Math.max(seconds, 1e-9);
        String text = String.format(Locale.ROOT, "reading: %,d rows in %.0f s (%,.0f rows/s)", rows, seconds,
                perSecond);
        double share = shareDone.getAsDouble();
        if (share > 0.01 && share < 1) {
            text += String.format(Locale.ROOT, ", %.0f %% done, about %.0f s left", share * 100,
                    seconds * (1 - share) / share);
        }
        return text;
    }
}
