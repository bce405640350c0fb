package io.edgemlops.data;

import io.edgemlops.data.source.DatasetDigest;
import io.edgemlops.data.source.DatasetLocation;
import io.edgemlops.store.ObjectStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads a dataset as a user names it (a file, a {@code .csv.gz}, a folder, a glob, an
 * {@code s3://} prefix, optionally limited to a range of days) in one streaming pass, and prepares
 * it for training: the glue of {@link DatasetLocation}, {@link DatasetScan} and
 * {@link CompactPreparer}, with the log lines a long nightly read needs.
 */
public final class DatasetLoader {

    /** Seconds between two progress lines while reading. */
    static final double PROGRESS_EVERY_SECONDS = 10;

    private DatasetLoader() {
    }

    /**
     * A dataset read and prepared.
     *
     * @param digest where it came from: every part with its SHA-256, and the dataset's
     * @param data the rows, compactly, split and ready to encode
     */
    public record Loaded(DatasetDigest digest, CompactDataset data) {
    }

    /**
     * Reads and prepares a dataset.
     *
     * @param location path, folder, glob or {@code s3://} location (see {@link DatasetLocation#resolve})
     * @param dates null, or the range of days whose parts to read
     * @throws IllegalArgumentException when the location or dates are wrong (the message names them)
     * @throws DataException when the data is unusable (the message names the part, row and column)
     */
    public static Loaded load(String location, String dates, Path workDir, ObjectStore store, DataOptions options,
                              Clock clock, Consumer<String> log) {
        DatasetLocation where = DatasetLocation.resolve(location, dates, workDir, store, clock);
        log.accept("dataset " + where.uri() + ": " + describeParts(where));
        long total = where.totalBytes();
        // The share read, by stored bytes (a .gz part counts its compressed size, as it is listed).
        ReadProgress progress = new ReadProgress(log,
                () -> total > 0 ? (double) where.bytesRead() / total : Double.NaN, PROGRESS_EVERY_SECONDS);
        DatasetScan scan = new DatasetScan(options, progress);
        DatasetDigest digest = where.read((index, name, in) -> scan.readCsv(name, in));
        DatasetScan.Scanned scanned = scan.finish();
        double seconds = progress.seconds();
        log.accept(String.format(Locale.ROOT, "read %,d rows (%s) in %.1f s, %,.0f rows/s; %s held as float32, "
                        + "sha256 %s", scanned.read(), megabytes(digest.bytes()), seconds,
                scanned.read() / Math.max(seconds, 1e-9), megabytes(scanned.values().bytes()),
                digest.sha256().substring(0, 12)));
        return new Loaded(digest, CompactPreparer.prepare(scanned, options));
    }

    private static String describeParts(DatasetLocation where) {
        List<String> parts = where.partNames();
        StringBuilder s = new StringBuilder();
        s.append(parts.size() == 1 ? "1 part" : parts.size() + " parts, " + parts.get(0) + " to " + parts.get(parts.size() - 1));
        if (where.totalBytes() >= 0) {
            s.append(", ").append(megabytes(where.totalBytes()));
        }
        if (!where.outsideDates().isEmpty()) {
            s.append("; ").append(where.outsideDates().size()).append(" outside the dates left out");
        }
        if (!where.skipped().isEmpty()) {
            s.append("; skipped ").append(where.skipped().size()).append(" other file")
                    .append(where.skipped().size() == 1 ? "" : "s").append(" (")
                    .append(String.join(", ", where.skipped().subList(0, Math.min(3, where.skipped().size()))))
                    .append(where.skipped().size() > 3 ? ", ..." : "").append(')');
        }
        return s.toString();
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
