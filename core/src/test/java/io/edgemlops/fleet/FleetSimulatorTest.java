package io.edgemlops.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.rollout.SigningKeys;
import io.edgemlops.rollout.Wave;
import io.edgemlops.store.Json;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import io.edgemlops.telemetry.TelemetryRecord;
import io.edgemlops.train.TrainingOptions;
import io.edgemlops.usecase.PublishToEdge;
import io.edgemlops.usecase.TrainAndRegister;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A simulated fleet of real device agents: every device installs, and telemetry arrives whole, outages included. */
class FleetSimulatorTest {

    @TempDir
    Path dir;

    @Test
    void aFleetWithOutagesInstallsEverywhereAndLosesNoTelemetry() throws Exception {
        try (OpenStore open = Stores.open(StoreLocation.parse("local:" + dir.resolve("store"), null))) {
            new SensorDataGenerator(21).writeCsv(dir.resolve("pump.csv"), 1200);
            ModelCard card = TrainAndRegister.run(open.store(), new TrainAndRegister.Request("pump", "pump.csv", null,
                    TrainingOptions.of(SensorDataGenerator.LABEL).withEpochs(3), dir, null, null), l -> { }).card();
            KeyPair keys = SigningKeys.generate();
            PublishToEdge.run(open.store(), new PublishToEdge.Request("pump", "1", "sim", Map.of("raspberry-pi-4",
                    "fp32", "jetson-nano-cpu", "fp32"), List.of(Wave.percent(100)), false, true, false,
                    keys.getPrivate(), SigningKeys.keyId(keys.getPublic()), null, dir, null), l -> { });
            Instant start = Instant.parse("2026-11-25T00:00:00Z");
            FleetSimulator.Settings settings = new FleetSimulator.Settings("sim", "pump", 40, Duration.ofHours(1),
                    Duration.ofMinutes(5), true, 7, Map.of("raspberry-pi-4", 0.5, "jetson-nano-cpu", 0.5), Map.of(),
                    null, Map.of(), 0.25, 0.0, 5, dir.resolve("devices"), keys.getPublic(), start);

            FleetSimulator.Report report = new FleetSimulator(open.store(), settings, card.baseline(), l -> { }).run();

            assertEquals(12, report.rounds());
            FleetStatus status = FleetStatus.of(open.store(), "sim", "pump", start.plus(Duration.ofHours(1)),
                    Duration.ofMinutes(15));
            assertEquals(40, status.devices());
            assertEquals(Map.of("1", 40), status.byVersion());
            assertEquals(Map.of("jetson-nano-cpu", 20, "raspberry-pi-4", 20), status.byTarget());
            assertEquals(40, status.healthy());
            List<TelemetryRecord> records = open.store().list("telemetry/sim/pump/1/").stream()
                    .map(o -> Json.fromBytes(open.store().getBytes(o.key()).orElseThrow(), TelemetryRecord.class, o.key()))
                    .toList();
            assertEquals(report.requests(), records.stream().mapToLong(TelemetryRecord::inferences).sum(),
                    "every request served is in exactly one uploaded record");
            assertTrue(report.requests() >= 40 * 11 * 5, "served from the first round on: " + report.requests());
            assertEquals(records.size(), records.stream().map(r -> r.deviceId() + "/" + r.seq()).distinct().count());
        }
    }
}
