package io.edgemlops.telemetry;

/**
 * The counters a {@link TelemetryBuffer} keeps in {@code state.json} next to its records.
 *
 * @param lastSeq the last sequence number handed out
 * @param dropped records dropped since the buffer was created
 * @param unreportedDrops drops not yet carried by a stored record's {@code droppedRecords}
 */
record BufferState(long lastSeq, long dropped, long unreportedDrops) {
}
