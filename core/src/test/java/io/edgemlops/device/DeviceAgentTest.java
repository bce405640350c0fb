package io.edgemlops.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.fleet.ManualClock;
import io.edgemlops.fleet.SimulatedNetwork;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.rollout.Cohort;
import io.edgemlops.rollout.DesiredState;
import io.edgemlops.rollout.DeviceStatus;
import io.edgemlops.rollout.FleetKeys;
import io.edgemlops.rollout.HealthPolicy;
import io.edgemlops.rollout.SelfTest;
import io.edgemlops.rollout.SignedDocument;
import io.edgemlops.rollout.SigningKeys;
import io.edgemlops.rollout.Wave;
import io.edgemlops.store.Json;
import io.edgemlops.store.ObjectStore;
import io.edgemlops.telemetry.Role;
import io.edgemlops.telemetry.TelemetryRecord;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import io.edgemlops.train.TrainingOptions;
import io.edgemlops.usecase.PublishToEdge;
import io.edgemlops.usecase.TrainAndRegister;
import io.edgemlops.usecase.ValidateAndRecord;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Devices against a real embedded store: cohorts, signatures, checksums, self-tests, shadow and local rollback. */
class DeviceAgentTest {

    static final String TARGET = "raspberry-pi-4";

    @TempDir
    static Path dir;
    static OpenStore open;
    static ModelCard v1;
    static ModelCard v2;
    static KeyPair keys = SigningKeys.generate();
    static int fleets;

    @BeforeAll
    static void twoValidatedVersions() {
        open = Stores.open(StoreLocation.parse("local:" + dir.resolve("store"), null));
        new SensorDataGenerator(11).writeCsv(dir.resolve("pump.csv"), 1500);
        for (int i = 0; i < 2; i++) {
            ModelCard card = TrainAndRegister.run(open.store(), new TrainAndRegister.Request("pump", "pump.csv", null,
                    TrainingOptions.of(SensorDataGenerator.LABEL).withEpochs(3 + i), dir, null, null), l -> { }).card();
            ValidateAndRecord.run(open.store(), new ValidateAndRecord.Request("pump", Integer.toString(card.version()),
                    TARGET, "fp32", null, null, false, dir, null), l -> { });
        }
        ModelRegistry registry = new ModelRegistry(open.store());
        v1 = registry.get("pump", 1);
        v2 = registry.get("pump", 2);
        v2Bytes = open.store().getBlob(v2.variant("fp32").blob().sha256());
        assertTrue(!v1.variant("fp32").blob().equals(v2.variant("fp32").blob()), "two different models");
    }

    /** v2's file, put back after a test corrupts it in the store. */
    static byte[] v2Bytes;

    @AfterAll
    static void stop() {
        open.close();
    }

    static String newFleet() {
        return "fleet-" + (++fleets);
    }

    static PublishToEdge.Outcome publish(String fleet, ModelCard card, String waves, boolean shadow) {
        PublishToEdge.Outcome out = PublishToEdge.run(open.store(), new PublishToEdge.Request("pump",
                Integer.toString(card.version()), fleet, Map.of(TARGET, "fp32"), Wave.parseAll(waves), shadow, false,
                true, keys.getPrivate(), SigningKeys.keyId(keys.getPublic()), null, dir, null), l -> { });
        return out;
    }

    /** Rewrites the fleet's desired state (as the gate will when it promotes), signed with {@code key}. */
    static void rewrite(String fleet, UnaryOperator<DesiredState> change, KeyPair key) {
        String k = FleetKeys.desired(fleet, "pump");
        SignedDocument doc = Json.fromBytes(open.store().getBytes(k).orElseThrow(), SignedDocument.class, k);
        DesiredState d = change.apply(Json.fromBytes(doc.unverifiedPayload(), DesiredState.class, k));
        open.store().putBytes(k, Json.toBytes(SignedDocument.sign(Json.toBytes(d), key.getPrivate(),
                SigningKeys.keyId(key.getPublic()))));
    }

