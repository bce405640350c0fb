package io.edgemlops.telemetry;

import static io.edgemlops.telemetry.TelemetryFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryBufferTest {

    @TempDir
    Path dir;

    static TelemetryRecord record(long seq) {
        return new TelemetryRecord(TelemetryRecord.SCHEMA_VERSION, "eu", "pump", 3, null, "pi-7", "raspberry-pi-4",
                seq, T0.plusSeconds(60 * seq), 60, Role.SERVING, seq, 0,
                List.of(new FeatureCounts(List.of(seq, 1L), 0, 0, 0)), Map.of("ok", seq),
                LatencyHistogram.of(50_000 * seq), Health.OK, null, null, null, 0);
    }

    @Test
    void recordsAndSequenceNumbersSurviveReopening() {
        TelemetryBuffer buffer = TelemetryBuffer.open(dir, 10);
        for (int i = 0; i < 3; i++) {
            buffer.append(record(buffer.nextSeq()));
        }
        long unused = buffer.nextSeq(); // handed out, record never made (a crash): never handed out again
        TelemetryBuffer reopened = TelemetryBuffer.open(dir, 10);
        assertEquals(List.of(record(1), record(2), record(3)), reopened.pending());
        assertEquals(unused + 1, reopened.nextSeq());
        reopened.acknowledge(2);
        reopened.acknowledge(2);
        reopened.acknowledge(99);
        assertEquals(List.of(1L, 3L), TelemetryBuffer.open(dir, 10).pending().stream().map(TelemetryRecord::seq).toList());
    }

    @Test
    void sequenceNumbersContinueAfterTheLastRecordEvenWithoutTheStateFile() throws IOException {
        TelemetryBuffer buffer = TelemetryBuffer.open(dir, 10);
        buffer.append(record(41));
        Files.delete(dir.resolve("state.json"));
        assertEquals(42, TelemetryBuffer.open(dir, 10).nextSeq());
        Files.writeString(dir.resolve("state.json"), "{not json");
        assertEquals(42, TelemetryBuffer.open(dir, 10).nextSeq(), "a damaged state file is not fatal");
    }

    @Test
    void whenFullTheOldestIsDroppedCountedAndReportedByTheNextRecord() {
        TelemetryBuffer buffer = TelemetryBuffer.open(dir, 2);
        buffer.append(record(1));
        buffer.append(record(2));
        assertEquals(1, buffer.append(record(3)).droppedRecords(), "drops 1");
        assertEquals(1, buffer.append(record(4)).droppedRecords(), "drops 2");
        // Record 3 carried one drop; dropping it passes that drop on together with its own.
        assertEquals(2, buffer.append(record(5)).droppedRecords(), "drops 3");
        assertEquals(List.of(4L, 5L), buffer.pending().stream().map(TelemetryRecord::seq).toList());
        assertEquals(3, buffer.dropped());
        assertEquals(buffer.dropped(), buffer.pending().stream().mapToLong(TelemetryRecord::droppedRecords).sum(),
                "every drop is reported exactly once");
        TelemetryBuffer reopened = TelemetryBuffer.open(dir, 2);
        assertEquals(3, reopened.dropped(), "the count survives restarts");
        assertEquals(0, reopened.unreportedDrops());
    }

    @Test
    void aSmallerCapacityDropsTheSurplusAtTheNextAppend() {
        TelemetryBuffer big = TelemetryBuffer.open(dir, 10);
        for (long s = 1; s <= 5; s++) {
            big.append(record(s));
        }
        TelemetryBuffer small = TelemetryBuffer.open(dir, 2);
        assertEquals(4, small.append(record(6)).droppedRecords());
        assertEquals(List.of(5L, 6L), small.pending().stream().map(TelemetryRecord::seq).toList());
    }

    @Test
    void leftoversOfACrashAndDamagedFilesAreHandled() throws IOException {
        TelemetryBuffer buffer = TelemetryBuffer.open(dir, 10);
        buffer.append(record(1));
        buffer.append(record(2));
        Files.writeString(dir.resolve("record-0000000000000000003.json.tmp"), "{\"half");
        Files.writeString(dir.resolve(String.format("record-%019d.json", 2)), "garbage");
        TelemetryBuffer reopened = TelemetryBuffer.open(dir, 10);
        assertEquals(List.of(record(1)), reopened.pending(), "the damaged record is dropped");
        assertEquals(1, reopened.dropped());
        assertEquals(1, reopened.append(record(3)).droppedRecords(), "and reported");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("record-0000000000000000001.json", "record-0000000000000000003.json", "state.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void onlyDeviceRecordsWithNewSeqsAreAccepted() {
        TelemetryBuffer buffer = TelemetryBuffer.open(dir, 10);
        buffer.append(record(1));
        assertThrows(IllegalArgumentException.class, () -> buffer.append(record(1)));
        TelemetryRecord other = record(2);
        TelemetryRecord merged = other.merge(new TelemetryRecord(1, "eu", "pump", 3, null, "pi-8", "raspberry-pi-4", 9L,
                other.windowStart(), 60, Role.SERVING, 0, 0, other.features(), Map.of(), null, null, null, null, null, 0));
        assertThrows(IllegalArgumentException.class, () -> buffer.append(merged), "a merged record has no device");
        assertThrows(IllegalArgumentException.class, () -> TelemetryBuffer.open(dir, 0));
    }
}
