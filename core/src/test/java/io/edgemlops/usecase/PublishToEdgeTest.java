package io.edgemlops.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.registry.HistoryEntry;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.rollout.DesiredState;
import io.edgemlops.rollout.DeviceStatus;
import io.edgemlops.rollout.FleetKeys;
import io.edgemlops.rollout.RolloutRecord;
import io.edgemlops.rollout.SignedDocument;
import io.edgemlops.rollout.SigningKeys;
import io.edgemlops.rollout.Wave;
import io.edgemlops.store.ConflictException;
import io.edgemlops.store.Json;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import io.edgemlops.train.TrainingOptions;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** publishToEdge on the embedded store: refusals, the signed desired state, pilots, supersede and races. */
class PublishToEdgeTest {

    @TempDir
    static Path dir;
    static OpenStore open;
    static ModelRegistry registry;
    static ModelCard v1;
    static ModelCard v2;
    static KeyPair keys = SigningKeys.generate();
    static AtomicInteger second = new AtomicInteger();

    @BeforeAll
    static void trainTwoAndValidateForOneTarget() {
        open = Stores.open(StoreLocation.parse("local:" + dir.resolve("store"), null));
        registry = new ModelRegistry(open.store());
        new SensorDataGenerator(3).writeCsv(dir.resolve("pump.csv"), 1500);
        for (int i = 0; i < 2; i++) {
            ModelCard card = TrainAndRegister.run(open.store(), new TrainAndRegister.Request("pump", "pump.csv", null,
                    TrainingOptions.of(SensorDataGenerator.LABEL).withEpochs(3), dir, null, null), l -> { }).card();
            ValidateAndRecord.run(open.store(), new ValidateAndRecord.Request("pump", Integer.toString(card.version()),
                    "raspberry-pi-4", "fp32", null, null, false, dir, null), l -> { });
            ValidateAndRecord.run(open.store(), new ValidateAndRecord.Request("pump", Integer.toString(card.version()),
                    "jetson-nano-cpu", "fp32", null, null, false, dir, null), l -> { });
        }
        v1 = registry.get("pump", 1);
        v2 = registry.get("pump", 2);
    }

    @AfterAll
    static void stop() {
        open.close();
    }

    static PublishToEdge.Request request(String fleet, ModelCard card, Map<String, String> targets, List<Wave> waves,
                                         boolean supersede, boolean allowUnvalidated) {
        return new PublishToEdge.Request("pump", Integer.toString(card.version()), fleet, targets, waves, false,
                allowUnvalidated, supersede, keys.getPrivate(), SigningKeys.keyId(keys.getPublic()), null, dir,
                "https://ci/job/pump/9/");
    }

