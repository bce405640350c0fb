package io.edgemlops.data;

import io.edgemlops.store.ObjectStore;
import io.edgemlops.store.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a CSV dataset named by a Jenkinsfile or command line: a path (relative to the working
 * directory, which is the workspace under Jenkins) or {@code s3://bucket/key} on the store's server.
 * The bytes are hashed as read, so the model's lineage names exactly the data it learned from.
 */
public final class DatasetSource {

    private DatasetSource() {
    }

    /**
     * A dataset read into memory.
     *
     * @param uri the location as given
     * @param sha256 hex SHA-256 of the file's bytes
     * @param bytes file size
     * @param table the parsed rows
     */
    public record Loaded(String uri, String sha256, long bytes, Table table) {
    }

    /**
     * Reads {@code location}.
     *
     * @param location a path or {@code s3://bucket/key}
     * @param workDir base of relative paths
     * @param store the store whose server and credentials serve {@code s3://} locations
     * @throws IllegalArgumentException when the file does not exist or the location is malformed
     * @throws DataException when the CSV is malformed
     */
    public static Loaded load(String location, Path workDir, ObjectStore store) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("dataset: no file given");
        }
        if (location.startsWith("s3://")) {
            return loadS3(location, store);
        }
        Path file = workDir.resolve(location).normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("dataset: file '" + location + "' does not exist (looked at " + file + ")");
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            return new Loaded(location, Sha256.of(bytes), bytes.length, parse(bytes, location));
        } catch (IOException e) {
            throw new UncheckedIOException("dataset: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses the bytes that were hashed, so the lineage's checksum is exactly the data trained on. */
    private static Table parse(byte[] bytes, String source) {
        return CsvReader.read(new ByteArrayInputStream(bytes), source);
    }

    private static Loaded loadS3(String location, ObjectStore store) {
        String rest = location.substring("s3://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new IllegalArgumentException("dataset: '" + location + "' is not of the form s3://bucket/key");
        }
        String bucket = rest.substring(0, slash);
        String key = rest.substring(slash + 1);
        Path tmp = null;
        try {
            tmp = Files.createTempFile("edge-mlops-dataset-", ".csv");
            ObjectStore view = store.at(bucket, "");
            if (view.getToFile(key, tmp).isEmpty()) {
                throw new IllegalArgumentException("dataset: " + location + " does not exist");
            }
            byte[] bytes = Files.readAllBytes(tmp);
            return new Loaded(location, Sha256.of(bytes), bytes.length, parse(bytes, location));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("dataset: " + location + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("dataset: cannot read " + location + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }
}
