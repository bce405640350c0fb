package io.edgemlops.telemetry;

import static io.edgemlops.telemetry.TelemetryFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgemlops.fleet.SimulatedNetwork;
import io.edgemlops.store.Json;
import io.edgemlops.store.ObjectInfo;
import io.edgemlops.store.ObjectStore;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import io.edgemlops.telemetry.TelemetryFixtures.FakeClock;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts wired as a device agent wires them: observe, roll into the buffer, upload when the store answers. */
class DeviceTelemetryFlowTest {

    @TempDir
    Path dir;

    @Test
    void aDeviceOfflineForLongerThanItsBufferReportsWhatItDropped() {
        try (OpenStore open = Stores.open(StoreLocation.parse("local:" + dir.resolve("store"), null))) {
            AtomicBoolean online = new AtomicBoolean(false);
            ObjectStore network = SimulatedNetwork.through(open.store(), online::get);
            FakeClock clock = new FakeClock(T0);
            TelemetryBuffer buffer = TelemetryBuffer.open(dir.resolve("buffer"), 5);
            WindowAggregator aggregator = new WindowAggregator(TelemetryFixtures.source("pi-9", Role.SERVING),
                    TelemetryFixtures.pumpBins(), TelemetryFixtures.CLASSES, 300, buffer::nextSeq, clock);
            TelemetryUploader uploader = new TelemetryUploader(network, buffer);
            Object[] raw = new Object[16];
            for (int minute = 0; minute <= 60; minute++) {
                online.set(minute >= 40); // offline for the first 8 windows; the buffer holds 5
                clock.set(T0.plusSeconds(minute * 60L + 1));
                if (minute < 60) {
                    for (int i = 0; i < 10; i++) {
                        raw[i % 16] = i;
                        aggregator.observe(raw, i % 3, 80_000, false);
                    }
                }
                aggregator.roll().forEach(buffer::append);
                uploader.upload();
            }
            List<TelemetryRecord> stored = open.store().list(TelemetryKeys.versionPrefix("eu-west", "pump-anomaly", 12))
                    .stream().map(ObjectInfo::key)
                    .map(k -> Json.fromBytes(open.store().getBytes(k).orElseThrow(), TelemetryRecord.class, k))
                    .sorted(java.util.Comparator.comparing(TelemetryRecord::seq)).toList();
            assertEquals(List.of(4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L), stored.stream().map(TelemetryRecord::seq).toList(),
                    "windows 0-2 dropped while offline");
            assertEquals(3, buffer.dropped());
            assertEquals(3, stored.stream().mapToLong(TelemetryRecord::droppedRecords).sum(), "the loss reached the server");
            assertEquals(9 * 50, stored.stream().mapToLong(TelemetryRecord::inferences).sum());
            assertEquals(T0.plusSeconds(3 * 300), stored.get(0).windowStart(), "original window times");
            assertEquals(0, buffer.size());
        }
    }
}
