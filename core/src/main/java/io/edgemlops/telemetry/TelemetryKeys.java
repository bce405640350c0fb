package io.edgemlops.telemetry;

import io.edgemlops.store.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where telemetry lives in the bucket, and the names it is made of.
 *
 * <pre>
 * telemetry/&lt;fleet&gt;/&lt;model&gt;/&lt;version&gt;/&lt;window&gt;/&lt;shard&gt;/&lt;device&gt;~&lt;seq&gt;.json
 * telemetry/&lt;fleet&gt;/&lt;model&gt;/&lt;version&gt;/&lt;window&gt;/compacted/&lt;shard&gt;.json
 * </pre>
 *
 * <p>{@code <window>} is the window start in UTC as {@code yyyyMMdd'T'HHmmss'Z'} (e.g.
 * {@code 20261125T180000Z}): it sorts in time order, and keeps seconds so that short windows (an accelerated
 * simulation) never share a prefix. {@code <shard>} spreads a window's devices over 16 prefixes, so a gate
 * can list and read them in parallel and a compactor can fold each on its own. Device id and seq are joined by
 * {@code ~} (not {@code -}, as the design brief had it), a character device ids cannot hold, so that a bucket
 * policy can let a device write exactly its own records ({@code .../<device>~*}): with {@code pump-1-<seq>},
 * device {@code pump-1} could also write records that read as device {@code pump-1-2}'s. Not a folder per device
 * either: on the stores that keep objects as files (the embedded server) a folder per record costs a directory
 * created on upload and removed when compaction deletes the record, which made deleting a record 7 times as
 * slow (docs/architecture.md). A key with more or fewer folders than this layout is not telemetry.
 */
public final class TelemetryKeys {

    /** Root of all telemetry. */
    public static final String ROOT = "telemetry/";
    /** Number of shards per window. */
    public static final int SHARDS = 16;
    /** The folder of a window's compacted aggregates, where a shard folder would be. */
    public static final String COMPACTED = "compacted";
    /** Joins device id and seq in a record's name: {@code ~}, unreserved in URLs and never in a device id. */
    public static final String SEQ_SEPARATOR = "~";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final int MAX_NAME = 100;
    private static final Pattern SHARD = Pattern.compile("0[0-9a-f]");
    private static final DateTimeFormatter WINDOW = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern KEY = Pattern.compile(
            "telemetry/([^/]+)/([^/]+)/([0-9]+)/([^/]+)/(?:(" + COMPACTED + ")/([^/]+)\\.json|([^/]+)/([^/~]+)~([0-9]+)\\.json)");

    private TelemetryKeys() {
    }

    /** The key of a device's record. */
    public static String recordKey(TelemetryRecord record) {
        if (record.deviceId() == null || record.seq() == null) {
            throw new IllegalArgumentException("a merged telemetry record has no device key");
        }
        return recordKey(record.fleet(), record.model(), record.modelVersion(), record.windowStart(),
                record.deviceId(), record.seq());
    }

    /** The key of a device's record. */
    public static String recordKey(String fleet, String model, int version, Instant windowStart, String deviceId,
                                   long seq) {
        return new TelemetryKey(fleet, model, version, windowStart, shardOf(deviceId), deviceId, seq).key();
    }

    /** The key of a shard's compacted aggregate ({@link CompactedShard}, written by {@link TelemetryCompactor}). */
    public static String compactedKey(String fleet, String model, int version, Instant windowStart, String shard) {
        return new TelemetryKey(fleet, model, version, windowStart, shard, null, null).key();
    }

    /** {@code telemetry/<fleet>/<model>/<version>/}: list its windows with {@code listPrefixes}. */
    public static String versionPrefix(String fleet, String model, int version) {
        return ROOT + checkName("fleet", fleet) + "/" + checkName("model", model) + "/" + checkVersion(version) + "/";
    }

    /** {@code telemetry/<fleet>/<model>/<version>/<window>/}. */
    public static String windowPrefix(String fleet, String model, int version, Instant windowStart) {
        return versionPrefix(fleet, model, version) + windowText(windowStart) + "/";
    }

