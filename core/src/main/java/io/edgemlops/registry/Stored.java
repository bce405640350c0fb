package io.edgemlops.registry;

/**
 * A value read from the store with the ETag it had, to change it later with If-Match.
 *
 * @param value the value
 * @param etag its ETag
 */
public record Stored<T>(T value, String etag) {
}
