package io.edgemlops.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectStorageClass;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One page of a flat listing (no delimiter) of the embedded server's filesystem store, read in key order straight
 * from the directory tree, so that a page costs what it returns rather than what the prefix holds.
 *
 * <p>Why: s3proxy 4.1.0's filesystem store answers every ListObjectsV2 request by walking the whole prefix and
 * reading every object's extended attributes, then cutting the page out of the sorted whole. Listing a shard of a
 * window with a million devices (62,500 objects) page by page took 9–19 s per page of 1,000 keys on its own and
 * ran past the client's 60 s timeout with eight shards at once: quadratic in the prefix. Here a page visits the
 * directories on the way to {@code start-after} (reading their names, not their objects) and then only the
 * entries it returns.
 *
 * <p>Key order: keys sort by their characters; a folder's keys all start with {@code name/}, so a depth-first walk
 * that takes a folder's entries in the order of {@code name/} for a sub-folder and {@code name} for an object
 * yields keys in order. A name is looked up (file or folder) only when that changes its place, i.e. when it is a
 * prefix of a sibling's name.
 *
 * <p>It answers only what it knows to be a plain tree of objects: anything of s3proxy's own (names starting with
 * {@code .}: multipart parts, version folders, the object stored for a key ending in {@code /}), a folder that is
 * itself an object (a "directory marker"), a folder that is not there, or a request with a delimiter are left to
 * s3proxy ({@link Optional#empty()}).
 */
final class OrderedDirectoryListing {

    /** Keys per page at most, as S3. */
    private static final int MAX_KEYS = 1000;

    private final Path root;
    private final BlobStore metadata;

    /**
     * @param root the filesystem store's base directory (buckets are its sub-folders)
     * @param metadata the store itself, for each returned object's ETag, size and time
     */
    OrderedDirectoryListing(Path root, BlobStore metadata) {
        this.root = root;
        this.metadata = metadata;
    }

    /** Thrown to hand a request back to s3proxy. */
    private static final class NotPlain extends Exception {
        NotPlain() {
            super(null, null, false, false);
        }
    }

    /** The page, or empty to let s3proxy answer. */
    Optional<ListObjectsV2Response> list(ListObjectsV2Request request) {
        if (request.delimiter() != null && !request.delimiter().isEmpty()) {
            return Optional.empty();
        }
        int max = request.maxKeys() == null ? MAX_KEYS : Math.min(MAX_KEYS, request.maxKeys());
        String prefix = request.prefix() == null ? "" : request.prefix();
        String folderKey = prefix.substring(0, prefix.lastIndexOf('/') + 1);
        if (max < 1 || request.bucket() == null || !plainKey(request.bucket()) || !plainKey(folderKey)) {
            return Optional.empty();
        }
        Path bucket = root.resolve(request.bucket());
        Path folder = folderKey.isEmpty() ? bucket : bucket.resolve(folderKey);
        if (!Files.isDirectory(bucket, LinkOption.NOFOLLOW_LINKS) || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        // A continuation token is the last key of the page before (this class's own), like start-after.
        String after = request.continuationToken() != null ? request.continuationToken() : request.startAfter();
        List<S3Object> page = new ArrayList<>();
        boolean more;
        try {
            more = walk(request.bucket(), folder, folderKey, prefix.substring(folderKey.length()), after, max, page);
        } catch (NotPlain e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        return Optional.of(ListObjectsV2Response.builder().name(request.bucket()).prefix(request.prefix())
                .maxKeys(max).keyCount(page.size()).contents(page).isTruncated(more)
                .continuationToken(request.continuationToken()).startAfter(request.startAfter())
                .nextContinuationToken(more ? page.get(page.size() - 1).key() : null).build());
    }

    /** Keys made only of plain folder names (no empty, "." or ".." part): a path under the bucket. */
    private static boolean plainKey(String key) {
        if (key.isEmpty()) {
            return true;
        }
        for (String part : key.split("/", -1)) {
            if (part.equals(".") || part.equals("..") || part.startsWith(".")) {
                return false;
            }
        }
        return !key.startsWith("/") && !key.contains("//") && !key.contains("\\");
    }

    /**
     * Adds the keys of {@code folder} (whose key is {@code folderKey}) that start with {@code folderKey + namePrefix}
     * and sort after {@code after}, in order, until {@code page} holds {@code max}.
     *
     * @return whether keys remain after a full page
     */
    private boolean walk(String bucket, Path folder, String folderKey, String namePrefix, String after, int max,
                         List<S3Object> page) throws IOException, NotPlain {
        for (Entry e : entries(folder, folderKey, namePrefix, after)) {
            if (page.size() == max) {
                return true;
            }
            if (e.isFolder()) {
                if (isDirectoryMarker(e.path())) {
                    throw new NotPlain();
                }
                if (walk(bucket, e.path(), folderKey + e.name() + "/", "", after, max, page)) {
                    return true;
                }
                continue;
            }
            String key = folderKey + e.name();
            if (after == null || key.compareTo(after) > 0) {
                HeadObjectResponse head = metadata.blobMetadataIfPresent(bucket, key);
                if (head != null) {
                    page.add(S3Object.builder().key(key).eTag(head.eTag()).size(head.contentLength())
                            .lastModified(head.lastModified()).storageClass(ObjectStorageClass.STANDARD).build());
                }
            }
        }
        return false;
    }

    /**
     * An entry of a folder. Its kind (object or sub-folder) is looked up only when it is walked, or when it decides
     * the entry's place: a sub-folder sorts as {@code name/}, which differs from {@code name} only against a
     * sibling whose name starts with {@code name} (e.g. {@code a-b} sorts before folder {@code a/}, after object
     * {@code a}).
     */
    private static final class Entry {
        private final String name;
        private final Path path;
        private Boolean folder;

        Entry(String name, Path path, Boolean folder) {
            this.name = name;
            this.path = path;
            this.folder = folder;
        }

        String name() {
            return name;
        }

        Path path() {
            return path;
        }

        boolean isFolder() {
            if (folder == null) {
                folder = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
            }
            return folder;
        }

        /** The name as it sorts among its siblings (see the class comment). */
        String sortName() {
            return Boolean.TRUE.equals(folder) ? name + "/" : name;
        }
    }

    /** The folder's entries that can hold keys after {@code after}, in key order, read by name only. */
    private static List<Entry> entries(Path folder, String folderKey, String namePrefix, String after)
            throws IOException, NotPlain {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (!name.startsWith(namePrefix)) {
                    continue;
                }
                String key = folderKey + name;
                // Entirely before start-after: neither it nor anything under it can be listed (anything under it
                // starts with key + "/", which sorts after start-after only if start-after starts with key).
                if (after != null && key.compareTo(after) <= 0 && !after.startsWith(key)) {
                    continue;
                }
                if (name.startsWith(".")) {
                    throw new NotPlain();
                }
                names.add(name);
            }
        } catch (NoSuchFileException gone) {
            return List.of();
        }
        names.sort(null);
        List<Entry> out = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Path path = folder.resolve(name);
            // Names that start with this one follow it directly in name order: only then does its kind matter here.
            boolean prefixOfNext = i + 1 < names.size() && names.get(i + 1).startsWith(name);
            out.add(new Entry(name, path, prefixOfNext ? Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) : null));
        }
        out.sort((a, b) -> a.sortName().compareTo(b.sortName()));
        return out;
    }

    /** Whether s3proxy stores an object under the folder's own key ({@code name/}). */
    private static boolean isDirectoryMarker(Path folder) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(folder, UserDefinedFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return false;
        }
        try {
            // s3proxy names it "user.content-md5" through the same view (on disk: user.user.content-md5).
            return view.list().contains("user.content-md5");
        } catch (NoSuchFileException gone) {
            return false;
        }
    }
}
