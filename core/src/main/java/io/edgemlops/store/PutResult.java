package io.edgemlops.store;

/**
 * What a completed upload stored.
 *
 * @param key key relative to the store's prefix
 * @param size bytes written
 * @param etag entity tag the server assigned
 * @param sha256 lower-case hex SHA-256 of the content
 */
public record PutResult(String key, long size, String etag, String sha256) {
}
