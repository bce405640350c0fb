package io.edgemlops.store;

/**
 * An object's content together with the ETag it had when read, for read-modify-write with
 * {@link ObjectStore#compareAndSwap}.
 *
 * @param bytes the content
 * @param etag entity tag of exactly this content
 */
public record VersionedBytes(byte[] bytes, String etag) {

    /** What {@link ObjectStore#getIfChanged} returns when the object still has the known ETag (no content). */
    public static final VersionedBytes UNCHANGED = new VersionedBytes(new byte[0], null);

    /** Whether this is {@link #UNCHANGED}. */
    public boolean unchanged() {
        return this == UNCHANGED;
    }
}
