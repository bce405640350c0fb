package io.edgemlops.store;

/**
 * An object's content together with the ETag it had when read, for read-modify-write with
 * {@link ObjectStore#compareAndSwap}.
 *
 * @param bytes the content
 * @param etag entity tag of exactly this content
 */
public record VersionedBytes(byte[] bytes, String etag) {
}