    static DesiredState withWave(DesiredState d, int wave, double percent) {
        return new DesiredState(d.schemaVersion(), d.fleet(), d.model(), d.rollout(), d.version(), d.previousVersion(),
                wave, d.waves(), percent, d.pilotDevices(), false, d.targets(), d.previousTargets(), d.schema(),
                d.fillValues(), d.baseline(), d.selfTest(), d.health(), d.issuedAt(), d.telemetryWindowSeconds());
    }

    static DeviceAgent agent(String fleet, String id, Path state, OpenStore store) {
        return new DeviceAgent(store.store(), new DeviceAgent.Settings(fleet, "pump", id, TARGET, state,
                keys.getPublic()), Clock.systemUTC(), l -> { });
    }

    static DeviceAgent agent(String fleet, String id) {
        return agent(fleet, id, dir.resolve("devices").resolve(fleet).resolve(id), open);
    }

    static Map<String, Object> row() {
        Map<String, Object> row = new LinkedHashMap<>();
        v1.schema().features().forEach(f -> row.put(f.name(), 1.0));
        return row;
    }

    @Test
    void exactlyTheCohortInstallsAndKeepsItWhenTheWaveGrows() {
        String fleet = newFleet();
        publish(fleet, v1, "5,25,100", false);
        String rollout = Json.fromBytes(Json.fromBytes(open.store().getBytes(FleetKeys.desired(fleet, "pump"))
                .orElseThrow(), SignedDocument.class, "d").unverifiedPayload(), DesiredState.class, "d").rollout();
        List<DeviceAgent> devices = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            devices.add(agent(fleet, "pump-" + i));
        }
        Set<String> expected5 = new TreeSet<>();
        IntStream.range(0, 200).filter(i -> Cohort.includes("pump-" + i, rollout, 5, List.of()))
                .forEach(i -> expected5.add("pump-" + i));

        Set<String> installed = new TreeSet<>();
        for (DeviceAgent a : devices) {
            DeviceAgent.PollResult r = a.pollOnce();
            if (r.servingVersion() != null) {
                installed.add(a.status().device());
            }
        }
        assertEquals(expected5, installed);

