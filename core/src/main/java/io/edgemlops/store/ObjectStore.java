package io.edgemlops.store;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A bucket (plus optional key prefix) on an S3-compatible server. All keys are relative to the
 * prefix. Every write is all-or-nothing: nothing partial is ever visible under a final key.
 *
 * <p>Consistency primitives used by the registry and rollouts: {@link #createIfAbsent} (If-None-Match: *)
 * to allocate names exactly once, {@link #compareAndSwap} (If-Match) to move pointers without losing
 * a concurrent change, and content-addressed blobs ({@link #putBlob}) that are verified on read.
 */
public interface ObjectStore {

    /** Where this store lives (for messages and for child processes). */
    StoreLocation location();

    /** Writes (or replaces) an object. */
    PutResult putBytes(String key, byte[] bytes);

    /** Uploads a file, streaming; large files go up in parts and become visible only when complete. */
    PutResult putFile(String key, Path file);

    /** The object's content, or empty if there is no such key. */
    Optional<byte[]> getBytes(String key);

    /** The object's content and its ETag, or empty if there is no such key. */
    Optional<VersionedBytes> getVersioned(String key);

    /**
     * A conditional GET ({@code If-None-Match}): the object when its ETag is not {@code knownEtag},
     * {@link VersionedBytes#UNCHANGED} when it is (no content is transferred: thousands of devices poll
     * a desired state that rarely changes), or empty if there is no such key. A null {@code knownEtag}
     * reads unconditionally.
     */
    Optional<VersionedBytes> getIfChanged(String key, String knownEtag);

    /**
     * Downloads an object to {@code target}, streaming into a temporary file next to it that is
     * moved into place only when complete.
     *
     * @return the object's metadata, or empty (and no file written) if there is no such key
     */
    Optional<ObjectInfo> getToFile(String key, Path target);

    /** Metadata of an object, or empty if absent. */
    Optional<ObjectInfo> head(String key);

    /** Every object whose key starts with {@code prefix}, in key order, across all pages. */
    List<ObjectInfo> list(String prefix);

    /**
     * One page of the objects whose key starts with {@code prefix}: at most {@code maxKeys} of them, in key
     * order (UTF-8 bytes, as S3 sorts), starting after {@code startAfter} (null: from the first). Fewer than
     * {@code maxKeys} means the listing is complete. For prefixes too large to hold in memory at once (a
     * window's telemetry): pass the last key of a page as {@code startAfter} of the next. Unlike a
     * continuation token, {@code startAfter} survives deletes between pages (and process restarts).
     *
     * @param startAfter a key relative to this store's prefix, or null
     * @param maxKeys at least 1; servers answer at most 1000 per request, larger pages take several
     */
    List<ObjectInfo> listPage(String prefix, String startAfter, int maxKeys);

    /**
     * The distinct "directories" directly below {@code prefix} (which should end with '/'), e.g.
     * {@code listPrefixes("models/")} gives {@code ["models/pump/", ...]}.
     */
    List<String> listPrefixes(String prefix);

    /** Deletes an object; deleting a missing key is not an error. */
    void delete(String key);

    /**
     * Deletes every key given, up to 1000 per request (S3 DeleteObjects); keys that do not exist are not an
     * error. Not atomic: if it fails, some of the keys may be deleted already.
     *
     * @throws StoreException naming a key the server refused to delete
     */
    void deleteAll(Collection<String> keys);

    /**
     * Creates an object only if the key does not exist yet (If-None-Match: *).
     *
     * @return true if this call created it, false if it already existed
     */
    boolean createIfAbsent(String key, byte[] bytes);

    /**
     * Replaces an object only if its current ETag is {@code expectedEtag} (If-Match).
     *
     * @return the new ETag
     * @throws ConflictException if the object changed or vanished since it was read
     */
    String compareAndSwap(String key, byte[] bytes, String expectedEtag);

    /**
     * The same server and credentials at another bucket and prefix, for reading objects that live
     * outside this store's prefix (for example a dataset given as {@code s3://bucket/key}). Closing
     * the view does not close this store.
     */
    ObjectStore at(String bucket, String prefix);

    /** Stores content under {@code blobs/sha256/<hex>}; idempotent (existing content is not re-uploaded). */
    BlobRef putBlob(byte[] bytes);

    /** Stores a file's content under {@code blobs/sha256/<hex>}, streaming; idempotent. */
    BlobRef putBlob(Path file);

    /**
     * Reads a blob and verifies its SHA-256.
     *
     * @throws NotFoundException if absent
     * @throws IntegrityException if the content does not match its hash
     */
    byte[] getBlob(String sha256);

    /**
     * Downloads a blob to {@code target}, verifying its SHA-256 before the file appears; on a
     * mismatch no file is left behind.
     *
     * @throws NotFoundException if absent
     * @throws IntegrityException if the content does not match its hash
     */
    void getBlobToFile(String sha256, Path target);
}
