package io.edgemlops.data.source;

import io.edgemlops.store.ObjectStore;
import io.edgemlops.store.Sha256;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A dataset as a user names it, resolved to its parts in reading order. IoT training data arrives as many files
 * (hourly exports, folders of them, S3 prefixes): a location is a file, a folder, a glob, or the same on S3, and
 * optionally a range of days. Parts are streamed one after the other and hashed as read, so the model's lineage
 * names exactly the data it learned from without the dataset ever being held in memory.
 *
 * <p>Parts are the {@code .csv} and {@code .csv.gz} files (any case) not named {@code .*} or {@code _*}; everything
 * else under the location is {@link #skipped()}. A location that names one file is that part whatever its name.
 * Order is by path below the location as UTF-8 bytes, which is S3's key order, so a folder and its upload to a
 * bucket read alike and hash alike.
 */
public final class DatasetLocation {

    /** How many names an error message lists at most. */
    private static final int FEW = 5;

    private final String uri;
    private final List<DatasetPart> parts;
    private final List<String> skipped;
    private final List<String> outsideDates;
    private final ObjectStore bucket;
    private long bytesDone;
    private HashingInputStream reading;

    private DatasetLocation(String uri, List<DatasetPart> parts, List<String> skipped, List<String> outsideDates,
                            ObjectStore bucket) {
        this.uri = uri;
        this.parts = List.copyOf(parts);
        this.skipped = List.copyOf(skipped);
        this.outsideDates = List.copyOf(outsideDates);
        this.bucket = bucket;
    }

    /**
     * Finds the parts of a dataset (listing only; nothing is read yet).
     *
     * @param location a path (relative to workDir) of a file, a folder, or a glob; or s3://bucket/key,
     *     s3://bucket/prefix/ , s3://bucket/prefix/glob
     * @param dates null (or blank), or a date filter: "2026-11-19..2026-11-25", "2026-11-19..", "..2026-11-25",
     *     "2026-11-25", "last 7 days" (today in UTC from clock, and the 6 days before); a part's date is the first
     *     yyyy-MM-dd or yyyy/MM/dd in its path below the location
     * @param store serves s3:// locations ({@code store.at(bucket, "")} gives a view of a bucket); may be null
     *     when location is local
     * @throws IllegalArgumentException starting "dataset: " when the location is malformed or missing, the dates
     *     are malformed, a part has no date while dates are given, or no part is left
     */
    public static DatasetLocation resolve(String location, String dates, Path workDir, ObjectStore store, Clock clock) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("dataset: no location given (a file, folder or glob, or "
                    + S3Listing.FORMS + ")");
        }
        DateRange range = dates == null || dates.isBlank() ? null : DateRange.parse(dates, clock);
        Listing listing = location.startsWith("s3://") ? S3Listing.list(location, store)
                : LocalListing.list(location, workDir);
        List<DatasetPart> parts = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        for (DatasetPart file : listing.files()) {
            if (!listing.single() && !PartNames.isPart(file.datePath())) {
                skipped.add(file.name());
            } else if (range != null && !range.contains(dateOf(file))) {
                outside.add(file.name());
            } else {
                parts.add(file);
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException(noParts(listing, range, skipped, outside));
        }
        return new DatasetLocation(location, parts, skipped, outside, listing.bucket());
    }

    private static LocalDate dateOf(DatasetPart part) {
        Optional<LocalDate> date = PartDate.of(part.name(), part.datePath());
        return date.orElseThrow(() -> new IllegalArgumentException("dataset: part " + part.name()
                + " has no date in its path, and dates are given: name parts (or their folders) with "
                + PartDate.FORMS));
    }

    private static String noParts(Listing listing, DateRange range, List<String> skipped, List<String> outside) {
        StringBuilder m = new StringBuilder("dataset: no parts to read in ").append(listing.where()).append(": ")
                .append(listing.found());
        if (!skipped.isEmpty()) {
            m.append(", ").append(skipped.size())
                    .append(" skipped as not .csv or .csv.gz, or named .* or _* or under such a folder (")
                    .append(first(skipped)).append(')');
        }
        if (!outside.isEmpty()) {
            m.append(", ").append(outside.size()).append(" outside dates ").append(range.text()).append(" (")
                    .append(first(outside)).append(')');
        }
        return m.toString();
    }

    private static String first(List<String> names) {
        String few = String.join(", ", names.subList(0, Math.min(FEW, names.size())));
        return names.size() > FEW ? few + ", ..." : few;
    }

    /** The location as given. */
    public String uri() {
        return uri;
    }

    /**
     * The parts in reading order, as messages name them: {@code s3://bucket/full/key}, or for local files the
     * location followed by the path below it ({@code exports/2026/11/20/13.csv.gz}).
     */
    public List<String> partNames() {
        return parts.stream().map(DatasetPart::name).toList();
    }

    /** The parts' total size as stored, from the listing; -1 when a size is unknown. */
    public long totalBytes() {
        long sum = 0;
        for (DatasetPart p : parts) {
            if (p.size() < 0) {
                return -1;
            }
            sum += p.size();
        }
        return sum;
    }

    /**
     * Bytes of the parts read so far as stored (compressed, for a {@code .gz}), also while a part is being read:
     * with {@link #totalBytes()}, how far a long read is.
     */
    public long bytesRead() {
        HashingInputStream current = reading;
        return bytesDone + (current == null ? 0 : current.bytes());
    }

    /** Files or objects under the location that are not parts ({@code _SUCCESS}, {@code README.md}), for the log. */
    public List<String> skipped() {
        return skipped;
    }

    /** Parts left out because their date is outside {@code dates}, in order, for the log. */
    public List<String> outsideDates() {
        return outsideDates;
    }

    /**
     * Reads every part in order. The reader gets the part's decompressed bytes (gunzipped when its name ends
     * {@code .gz}) and may stop early: the raw bytes are hashed as read, and the rest is read and hashed after the
     * reader returns, so the digest always covers whole parts. Closing the stream given to the reader is allowed.
     *
     * @throws IllegalArgumentException naming the part when a {@code .gz} part is not gzip or is truncated
     * @throws UncheckedIOException naming the part when it cannot be read (or the reader throws an IOException)
     */
    public DatasetDigest read(PartReader reader) {
        List<PartDigest> digests = new ArrayList<>();
        try (PartFiles files = bucket == null ? PartFiles.local(parts) : new S3Downloads(bucket, parts, null)) {
            for (int i = 0; i < parts.size(); i++) {
                digests.add(readPart(i, files.fetch(i), reader));
                files.release(i);
            }
        }
        return new DatasetDigest(uri, combined(digests), digests.stream().mapToLong(PartDigest::bytes).sum(), digests);
    }

    private PartDigest readPart(int index, Path file, PartReader reader) {
        String name = parts.get(index).name();
        // Buffered below the hashing, so a reader reading byte by byte costs no system call per byte.
        try (HashingInputStream raw = new HashingInputStream(
                new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            reading = raw;
            reader.read(index, name, PartStreams.decompressed(name, raw));
            raw.drain();
            reading = null;
            bytesDone += raw.bytes();
            return new PartDigest(name, raw.sha256(), raw.bytes());
        } catch (BadPartException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("dataset: cannot read part " + name + ": " + e.getMessage(), e);
        }
    }

    /** One part keeps its own checksum; several hash their checksums, one per line, in reading order. */
    private static String combined(List<PartDigest> digests) {
        if (digests.size() == 1) {
            return digests.get(0).sha256();
        }
        StringBuilder lines = new StringBuilder();
        for (PartDigest d : digests) {
            lines.append(d.sha256()).append('\n');
        }
        return Sha256.of(lines.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads one part's decompressed bytes; it need not read them all, nor close the stream. */
    @FunctionalInterface
    public interface PartReader {
        void read(int index, String partName, InputStream decompressed) throws IOException;
    }
}
