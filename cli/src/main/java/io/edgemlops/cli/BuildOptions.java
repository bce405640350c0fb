package io.edgemlops.cli;

import picocli.CommandLine.Option;

/**
 * Picocli mixin naming the CI build a command runs in, recorded in lineage and history. The
 * Jenkins plugin passes both flags; by hand they default to {@code BUILD_URL} and {@code BUILD_TAG}.
 */
public final class BuildOptions {

    @Option(names = "--build-url", paramLabel = "URL", description = "CI build URL for lineage and history (env BUILD_URL).")
    String url;

    @Option(names = "--build-id", paramLabel = "ID", description = "CI build id or tag for lineage and history (env BUILD_TAG).")
    String id;

    /** The build URL, or null. */
    public String url() {
        return firstNonBlank(url, System.getenv("BUILD_URL"));
    }

    /** The build id or tag, or null. */
    public String id() {
        return firstNonBlank(id, System.getenv("BUILD_TAG"));
    }

    /** The URL if known, else the id, else null. */
    public String reference() {
        String u = url();
        return u != null ? u : id();
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b == null || b.isBlank() ? null : b;
    }
}
