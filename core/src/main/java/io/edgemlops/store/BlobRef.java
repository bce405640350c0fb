package io.edgemlops.store;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A reference to immutable content stored under {@code blobs/sha256/<hex>}. The hash is both the
 * address and the integrity check: readers verify it before using the bytes.
 *
 * @param sha256 lower-case hex SHA-256 of the content
 * @param size content length in bytes
 */
public record BlobRef(String sha256, long size) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    /** Key prefix of every blob. */
    public static final String PREFIX = "blobs/sha256/";

    public BlobRef {
        Objects.requireNonNull(sha256, "sha256");
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (!HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 hex digest: '" + sha256 + "'");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative blob size " + size);
        }
    }

    /** The store key of a blob with this hash. */
    public static String keyOf(String sha256) {
        return PREFIX + sha256.toLowerCase(Locale.ROOT);
    }

    /** The store key of this blob. */
    public String key() {
        return keyOf(sha256);
    }
}
