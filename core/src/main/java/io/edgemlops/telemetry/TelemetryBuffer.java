package io.edgemlops.telemetry;

import io.edgemlops.store.Json;
import io.edgemlops.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device's telemetry waiting for upload, on disk so that it survives restarts and long offline spells.
 *
 * <p>One file per record ({@code record-<seq>.json}) plus {@code state.json} (the last sequence number and
 * the drop counters). Every file is written to a temporary file, forced to disk and moved into place
 * atomically, so a crash or power loss leaves either the old or the new file, never half of one.
 *
 * <p>The buffer holds at most {@code capacity} records. When it is full, the oldest record is dropped to
 * make room: recent telemetry is worth more to a rollout gate than old. Every drop is counted
 * ({@link #dropped()}), and the next record stored carries the drops not reported yet in its
 * {@code droppedRecords}, so the loss reaches the server exactly once (a dropped record's own
 * {@code droppedRecords} is carried over too). A crash in the middle of {@link #append} can report a drop
 * twice, never lose one.
 *
 * <p>One process per directory; methods are thread-safe within it.
 */
public final class TelemetryBuffer {

    private static final String STATE = "state.json";
    private static final Pattern RECORD = Pattern.compile("record-([0-9]{19})\\.json");
    private static final String TMP_SUFFIX = ".tmp";

    private final Path dir;
    private final int capacity;
    private final TreeSet<Long> pending = new TreeSet<>();
    private BufferState state;

    private TelemetryBuffer(Path dir, int capacity, BufferState state) {
        this.dir = dir;
        this.capacity = capacity;
        this.state = state;
    }

    /**
     * Opens (or creates) the buffer in {@code dir}.
     *
     * @param capacity most records kept; when lowered below what is stored, the oldest go at the next append
     */
    public static TelemetryBuffer open(Path dir, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("telemetry buffer capacity must be at least 1, got " + capacity);
        }
        try {
            Files.createDirectories(dir);
            Path stateFile = dir.resolve(STATE);
            BufferState state = readState(stateFile);
            TelemetryBuffer buffer = new TelemetryBuffer(dir, capacity, state);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    Matcher m = RECORD.matcher(name);
                    if (m.matches()) {
                        buffer.pending.add(Long.parseLong(m.group(1)));
                    } else if (name.endsWith(TMP_SUFFIX)) {
                        Files.deleteIfExists(f); // left by a crash before its move: never a complete file
                    }
                }
            }
            if (!buffer.pending.isEmpty() && buffer.pending.last() > state.lastSeq()) {
                // The state file is older than a record (or was lost): never hand out a number twice.
                buffer.state = new BufferState(buffer.pending.last(), state.dropped(), state.unreportedDrops());
            }
            return buffer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open telemetry buffer " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The directory. */
    public Path directory() {
        return dir;
    }

    /** Most records kept. */
    public int capacity() {
        return capacity;
    }

    /**
     * The device's next sequence number: one more than any handed out before, in this process or an earlier
     * one. Persisted before it is returned.
     */
    public synchronized long nextSeq() {
        BufferState next = new BufferState(state.lastSeq() + 1, state.dropped(), state.unreportedDrops());
        writeState(next);
        return next.lastSeq();
    }

    /**
     * Stores a record for upload, dropping the oldest pending records first if the buffer is full.
     *
     * @return the record as stored: its {@code droppedRecords} increased by the drops not reported yet
     * @throws IllegalArgumentException if the record has no device or seq, or its seq is already pending
     */
    public synchronized TelemetryRecord append(TelemetryRecord record) {
        if (record.deviceId() == null || record.seq() == null) {
            throw new IllegalArgumentException("only a device's own records (with device id and seq) can be buffered");
        }
        long seq = record.seq();
        if (pending.contains(seq)) {
            throw new IllegalArgumentException("telemetry record seq " + seq + " is already in the buffer " + dir);
        }
        while (pending.size() >= capacity) {
            dropOldest();
        }
        TelemetryRecord stored = record.withDroppedRecords(record.droppedRecords() + state.unreportedDrops());
        writeAtomically(recordFile(seq), Json.toBytes(stored));
        pending.add(seq);
        writeState(new BufferState(Math.max(state.lastSeq(), seq), state.dropped(), 0));
        return stored;
    }

    /**
     * The records waiting for upload, in seq order. A record file that cannot be read any more (a damaged
     * disk) is dropped and counted like any other drop.
     */
    public synchronized List<TelemetryRecord> pending() {
        List<TelemetryRecord> records = new ArrayList<>(pending.size());
        for (Long seq : new ArrayList<>(pending)) {
            TelemetryRecord r = read(seq);
            if (r == null) {
                drop(seq, 0);
            } else {
                records.add(r);
            }
        }
        return records;
    }

    /**
     * The pending record with the lowest seq, or empty when none is pending; reads one file, so an uploader
     * that stops at the first error does not read a full buffer each time it tries. A damaged file is dropped
     * as in {@link #pending()}.
     */
    public synchronized Optional<TelemetryRecord> oldest() {
        while (!pending.isEmpty()) {
            long seq = pending.first();
            TelemetryRecord r = read(seq);
            if (r != null) {
                return Optional.of(r);
            }
            drop(seq, 0);
        }
        return Optional.empty();
    }

    /** Number of records waiting for upload. */
    public synchronized int size() {
        return pending.size();
    }

    /** Removes an uploaded record; acknowledging a seq that is not pending does nothing. */
    public synchronized void acknowledge(long seq) {
        if (pending.remove(seq)) {
            delete(recordFile(seq));
        }
    }

    /** Records dropped since the buffer was created (they never reached the server). */
    public synchronized long dropped() {
        return state.dropped();
    }

    /** Drops not yet carried by a stored record; the next {@link #append} takes them. */
    public synchronized long unreportedDrops() {
        return state.unreportedDrops();
    }

    private void dropOldest() {
        long seq = pending.first();
        TelemetryRecord oldest = read(seq);
        drop(seq, oldest == null ? 0 : oldest.droppedRecords());
    }

    private void drop(long seq, long carried) {
        // Count first, delete second: a crash in between reports a drop twice rather than losing it.
        writeState(new BufferState(state.lastSeq(), state.dropped() + 1, state.unreportedDrops() + 1 + carried));
        pending.remove(seq);
        delete(recordFile(seq));
    }

    private TelemetryRecord read(long seq) {
        Path file = recordFile(seq);
        try {
            return Json.fromBytes(Files.readAllBytes(file), TelemetryRecord.class, file.toString());
        } catch (IOException | StoreException e) {
            return null;
        }
    }

    private Path recordFile(long seq) {
        return dir.resolve(String.format("record-%019d.json", seq));
    }

    private static BufferState readState(Path file) {
        try {
            return Json.fromBytes(Files.readAllBytes(file), BufferState.class, file.toString());
        } catch (IOException | StoreException e) {
            // Absent (a new buffer) or damaged: start the counters afresh rather than stop reporting for good.
            // The sequence number still continues after the highest pending record (see open).
            return new BufferState(0, 0, 0);
        }
    }

    private void writeState(BufferState next) {
        writeAtomically(dir.resolve(STATE), Json.toBytes(next));
        state = next;
    }

    private void writeAtomically(Path target, byte[] bytes) {
        Path tmp = target.resolveSibling(target.getFileName() + TMP_SUFFIX);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true); // on disk before it gets its name: a power cut must not leave an empty file
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private void syncDirectory() {
        // Makes the rename itself durable on Linux; not every platform can open a directory, which is fine.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort
        }
    }

    private void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }
}
