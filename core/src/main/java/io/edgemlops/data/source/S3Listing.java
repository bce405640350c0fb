package io.edgemlops.data.source;

import io.edgemlops.store.NotFoundException;
import io.edgemlops.store.ObjectInfo;
import io.edgemlops.store.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Lists an object, a prefix or a glob in a bucket: {@code s3://bucket/key}, {@code s3://bucket/prefix/}, ... */
final class S3Listing {

    static final String FORMS = "s3://bucket/key, s3://bucket/prefix/ or s3://bucket/prefix/*.csv.gz";

    /** Keys per listing request: the most a server answers at once. */
    private static final int PAGE = 1000;

    private S3Listing() {
    }

    static Listing list(String location, ObjectStore store) {
        String rest = location.substring("s3://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1 || Glob.firstGlobChar(rest.substring(0, slash)) >= 0) {
            throw new IllegalArgumentException("dataset: '" + location + "' is not of the form " + FORMS);
        }
        if (store == null) {
            throw new IllegalArgumentException("dataset: " + location + " is in an object store, but no store is"
                    + " configured to read it from");
        }
        String bucketName = rest.substring(0, slash);
        String key = rest.substring(slash + 1);
        ObjectStore bucket = store.at(bucketName, "");
        String root = "s3://" + bucketName + "/";
        try {
            int glob = Glob.firstGlobChar(key);
            if (glob >= 0) {
                return glob(location, bucket, root, key, glob);
            }
            if (key.endsWith("/")) {
                List<DatasetPart> files = under(bucket, root, key, key, k -> true);
                if (files.isEmpty()) {
                    throw new IllegalArgumentException("dataset: there are no objects under " + location);
                }
                return new Listing(files, false, location, files.size() + " object(s) there", bucket);
            }
            java.util.Optional<ObjectInfo> object = bucket.head(key);
            if (object.isPresent()) {
                return new Listing(List.of(new DatasetPart(location, key, key, object.get().size())), true, location,
                        "1 object", bucket);
            }
            // s3://b/exports names the folder-like prefix exports/ when there is no object "exports".
            List<DatasetPart> files = under(bucket, root, key + "/", key + "/", k -> true);
            if (files.isEmpty()) {
                throw new IllegalArgumentException("dataset: " + location + " does not exist (no object with that key,"
                        + " and none under " + location + "/)");
            }
            return new Listing(files, false, location + "/", files.size() + " object(s) there", bucket);
        } catch (NotFoundException e) {
            // a missing bucket
            throw new IllegalArgumentException("dataset: cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    /**
     * Lists the literal text before the first glob character (the narrowest listing that can hold every match)
     * and matches the keys below the last '/' before it.
     */
    private static Listing glob(String location, ObjectStore bucket, String root, String key, int glob) {
        String base = key.substring(0, key.lastIndexOf('/', glob) + 1);
        Pattern pattern;
        try {
            pattern = Glob.compile(key.substring(base.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dataset: '" + location + "' is not a valid glob: " + e.getMessage(), e);
        }
        int[] listed = {0};
        List<DatasetPart> files = under(bucket, root, key.substring(0, glob), base, rel -> {
            listed[0]++;
            return pattern.matcher(rel).matches();
        });
        return new Listing(files, false, location, files.size() + " of " + listed[0] + " object(s) under " + root
                + key.substring(0, glob) + " matching", bucket);
    }

    /**
     * The objects whose key starts with {@code prefix}, in key order, page by page; a key's path below
     * {@code base} must pass {@code keep}. Keys ending in '/' are folder markers of consoles, not data.
     */
    private static List<DatasetPart> under(ObjectStore bucket, String root, String prefix, String base,
                                           Predicate<String> keep) {
        List<DatasetPart> files = new ArrayList<>();
        String after = null;
        while (true) {
            List<ObjectInfo> page = bucket.listPage(prefix, after, PAGE);
            for (ObjectInfo o : page) {
                String rel = o.key().substring(base.length());
                if (!o.key().endsWith("/") && keep.test(rel)) {
                    files.add(new DatasetPart(root + o.key(), rel, o.key(), o.size()));
                }
            }
            if (page.size() < PAGE) {
                return files;
            }
            after = page.get(page.size() - 1).key();
        }
    }
}