    /** {@code telemetry/<fleet>/<model>/<version>/<window>/<shard>/}: one shard's device records. */
    public static String shardPrefix(String fleet, String model, int version, Instant windowStart, String shard) {
        return windowPrefix(fleet, model, version, windowStart) + checkShard(shard) + "/";
    }

    /**
     * The shard of a device: the first byte of SHA-256 of its UTF-8 id, divided by 16, as two lower-case hex
     * digits ({@code 00}..{@code 0f}); i.e. {@code "0"} followed by the first hex digit of the digest. Two
     * digits leave room for 256 shards without changing the key's shape.
     */
    public static String shardOf(String deviceId) {
        checkName("device id", deviceId);
        return "0" + Sha256.of(deviceId.getBytes(StandardCharsets.UTF_8)).charAt(0);
    }

    /** The window's text in keys, e.g. {@code 20261125T180000Z}. */
    public static String windowText(Instant windowStart) {
        if (windowStart.getNano() != 0) {
            throw new IllegalArgumentException("a telemetry window starts on a whole second, got " + windowStart);
        }
        return WINDOW.format(LocalDateTime.ofInstant(windowStart, ZoneOffset.UTC));
    }

    /** Reads a window's text back. */
    public static Instant parseWindow(String text) {
        try {
            return LocalDateTime.parse(text, WINDOW).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a telemetry window: '" + text + "' (expected e.g. 20261125T180000Z)");
        }
    }

    /**
     * The parts of a telemetry key (relative to the store's prefix, as {@code list} returns it).
     *
     * @throws IllegalArgumentException if it is not a telemetry record or compacted key
     */
    public static TelemetryKey parse(String key) {
        Matcher m = KEY.matcher(key);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a telemetry key: '" + key + "' (expected telemetry/<fleet>/<model>/"
                    + "<version>/<window>/<shard>/<device>~<seq>.json or .../<window>/compacted/<shard>.json)");
        }
        try {
            int version = Integer.parseInt(m.group(3));
            Instant window = parseWindow(m.group(4));
            return m.group(5) != null
                    ? new TelemetryKey(m.group(1), m.group(2), version, window, m.group(6), null, null)
                    : new TelemetryKey(m.group(1), m.group(2), version, window, m.group(7), m.group(8),
                            Long.parseLong(m.group(9)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a telemetry key: '" + key + "' (number out of range)");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a telemetry key: '" + key + "': " + e.getMessage(), e);
        }
    }

    /**
     * Checks a fleet, model, device or target name: lower-case letters, digits, '.', '_' and '-', starting
     * with a letter or digit, at most 100 characters.
     */
    public static String checkName(String what, String name) {
        if (name == null || name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid " + what + " '" + name
                    + "': use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        return name;
    }

    static int checkVersion(int version) {
        if (version < 1) {
            throw new IllegalArgumentException("invalid model version " + version + ": must be at least 1");
        }
        return version;
    }

    static String checkShard(String shard) {
        if (shard == null || !SHARD.matcher(shard).matches()) {
            throw new IllegalArgumentException("invalid telemetry shard '" + shard + "': expected 00..0f");
        }
        return shard;
    }

    static void checkWindow(Instant windowStart, int windowSeconds) {
        if (windowStart == null) {
            throw new IllegalArgumentException("telemetry windowStart is required");
        }
        if (windowSeconds < 1) {
            throw new IllegalArgumentException("telemetry windowSeconds must be at least 1, got " + windowSeconds);
        }
        if (windowStart.getNano() != 0 || Math.floorMod(windowStart.getEpochSecond(), windowSeconds) != 0) {
            throw new IllegalArgumentException("telemetry window " + windowStart + " is not aligned to a multiple of "
                    + windowSeconds + " s since the epoch");
        }
    }

    /** The start of the window of {@code windowSeconds} that holds {@code time}. */
    public static Instant windowStart(Instant time, int windowSeconds) {
        if (windowSeconds < 1) {
            throw new IllegalArgumentException("windowSeconds must be at least 1, got " + windowSeconds);
        }
        long s = time.getEpochSecond();
        return Instant.ofEpochSecond(s - Math.floorMod(s, windowSeconds));
    }
}
