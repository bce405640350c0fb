package io.edgemlops.store;

import java.time.Instant;

/**
 * Metadata of one stored object.
 *
 * @param key key relative to the store's prefix
 * @param size size in bytes
 * @param etag the server's entity tag, as returned (used for If-Match)
 * @param lastModified last modification time reported by the server
 */
public record ObjectInfo(String key, long size, String etag, Instant lastModified) {
}
