package io.edgemlops.telemetry;

import io.edgemlops.store.Json;
import io.edgemlops.store.ObjectStore;
import io.edgemlops.store.StoreException;
import java.util.Objects;
import java.util.Optional;

/**
 * Moves a device's buffered records to the store, oldest first, each under its own
 * {@link TelemetryKeys#recordKey key} with a conditional create.
 *
 * <p>Deduplication by {@code (device, seq)}: a record's key is fixed by its content, so if the key already
 * exists an earlier upload got through but its acknowledgement was lost (a crash, a dropped connection
 * after the write); the record is then acknowledged without writing it twice. The store is never asked to
 * overwrite telemetry.
 *
 * <p>A store error (unreachable, access denied...) stops the upload and leaves that record and the rest
 * pending for the next call; being offline is a normal state for a device, so it is reported in the
 * {@link UploadResult}, not thrown.
 */
public final class TelemetryUploader {

    private final ObjectStore store;
    private final TelemetryBuffer buffer;

    public TelemetryUploader(ObjectStore store, TelemetryBuffer buffer) {
        this.store = Objects.requireNonNull(store, "store");
        this.buffer = Objects.requireNonNull(buffer, "buffer");
    }

    /** Uploads pending records until the buffer is empty or the store fails. */
    public UploadResult upload() {
        int uploaded = 0;
        int alreadyStored = 0;
        String error = null;
        for (Optional<TelemetryRecord> next = buffer.oldest(); next.isPresent(); next = buffer.oldest()) {
            TelemetryRecord record = next.get();
            boolean created;
            try {
                created = store.createIfAbsent(TelemetryKeys.recordKey(record), Json.toBytes(record));
            } catch (StoreException e) {
                error = e.getMessage();
                break;
            }
            buffer.acknowledge(record.seq());
            if (created) {
                uploaded++;
            } else {
                alreadyStored++;
            }
        }
        return new UploadResult(uploaded, alreadyStored, buffer.size(), error);
    }
}