        rewrite(fleet, d -> withWave(d, 1, 25), keys);
        Set<String> installed25 = new TreeSet<>();
        for (DeviceAgent a : devices) {
            if (a.pollOnce().servingVersion() != null) {
                installed25.add(a.status().device());
            }
        }
        assertTrue(installed25.containsAll(expected5));
        assertEquals(IntStream.range(0, 200).filter(i -> Cohort.includes("pump-" + i, rollout, 25, List.of())).count(),
                installed25.size());
        devices.forEach(DeviceAgent::close);
        assertEquals(200, open.store().list(FleetKeys.devices(fleet)).size(), "every device reported its status");
    }

    @Test
    void aBadSignatureOrATamperedBlobIsNeverInstalled() {
        String fleet = newFleet();
        publish(fleet, v1, "100", false);
        rewrite(fleet, d -> d, SigningKeys.generate());
        try (DeviceAgent a = agent(fleet, "d1")) {
            DeviceAgent.PollResult r = a.pollOnce();
            assertEquals(DeviceAgent.Action.REJECTED, r.action());
            assertNull(r.servingVersion());
            assertTrue(r.message().startsWith("desired state refused: the signature does not verify"), r.message());
        }

        String tamperedFleet = newFleet();
        publish(tamperedFleet, v1, "100", false);
        // A variant whose checksum does not match its file: the device must refuse it.
        rewrite(tamperedFleet, d -> {
            Map<String, io.edgemlops.rollout.TargetVariant> t = Map.of(TARGET, new io.edgemlops.rollout.TargetVariant(
                    "fp32", v2.variant("fp32").blob().sha256(), 1, false));
            open.store().putBytes("blobs/sha256/" + v2.variant("fp32").blob().sha256(), "garbage".getBytes());
            return new DesiredState(d.schemaVersion(), d.fleet(), d.model(), d.rollout(), d.version(),
                    d.previousVersion(), d.wave(), d.waves(), d.cohortPercent(), d.pilotDevices(), false, t,
                    d.previousTargets(), d.schema(), d.fillValues(), d.baseline(), d.selfTest(), d.health(),
                    d.issuedAt(), d.telemetryWindowSeconds());
        }, keys);
        try (DeviceAgent a = agent(tamperedFleet, "d1")) {
            DeviceAgent.PollResult r = a.pollOnce();
            assertEquals(DeviceAgent.Action.REJECTED, r.action());
            assertNull(r.servingVersion());
            assertThrows(IllegalStateException.class, () -> a.predict(row()));
        } finally {
            open.store().putBytes("blobs/sha256/" + v2.variant("fp32").blob().sha256(), v2Bytes);
        }
    }


    @Test
    void aModelThatFailsItsSelfTestIsNotServedAndTheDeviceStaysOnThePreviousOne() {
        String fleet = newFleet();
        publish(fleet, v1, "100", false);
        try (DeviceAgent a = agent(fleet, "d1")) {
            assertEquals(1, a.pollOnce().servingVersion());
            markCompleted(fleet);
            publish(fleet, v2, "100", false);
            rewrite(fleet, d -> {
                List<float[]> wrong = d.selfTest().expected().get(TARGET).stream().map(r -> new float[r.length]).toList();
                return new DesiredState(d.schemaVersion(), d.fleet(), d.model(), d.rollout(), d.version(),
                        d.previousVersion(), d.wave(), d.waves(), d.cohortPercent(), d.pilotDevices(), false,
                        d.targets(), d.previousTargets(), d.schema(), d.fillValues(), d.baseline(),
                        new SelfTest(d.selfTest().inputs(), Map.of(TARGET, wrong), 0.05), d.health(), d.issuedAt(), d.telemetryWindowSeconds());
            }, keys);

            DeviceAgent.PollResult r = a.pollOnce();

            assertEquals(DeviceAgent.Action.REJECTED, r.action());
            assertTrue(r.message().contains("self-test: row 0"), r.message());
            assertEquals(1, r.servingVersion());
            assertEquals(1, a.predict(row()).version());
            DeviceStatus reported = Json.fromBytes(open.store().getBytes(FleetKeys.device(fleet, "d1")).orElseThrow(),
                    DeviceStatus.class, "status");
            assertEquals(1, reported.installedVersion());
            assertTrue(reported.message().contains("self-test"), reported.message());
        }
    }

    /** What the gate will do at the end of a rollout: mark it completed, so the next publish needs no supersede. */
    static void markCompleted(String fleet) {
        for (var o : open.store().list(FleetKeys.rollouts(fleet, "pump"))) {
            var r = Json.fromBytes(open.store().getBytes(o.key()).orElseThrow(), io.edgemlops.rollout.RolloutRecord.class,
                    o.key());
            open.store().putBytes(o.key(), Json.toBytes(r.withStatus(io.edgemlops.rollout.RolloutRecord.Status.COMPLETED,
                    java.time.Instant.now())));
        }
    }

    @Test
    void aShadowWaveKeepsServingTheOldModelWhileRunningTheNewOne() {
        String fleet = newFleet();
        publish(fleet, v1, "100", false);
        try (DeviceAgent a = agent(fleet, "d1")) {
            a.pollOnce();
            markCompleted(fleet);
            publish(fleet, v2, "100", true);

            DeviceAgent.PollResult r = a.pollOnce();

            assertEquals(1, r.servingVersion());
            assertEquals(2, r.shadowVersion());
            for (int i = 0; i < 30; i++) {
                assertEquals(1, a.predict(row()).version());
            }
            a.flushTelemetry();
            List<TelemetryRecord> records = telemetry(fleet);
            TelemetryRecord shadowRecord = records.stream().filter(t -> t.role() == Role.SHADOW).findFirst().orElseThrow();
            assertEquals(2, shadowRecord.modelVersion());
            assertEquals(30, shadowRecord.shadowInferences());
            assertEquals(30, shadowRecord.shadowAgreements(), "the same input row gives the same class on both");
            assertEquals(30, records.stream().filter(t -> t.role() == Role.SERVING && t.modelVersion() == 1)
                    .mapToLong(TelemetryRecord::inferences).sum());
        }
    }

    static List<TelemetryRecord> telemetry(String fleet) {
        return open.store().list("telemetry/" + fleet + "/").stream()
                .map(o -> Json.fromBytes(open.store().getBytes(o.key()).orElseThrow(), TelemetryRecord.class, o.key()))
                .toList();
    }

    @Test
    void anOfflineDeviceKeepsItsTelemetryAndUploadsEveryWindowOnceWhenItIsBack() {
        String fleet = newFleet();
        publish(fleet, v1, "100", false);
        java.util.concurrent.atomic.AtomicBoolean online = new java.util.concurrent.atomic.AtomicBoolean(true);
        ObjectStore network = SimulatedNetwork.through(open.store(), online::get);
        ManualClock clock = new ManualClock(Instant.parse("2026-11-25T18:00:00Z"));
        Path state = dir.resolve("devices").resolve(fleet).resolve("d1");
        try (DeviceAgent a = new DeviceAgent(network, new DeviceAgent.Settings(fleet, "pump", "d1", TARGET, state,
                keys.getPublic()), clock, l -> { })) {
            assertEquals(1, a.pollOnce().servingVersion());
            online.set(false);
            for (int window = 0; window < 6; window++) {
                for (int i = 0; i < 10; i++) {
                    a.predict(row());
                }
                clock.advance(java.time.Duration.ofMinutes(5));
                assertEquals(DeviceAgent.Action.UNREACHABLE, a.pollOnce().action());
            }
            assertEquals(6, a.pendingTelemetry());
            assertTrue(telemetry(fleet).isEmpty());

            online.set(true);
            a.pollOnce();
            a.pollOnce();

            assertEquals(0, a.pendingTelemetry());
            List<TelemetryRecord> records = telemetry(fleet);
            assertEquals(6, records.size());
            assertEquals(60, records.stream().mapToLong(TelemetryRecord::inferences).sum());
            assertEquals(6, records.stream().map(TelemetryRecord::windowStart).distinct().count(),
                    "each window with its original time");
            assertEquals(6, records.stream().map(TelemetryRecord::seq).distinct().count());
        }
    }

    @Test
    void aDeviceCutOffFromTheStoreWhoseNewModelFailsGoesBackByItselfAndServesAfterARestart() {
        String fleet = newFleet();
        Path state = dir.resolve("offline-device");
        // Its own embedded server on the same folder, so that it can be switched off under the device's client.
        OpenStore own = Stores.open(StoreLocation.parse("local:" + dir.resolve("store"), null));
        io.edgemlops.store.S3ObjectStore client = new io.edgemlops.store.S3ObjectStore(own.location(),
                own.localEndpoint(), io.edgemlops.store.EmbeddedS3Server.localCredentials(),
                new io.edgemlops.store.StoreTimeouts(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(2),
                        java.time.Duration.ofSeconds(5), 1), io.edgemlops.store.S3ObjectStore.DEFAULT_PART_SIZE);
        publish(fleet, v1, "100", false);
        DeviceAgent a = new DeviceAgent(client, new DeviceAgent.Settings(fleet, "pump", "d1", TARGET, state,
                keys.getPublic()), Clock.systemUTC(), l -> { });
        a.pollOnce();
        markCompleted(fleet);
        publish(fleet, v2, "100", false);
        rewrite(fleet, d -> new DesiredState(d.schemaVersion(), d.fleet(), d.model(), d.rollout(), d.version(),
                d.previousVersion(), d.wave(), d.waves(), d.cohortPercent(), d.pilotDevices(), false, d.targets(),
                d.previousTargets(), d.schema(), d.fillValues(), d.baseline(), d.selfTest(),
                new HealthPolicy(3600, 20, 0.1, Map.of()), d.issuedAt(), d.telemetryWindowSeconds()), keys);
        assertEquals(2, a.pollOnce().servingVersion());
        own.close();
        assertEquals(DeviceAgent.Action.UNREACHABLE, a.pollOnce().action());

        Map<String, Object> broken = row();
        broken.replaceAll((k, v) -> 3.0e38);   // overflows to NaN scores: every inference is an error
        for (int i = 0; i < 20; i++) {
            a.predict(broken);
        }

        assertEquals(1, a.predict(row()).version(), "went back to version 1 without the store");
        assertEquals("reverted", a.status().health());
        assertTrue(a.status().message().startsWith("went back from version 2 to version 1: error rate 1.000"),
                a.status().message());
        a.close();
        client.close();

        try (DeviceAgent restarted = agent(fleet, "d1", state, open)) {
            assertEquals(1, restarted.predict(row()).version(), "serves after a restart before any poll");
            assertEquals(DeviceAgent.Action.UNCHANGED, restarted.pollOnce().action());
            assertEquals(1, restarted.status().installedVersion(), "the reverted model is not installed again");
        }
    }
    @Test
    void predictionsAndHealthAreServedOnLocalhost() throws Exception {
        String fleet = newFleet();
        publish(fleet, v1, "100", false);
        try (DeviceAgent a = agent(fleet, "d1"); DeviceHttpServer http = DeviceHttpServer.start(a, 0)) {
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + http.port();
            java.util.function.BiFunction<String, String, java.net.http.HttpResponse<String>> post = (path, body) -> {
                try {
                    return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path))
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            assertEquals(503, post.apply("/predict", Json.toString(row())).statusCode(), "nothing installed yet");

            a.pollOnce();
            java.net.http.HttpResponse<String> one = post.apply("/predict", Json.toString(row()));
            assertEquals(200, one.statusCode(), one.body());
            var reply = Json.MAPPER.readTree(one.body());
            assertEquals(1, reply.get("version").asInt());
            assertEquals(3, reply.get("predictions").get(0).get("scores").size());
            assertTrue(v1.schema().classes().contains(reply.get("predictions").get(0).get("class").asText()));
            var two = Json.MAPPER.readTree(post.apply("/predict", "[" + Json.toString(row()) + ","
                    + Json.toString(row()) + "]").body());
            assertEquals(2, two.get("predictions").size());

            Map<String, Object> bad = row();
            bad.put(v1.schema().features().get(0).name(), "loud");
            java.net.http.HttpResponse<String> refused = post.apply("/predict", Json.toString(bad));
            assertEquals(400, refused.statusCode());
            assertTrue(refused.body().contains("row 0: feature '" + v1.schema().features().get(0).name()
                    + "': 'loud' is not a number"), refused.body());
            assertEquals(400, post.apply("/predict", "{not json").statusCode());

            java.net.http.HttpResponse<String> health = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(base + "/health")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertEquals(1, Json.MAPPER.readTree(health.body()).get("installedVersion").asInt());
            assertEquals(405, client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/predict"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Test
    void pollsBackOffWithJitterWhileTheStoreIsAway() {
        PollSchedule s = new PollSchedule(java.time.Duration.ofSeconds(30), java.time.Duration.ofMinutes(10), 1);
        long ok = s.next(true).toMillis();
        assertTrue(ok >= 24_000 && ok <= 36_000, "30 s ± 20 %: " + ok);
        long last = 0;
        for (int i = 0; i < 10; i++) {
            last = s.next(false).toMillis();
        }
        assertTrue(last >= 480_000 && last <= 720_000, "capped at 10 min ± 20 %: " + last);
        long back = s.next(true).toMillis();
        assertTrue(back <= 36_000, "back to the interval once the store answers: " + back);
    }
}
