package io.edgemlops.data.source;

import io.edgemlops.store.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Test data for dataset locations: small CSV parts, gzipped or not, and what reading them should give. */
final class DatasetFiles {

    private DatasetFiles() {
    }

    /** A small CSV whose content says which part it is. */
    static String csv(String tag) {
        return "device,temp\n" + tag + ",21.5\n";
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes {@code csv(tag)} to {@code dir/rel}, gzipped when rel ends .gz; returns the bytes written. */
    static byte[] write(Path dir, String rel, String tag) {
        byte[] bytes = PartNames.isGzip(rel) ? gzip(csv(tag)) : csv(tag).getBytes(StandardCharsets.UTF_8);
        return writeBytes(dir, rel, bytes);
    }

    static byte[] writeBytes(Path dir, String rel, byte[] bytes) {
        try {
            Path file = dir.resolve(rel);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The combined checksum of several parts: SHA-256 of their hex checksums, one per line. */
    static String combined(List<String> partSha256s) {
        StringBuilder lines = new StringBuilder();
        partSha256s.forEach(s -> lines.append(s).append('\n'));
        return Sha256.of(lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a dataset fully; returns "index name: content" per part, in the order the reader saw them. */
    static List<String> readAll(DatasetLocation location, List<DatasetDigest> digest) {
        List<String> seen = new ArrayList<>();
        digest.add(location.read((i, name, in) ->
                seen.add(i + " " + name + ": " + new String(in.readAllBytes(), StandardCharsets.UTF_8))));
        return seen;
    }
}
