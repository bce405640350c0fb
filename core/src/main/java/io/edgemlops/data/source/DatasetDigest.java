package io.edgemlops.data.source;

import java.util.List;

/**
 * What a dataset's bytes were when read, for the model's lineage: the checksum names exactly the data trained on.
 *
 * @param uri the location as the user gave it
 * @param sha256 hex SHA-256: for a single part, that part's raw bytes' SHA-256 (so a dataset of one file keeps the
 *     checksum it had before datasets could have several parts); for several, the SHA-256 of the parts' hex
 *     SHA-256s, one per line ({@code "\n"}-terminated), in reading order
 * @param bytes raw (compressed) bytes of all parts
 * @param parts each part's digest, in reading order
 */
public record DatasetDigest(String uri, String sha256, long bytes, List<PartDigest> parts) {

    public DatasetDigest {
        parts = List.copyOf(parts);
    }
}