    /** Each publish a second later than the last, so rollout ids differ as they would in real time. */
    static PublishToEdge.Outcome publish(PublishToEdge.Request request) {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z").plusSeconds(second.incrementAndGet()),
                ZoneOffset.UTC);
        return PublishToEdge.run(open.store(), request, l -> { }, clock);
    }

    static DesiredState desired(String fleet) {
        byte[] stored = open.store().getBytes(FleetKeys.desired(fleet, "pump")).orElseThrow();
        SignedDocument doc = Json.fromBytes(stored, SignedDocument.class, "desired");
        return Json.fromBytes(doc.verifiedPayload(keys.getPublic()), DesiredState.class, "desired");
    }

    @Test
    void theDesiredStateIsSignedAndHoldsWhatADeviceNeedsOffline() {
        PublishToEdge.Outcome out = publish(request("eu", v1, Map.of("raspberry-pi-4", "fp32"), null, false, false));

        DesiredState d = desired("eu");
        assertEquals(out.rollout().id(), d.rollout());
        assertEquals(1, d.version());
        assertNull(d.previousVersion());
        assertEquals(Wave.DEFAULT, d.waves());
        assertEquals(5.0, d.cohortPercent());
        assertEquals(v1.variant("fp32").blob().sha256(), d.targets().get("raspberry-pi-4").sha256());
        assertEquals(v1.schema(), d.schema());
        assertEquals(v1.baseline().features().size(), d.baseline().features().size());
        assertEquals(5, d.selfTest().inputs().size());
        assertEquals(3, d.selfTest().expected().get("raspberry-pi-4").get(0).length);
        assertEquals(RolloutRecord.Status.IN_PROGRESS, out.rollout().status());
        HistoryEntry last = registry.history("pump").get(registry.history("pump").size() - 1);
        assertEquals("published", last.event());
        assertEquals("https://ci/job/pump/9/", last.build());

        SignedDocument stored = Json.fromBytes(open.store().getBytes(FleetKeys.desired("eu", "pump")).orElseThrow(),
                SignedDocument.class, "desired");
        SignedDocument tampered = new SignedDocument(java.util.Base64.getEncoder().encodeToString(
                new String(stored.unverifiedPayload()).replace("\"version\":1", "\"version\":9").getBytes()),
                stored.signature(), stored.keyId());
        assertThrows(SecurityException.class, () -> tampered.verifiedPayload(keys.getPublic()));
        assertThrows(SecurityException.class, () -> stored.verifiedPayload(SigningKeys.generate().getPublic()));
    }

    @Test
    void aVariantWithoutAPassingValidationIsRefusedUnlessOverriddenAndRecorded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> publish(request("refuse", v1,
                Map.of("x86-gateway", "fp32"), null, false, false)));
        assertTrue(e.getMessage().startsWith("pump@1 fp32 has no passing validation for x86-gateway: run "
                + "validateForTarget("), e.getMessage());
        assertTrue(open.store().getBytes(FleetKeys.desired("refuse", "pump")).isEmpty());

        PublishToEdge.Outcome out = publish(request("refuse", v1, Map.of("x86-gateway", "fp32"), null, false, true));
        assertEquals(List.of("published without a passing validation: pump@1 fp32 has no passing validation for "
                + "x86-gateway"), out.rollout().overrides());
    }

    @Test
    void aSecondRolloutWaitsForTheFirstUnlessItSupersedesIt() {
        PublishToEdge.Outcome first = publish(request("us", v1, Map.of("raspberry-pi-4", "fp32"), null, false, false));

        ConflictException e = assertThrows(ConflictException.class, () -> publish(request("us", v2,
                Map.of("raspberry-pi-4", "fp32"), null, false, false)));
        assertTrue(e.getMessage().startsWith("rollout " + first.rollout().id() + " of pump version 1 to fleet us is "
                + "still in progress (wave 1 of 3)"), e.getMessage());

        PublishToEdge.Outcome second = publish(request("us", v2, Map.of("raspberry-pi-4", "fp32"), null, true, false));
        assertEquals(first.rollout().id(), second.rollout().supersedes());
        assertNull(second.rollout().previousVersion(), "v1 never completed, so there is nothing to go back to");
        RolloutRecord old = Json.fromBytes(open.store().getBytes(FleetKeys.rollout("us", "pump",
                first.rollout().id())).orElseThrow(), RolloutRecord.class, "old");
        assertEquals(RolloutRecord.Status.SUPERSEDED, old.status());
        assertEquals(2, desired("us").version());
    }

    @Test
    void aCompletedRolloutBecomesThePreviousVersion() {
        PublishToEdge.Outcome first = publish(request("asia", v1, Map.of("raspberry-pi-4", "fp32"), null, false, false));
        String key = FleetKeys.rollout("asia", "pump", first.rollout().id());
        open.store().putBytes(key, Json.toPrettyBytes(first.rollout().withStatus(RolloutRecord.Status.COMPLETED,
                Instant.now())));

        PublishToEdge.Outcome second = publish(request("asia", v2, Map.of("raspberry-pi-4", "fp32"), null, false, false));

        assertEquals(1, second.rollout().previousVersion());
        assertEquals(v1.variant("fp32").blob().sha256(), desired("asia").previousTargets().get("raspberry-pi-4").sha256());
    }

    @Test
    void aPilotWaveNamesExactlyItsDevicesOfItsTarget() {
        for (int i = 0; i < 30; i++) {
            String target = i % 10 == 0 ? "jetson-nano-cpu" : "raspberry-pi-4";
            open.store().putBytes(FleetKeys.device("pilots", "dev-" + i), Json.toBytes(new DeviceStatus("dev-" + i,
                    target, null, null, null, null, "ok", null, Instant.now())));
        }
        Map<String, String> targets = new java.util.LinkedHashMap<>();
        targets.put("raspberry-pi-4", "fp32");
        targets.put("jetson-nano-cpu", "fp32");

        publish(request("pilots", v1, targets, Wave.parseAll("1@jetson-nano-cpu,10,100"), false, false));

        DesiredState d = desired("pilots");
        assertEquals(1, d.pilotDevices().size());
        assertTrue(List.of("dev-0", "dev-10", "dev-20").contains(d.pilotDevices().get(0)), d.pilotDevices().toString());
        assertEquals(0.0, d.cohortPercent());
        long inCohort = java.util.stream.IntStream.range(0, 30).filter(i -> d.includes("dev-" + i)).count();
        assertEquals(1, inCohort);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> publish(request("pilots-2", v1,
                targets, Wave.parseAll("2@jetson-nano-cpu,100"), false, false)));
        assertTrue(e.getMessage().contains("needs 2 device(s) of target jetson-nano-cpu, but fleet pilots-2 has 0"),
                e.getMessage());
    }

    @Test
    void ofTwoConcurrentPublishesOneWinsAndTheOtherGetsAConflictThatChangedNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<PublishToEdge.Outcome>> results = new ArrayList<>();
        for (ModelCard card : List.of(v1, v2)) {
            Callable<PublishToEdge.Outcome> task = () -> {
                start.await();
                return publish(request("race", card, Map.of("raspberry-pi-4", "fp32"), null, false, false));
            };
            results.add(pool.submit(task));
        }
        start.countDown();
        int won = 0;
        List<String> conflicts = new ArrayList<>();
        for (Future<PublishToEdge.Outcome> f : results) {
            try {
                f.get();
                won++;
            } catch (java.util.concurrent.ExecutionException e) {
                assertTrue(e.getCause() instanceof ConflictException, String.valueOf(e.getCause()));
                conflicts.add(e.getCause().getMessage());
            }
        }
        pool.shutdown();

        assertEquals(1, won, conflicts.toString());
        assertEquals(1, conflicts.size());
        DesiredState d = desired("race");
        assertEquals(1, open.store().list(FleetKeys.rollouts("race", "pump")).size(), "no record left by the loser");
        assertNotNull(open.store().getBytes(FleetKeys.rollout("race", "pump", d.rollout())).orElse(null));
    }
}
