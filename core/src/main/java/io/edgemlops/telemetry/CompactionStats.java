package io.edgemlops.telemetry;

/**
 * What a {@link TelemetryCompactor} did, summed over its calls.
 *
 * @param recordsFolded raw records folded into an aggregate
 * @param alreadyFolded raw records listed but not folded because a write already had: a run stopped between its
 *                      aggregate write and its deletes, or a concurrent compactor
 * @param skipped objects under a shard's prefix left where they are because they are not valid records of their
 *                key (not a record's key, not valid JSON or not a valid record, fields that disagree with the key),
 *                each logged by key
 * @param objectsRead raw records read (GET), a record read again after a lost compare-and-swap included
 * @param aggregatesWritten compacted aggregates written (one per batch of records)
 * @param conflicts aggregate writes that lost a race with another compactor and were redone
 * @param deletes raw record keys deleted after being folded (deleteAll, missing keys included)
 */
public record CompactionStats(long recordsFolded, long alreadyFolded, long skipped, long objectsRead,
                              long aggregatesWritten, long conflicts, long deletes) {

    /** Nothing done. */
    public static final CompactionStats ZERO = new CompactionStats(0, 0, 0, 0, 0, 0, 0);

    /** What was done since {@code earlier} (a snapshot of the same compactor). */
    public CompactionStats since(CompactionStats earlier) {
        return new CompactionStats(recordsFolded - earlier.recordsFolded, alreadyFolded - earlier.alreadyFolded,
                skipped - earlier.skipped, objectsRead - earlier.objectsRead,
                aggregatesWritten - earlier.aggregatesWritten, conflicts - earlier.conflicts, deletes - earlier.deletes);
    }
}
