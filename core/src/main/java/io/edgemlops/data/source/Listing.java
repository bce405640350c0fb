package io.edgemlops.data.source;

import io.edgemlops.store.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The files or objects a location names, in reading order, before the part rules and dates apply.
 *
 * @param files what is there, in order
 * @param single whether the location names one file or object itself (it is then a part whatever its name)
 * @param where the location and what was looked at, for messages ("'exports' (looked at /ws/exports)")
 * @param found how many files were found, for messages ("7 file(s) there", "2 of 7 file(s) under /ws/x matching")
 * @param bucket the bucket the files' sources are keys of, or null for local files
 */
record Listing(List<DatasetPart> files, boolean single, String where, String found, ObjectStore bucket) {

    /** Names in the order S3 lists keys: by their UTF-8 bytes, so a folder and its upload read alike. */
    static final Comparator<String> KEY_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
}
