package io.edgemlops.data.source;

/**
 * One part of a dataset as read.
 *
 * @param name the part as messages name it ({@code s3://bucket/key}, or the local path as the user would write it)
 * @param sha256 hex SHA-256 of the part's raw (still compressed) bytes, so it matches {@code sha256sum} of the file
 * @param bytes raw (compressed) size
 */
public record PartDigest(String name, String sha256, long bytes) {
}
