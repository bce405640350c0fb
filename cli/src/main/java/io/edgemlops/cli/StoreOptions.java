package io.edgemlops.cli;

import io.edgemlops.store.OpenStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Picocli mixin with the store flags every command shares: {@code --store} (env
 * {@code EDGE_MLOPS_STORE}, default {@code local:~/.edge-mlops/store}, announced on stderr) and
 * {@code --s3-endpoint} (env {@code EDGE_MLOPS_S3_ENDPOINT}). Use with
 * {@code @Mixin StoreOptions store;} and {@code store.open(err)}.
 */
public final class StoreOptions {

    @Option(names = "--store", paramLabel = "LOCATION",
            description = "s3://bucket/prefix, or local:DIR for the embedded server on DIR "
                    + "(env EDGE_MLOPS_STORE; default local:~/.edge-mlops/store)")
    String store;

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "S3 endpoint for S3-compatible servers, e.g. http://minio:9000 (env EDGE_MLOPS_S3_ENDPOINT)")
    String endpoint;

    /** Environment used for defaults; replaceable in tests. */
    static Map<String, String> env = System.getenv();

    /** The default local store directory. */
    public static Path defaultLocalDir() {
        return Path.of(System.getProperty("user.home"), ".edge-mlops", "store");
    }

    /** The location from the flag, the environment, or the default (announced on {@code err}). */
    public StoreLocation location(PrintWriter err) {
        String loc = firstNonBlank(store, env.get(StoreLocation.ENV_STORE));
        String ep = firstNonBlank(endpoint, env.get(StoreLocation.ENV_ENDPOINT));
        if (loc == null) {
            loc = "local:" + defaultLocalDir();
            err.println("edge-mlops: no --store or EDGE_MLOPS_STORE given, using the local store " + loc);
            err.flush();
        }
        StoreLocation location = StoreLocation.parse(loc, ep, env);
        if (location.isLocal() && ep != null) {
            throw new IllegalArgumentException("--s3-endpoint cannot be used with a local: store (" + loc + ")");
        }
        return location;
    }

    /** Opens the store (starting the embedded server for local:). Close the result. */
    public OpenStore open(PrintWriter err) {
        return Stores.open(location(err));
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }
}
