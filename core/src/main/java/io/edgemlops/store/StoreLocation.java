package io.edgemlops.store;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the loop keeps its state: {@code s3://bucket[/prefix]} on any S3-compatible server, or
 * {@code local:DIR} for the embedded server on a directory.
 *
 * @param uri the location as the user wrote it (normalized)
 * @param bucket bucket name ({@link #LOCAL_BUCKET} for local stores)
 * @param prefix key prefix without leading or trailing slash, may be empty
 * @param endpoint S3 endpoint override, or null for AWS
 * @param pathStyle path-style addressing (always with an endpoint override)
 * @param region signing region
 * @param localDir directory of a local store, or null for S3
 */
public record StoreLocation(String uri, String bucket, String prefix, URI endpoint, boolean pathStyle,
                            String region, Path localDir) {

    /** Bucket the embedded server keeps everything in. */
    public static final String LOCAL_BUCKET = "edge-mlops";
    /** Environment variable naming the store. */
    public static final String ENV_STORE = "EDGE_MLOPS_STORE";
    /** Environment variable with the S3 endpoint override. */
    public static final String ENV_ENDPOINT = "EDGE_MLOPS_S3_ENDPOINT";

    // S3 bucket naming rules, loosely: lower case, digits, dots, hyphens, 3..63 characters.
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public StoreLocation {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(bucket, "bucket");
        prefix = prefix == null ? "" : prefix;
        region = region == null || region.isBlank() ? "us-east-1" : region;
    }

    /** Whether this is a {@code local:} store served by the embedded server. */
    public boolean isLocal() {
        return localDir != null;
    }

    /**
     * Parses a location using the process environment for the region.
     *
     * @param location {@code s3://bucket/prefix} or {@code local:DIR}
     * @param endpoint S3 endpoint override (e.g. {@code http://minio:9000}), or null/blank
     */
    public static StoreLocation parse(String location, String endpoint) {
        return parse(location, endpoint, System.getenv());
    }

    /** Parses a location, reading {@code AWS_REGION} / {@code AWS_DEFAULT_REGION} from {@code env}. */
    public static StoreLocation parse(String location, String endpoint, Map<String, String> env) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("store location is empty: use s3://bucket/prefix or local:DIR");
        }
        String loc = location.trim();
        if (loc.startsWith("local:")) {
            String dir = loc.substring("local:".length());
            if (dir.isBlank()) {
                throw new IllegalArgumentException("store location '" + location + "' names no directory: use local:DIR");
            }
            Path path = Path.of(dir).toAbsolutePath().normalize();
            return new StoreLocation("local:" + path, LOCAL_BUCKET, "", null, true, "us-east-1", path);
        }
        if (!loc.startsWith("s3://")) {
            throw new IllegalArgumentException("store location '" + location
                    + "' is not supported: use s3://bucket/prefix or local:DIR");
        }
        String rest = loc.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : trimSlashes(rest.substring(slash + 1));
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("store location '" + location + "' has an invalid bucket name '"
                    + bucket + "' (3-63 lower-case letters, digits, dots, hyphens)");
        }
        URI endpointUri = null;
        if (endpoint != null && !endpoint.isBlank()) {
            try {
                endpointUri = URI.create(endpoint.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("S3 endpoint '" + endpoint + "' is not a URI: " + e.getMessage(), e);
            }
            if (endpointUri.getScheme() == null || endpointUri.getHost() == null
                    || !(endpointUri.getScheme().equals("http") || endpointUri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("S3 endpoint '" + endpoint + "' must look like http(s)://host[:port]");
            }
        }
        String region = env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
        String normalized = "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
        return new StoreLocation(normalized, bucket, prefix, endpointUri, endpointUri != null, region, null);
    }

    /** The full store key for a key relative to the prefix. */
    public String fullKey(String key) {
        return prefix.isEmpty() ? key : prefix + "/" + key;
    }

    /** A human-readable address of one object, for error messages: {@code s3://bucket/prefix/key}. */
    public String describe(String key) {
        return "s3://" + bucket + "/" + fullKey(key) + (isLocal() ? " (" + uri + ")" : "");
    }

    @Override
    public String toString() {
        return uri + (endpoint != null ? " via " + endpoint : "");
    }

    private static String trimSlashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '/') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(start, end);
    }
}
