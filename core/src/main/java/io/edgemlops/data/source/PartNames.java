package io.edgemlops.data.source;

import java.util.Locale;

/** Which files under a dataset location are parts, and which parts are gzip-compressed. */
final class PartNames {

    private PartNames() {
    }

    /**
     * A part is a {@code .csv} or {@code .csv.gz} file (any case) whose name does not start with {@code .} or
     * {@code _}: those are markers and hidden files of the tools that write exports ({@code _SUCCESS}, {@code .crc}).
     */
    static boolean isPart(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.startsWith(".") || last.startsWith("_")) {
            return false;
        }
        String lower = last.toLowerCase(Locale.ROOT);
        return lower.endsWith(".csv") || lower.endsWith(".csv.gz");
    }

    /** Any name ending {@code .gz} (any case) is read through gunzip, also a single file named directly. */
    static boolean isGzip(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(".gz");
    }
}
