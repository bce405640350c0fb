package io.edgemlops.data.source;

import java.util.Locale;

/** Which files under a dataset location are parts, and which parts are gzip-compressed. */
final class PartNames {

    private PartNames() {
    }

    /**
     * A part is a {@code .csv} or {@code .csv.gz} file (any case) whose name does not start with {@code .} or
     * {@code _}, and that is not under a folder whose name does: those are markers, hidden files and work folders of
     * the tools that write exports ({@code _SUCCESS}, {@code .crc}, Spark's {@code _temporary/} with the half-written
     * parts of a job still running or failed, {@code .git/}).
     *
     * @param path the file's path below the location's base, {@code /}-separated
     */
    static boolean isPart(String path) {
        for (String segment : path.split("/")) {
            if (segment.startsWith(".") || segment.startsWith("_")) {
                return false;
            }
        }
        String lower = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return lower.endsWith(".csv") || lower.endsWith(".csv.gz");
    }

    /** Any name ending {@code .gz} (any case) is read through gunzip, also a single file named directly. */
    static boolean isGzip(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(".gz");
    }
}
