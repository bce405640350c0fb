package io.edgemlops.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.rollout.Cohort;
import io.edgemlops.rollout.FleetKeys;
import io.edgemlops.rollout.SignedDocument;
import io.edgemlops.rollout.SigningKeys;
import io.edgemlops.rollout.Wave;
import io.edgemlops.store.ConflictException;
import io.edgemlops.store.Json;
import io.edgemlops.store.ObjectInfo;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import io.edgemlops.telemetry.TelemetryRecord;
import io.edgemlops.train.TrainingOptions;
import io.edgemlops.usecase.PublishToEdge;
import io.edgemlops.usecase.TrainAndRegister;
import io.edgemlops.usecase.ValidateAndRecord;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publish and device flow against an external S3 server (Ceph RGW in CI; see
 * {@code ExternalS3StoreContractTest} for the environment), under a fresh prefix that is deleted afterwards:
 * conditional writes, ETags and listings as that server really answers them.
 */
@EnabledIfEnvironmentVariable(named = "EDGE_MLOPS_TEST_S3_ENDPOINT", matches = ".+")
class ExternalS3RolloutFlowTest {

    static final String TARGET = "raspberry-pi-4";

    @TempDir
    Path dir;

    @Test
    void publishInstallServeReportAndRefuseOnARealServer() throws Exception {
        String bucket = System.getenv().getOrDefault("EDGE_MLOPS_TEST_S3_BUCKET", "edge-mlops");
        String prefix = "rollout-flow-" + UUID.randomUUID();
        try (OpenStore open = Stores.open(StoreLocation.parse("s3://" + bucket + "/" + prefix,
                System.getenv("EDGE_MLOPS_TEST_S3_ENDPOINT")))) {
            try {
                new SensorDataGenerator(4).writeCsv(dir.resolve("pump.csv"), 800);
                ModelCard card = TrainAndRegister.run(open.store(), new TrainAndRegister.Request("pump", "pump.csv",
                        null, TrainingOptions.of(SensorDataGenerator.LABEL).withEpochs(2), dir, null, null), l -> { })
                        .card();
                ValidateAndRecord.run(open.store(), new ValidateAndRecord.Request("pump", "1", TARGET, "fp32", null,
                        null, false, dir, null), l -> { });
                KeyPair keys = SigningKeys.generate();
                PublishToEdge.Outcome out = PublishToEdge.run(open.store(), new PublishToEdge.Request("pump", "1",
                        "ceph", Map.of(TARGET, "fp32"), Wave.parseAll("50,100"), false, false, false,
                        keys.getPrivate(), SigningKeys.keyId(keys.getPublic()), null, dir, null), l -> { });

                List<String> installed = new ArrayList<>();
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    String id = "ceph-" + i;
                    if (Cohort.includes(id, out.rollout().id(), 50, List.of())) {
                        expected.add(id);
                    }
                    try (DeviceAgent a = new DeviceAgent(open.store(), new DeviceAgent.Settings("ceph", "pump", id,
                            TARGET, dir.resolve(id), keys.getPublic()), Clock.systemUTC(), l -> { })) {
                        if (a.pollOnce().servingVersion() != null) {
                            installed.add(id);
                            Map<String, Object> row = new LinkedHashMap<>();
                            card.schema().features().forEach(f -> row.put(f.name(), 1.0));
                            assertEquals(1, a.predict(row).version());
                            assertEquals(0, a.flushTelemetry().remaining());
                        }
                    }
                }
                assertEquals(expected, installed);
                long inferences = open.store().list("telemetry/ceph/pump/1/").stream()
                        .map(o -> Json.fromBytes(open.store().getBytes(o.key()).orElseThrow(), TelemetryRecord.class,
                                o.key())).mapToLong(TelemetryRecord::inferences).sum();
                assertEquals(installed.size(), inferences);

                // A second rollout while the first is in progress is a conflict; a wrongly signed state is refused.
                assertThrows(ConflictException.class, () -> PublishToEdge.run(open.store(), new PublishToEdge.Request(
                        "pump", "1", "ceph", Map.of(TARGET, "fp32"), null, false, false, false, keys.getPrivate(),
                        SigningKeys.keyId(keys.getPublic()), null, dir, null), l -> { }));
                KeyPair other = SigningKeys.generate();
                String key = FleetKeys.desired("ceph", "pump");
                SignedDocument doc = Json.fromBytes(open.store().getBytes(key).orElseThrow(), SignedDocument.class, key);
                open.store().putBytes(key, Json.toBytes(SignedDocument.sign(doc.unverifiedPayload(), other.getPrivate(),
                        "other")));
                try (DeviceAgent a = new DeviceAgent(open.store(), new DeviceAgent.Settings("ceph", "pump", "fresh",
                        TARGET, dir.resolve("fresh"), keys.getPublic()), Clock.systemUTC(), l -> { })) {
                    DeviceAgent.PollResult r = a.pollOnce();
                    assertEquals(DeviceAgent.Action.REJECTED, r.action());
                    assertNull(r.servingVersion());
                }
                assertTrue(open.store().getBytes(FleetKeys.device("ceph", "fresh")).isPresent());
            } finally {
                for (ObjectInfo o : open.store().list("")) {
                    open.store().delete(o.key());
                }
            }
        }
    }
}
