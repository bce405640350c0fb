package io.edgemlops.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.drift.DriftLimits;
import io.edgemlops.fleet.FleetSimulator;
import io.edgemlops.fleet.FleetStatus;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.rollout.RolloutRecord;
import io.edgemlops.rollout.SigningKeys;
import io.edgemlops.rollout.Wave;
import io.edgemlops.store.ObjectStore;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import io.edgemlops.telemetry.TelemetryKeys;
import io.edgemlops.train.TrainingOptions;
import io.edgemlops.usecase.AwaitDriftGate;
import io.edgemlops.usecase.PublishToEdge;
import io.edgemlops.usecase.TrainAndRegister;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate on a simulated fleet of real device agents in accelerated time: version 1 goes to the whole fleet and
 * becomes {@code production}, then a second version is rolled out in waves of 50 % and 100 % and judged as a gate in
 * production would judge it. Each test has a fleet of its own in one store; the models are trained once.
 */
class GateFlowTest {

    @TempDir
    static Path dir;

    private static OpenStore open;
    private static ObjectStore store;
    private static KeyPair keys;
    /** Version 1 and 2: the same small network on the same kind of data, trained with different seeds. */
    private static ModelCard v1;
    private static ModelCard v2;

    private static final Map<String, Double> TARGETS = Map.of("raspberry-pi-4", 0.5, "jetson-nano-cpu", 0.5);
    private static final Instant START = Instant.parse("2026-11-25T06:00:00Z");
    private static final GatePolicy POLICY = GatePolicy.defaults().withEvidence(1000, 3, Duration.ofMinutes(15), 2);

    @BeforeAll
    static void trainVersions() throws Exception {
        open = Stores.open(StoreLocation.parse("local:" + dir.resolve("store"), null));
        store = open.store();
        keys = SigningKeys.generate();
        new SensorDataGenerator(21).writeCsv(dir.resolve("pump.csv"), 1500);
        v1 = train(TrainingOptions.of(SensorDataGenerator.LABEL).withEpochs(3).withSeed(1));
        v2 = train(TrainingOptions.of(SensorDataGenerator.LABEL).withEpochs(3).withSeed(2));
    }

    private static ModelCard train(TrainingOptions options) {
        return TrainAndRegister.run(store, new TrainAndRegister.Request("pump", "pump.csv", null, options, dir, null,
                null), l -> { }).card();
    }

    @AfterAll
    static void close() throws Exception {
        open.close();
    }

    /** One fleet, its devices kept running between spans of simulated time. */
    private static final class Fleet implements AutoCloseable {
        final String name;
        final FleetSimulator.Session devices;
        /** The gate's clock: the fleet's, plus any time the test lets pass without the devices. */
        Instant now = START;
        final List<String> log = new ArrayList<>();

        Fleet(String name, int count, Map<String, Double> latencyFactor) {
            this.name = name;
            FleetSimulator.Settings s = new FleetSimulator.Settings(name, "pump", count, Duration.ZERO,
                    Duration.ofMinutes(5), true, 7, TARGETS, Map.of(), null, latencyFactor, 0, 0, 20,
                    dir.resolve(name), keys.getPublic(), START, false);
            devices = new FleetSimulator(store, s, v1.baseline(), log::add).open();
        }

        Fleet(String name, int count) {
            this(name, count, Map.of());
        }

        String publish(ModelCard card, List<Wave> waves) {
            return PublishToEdge.run(store, new PublishToEdge.Request("pump", String.valueOf(card.version()), name,
                    Map.of("raspberry-pi-4", "fp32", "jetson-nano-cpu", "fp32"), waves, false, true, false,
                    keys.getPrivate(), SigningKeys.keyId(keys.getPublic()), null, dir, null), log::add,
                    Clock.fixed(now, ZoneOffset.UTC)).rollout().id();
        }

        FleetSimulator.Report simulate(Duration span, Map<String, Double> drift, double offline, boolean offlineToEnd)
                throws Exception {
            FleetSimulator.Report r = devices.advance(span, drift, offline, offlineToEnd);
            now = devices.now();
            return r;
        }

        FleetSimulator.Report simulate(Duration span) throws Exception {
            return simulate(span, Map.of(), 0, false);
        }

        @Override
        public void close() {
            devices.close();
        }

        AwaitDriftGate.Outcome gate(GatePolicy policy, String rollout) {
            return AwaitDriftGate.poll(store, new AwaitDriftGate.Request(name, rollout, null, policy, null,
                    keys.getPrivate(), SigningKeys.keyId(keys.getPublic()), null), Clock.fixed(now, ZoneOffset.UTC),
                    log::add);
        }

        /** Simulates 15 minutes, polls, and again, until the gate decides or {@code limit} polls passed. */
        List<AwaitDriftGate.Outcome> judge(GatePolicy policy, String rollout, int limit, Map<String, Double> drift)
                throws Exception {
            List<AwaitDriftGate.Outcome> polls = new ArrayList<>();
            for (int i = 0; i < limit; i++) {
                simulate(Duration.ofMinutes(15), drift, 0, false);
                AwaitDriftGate.Outcome o = gate(policy, rollout);
                polls.add(o);
                if (o.decision() != GateDecision.WAIT) {
                    break;
                }
            }
            return polls;
        }

        /** Version 1 everywhere and in production: the previous version and the control of every later rollout. */
        void establishVersion1() throws Exception {
            String r = publish(v1, List.of(Wave.percent(100)));
            simulate(Duration.ofMinutes(15));
            List<AwaitDriftGate.Outcome> polls = judge(POLICY, r, 6, Map.of());
            AwaitDriftGate.Outcome last = polls.get(polls.size() - 1);
            assertEquals(GateDecision.PROMOTED, last.decision(), () -> String.join("\n", log));
            assertTrue(last.complete());
        }

        FleetStatus status() {
            return FleetStatus.of(store, name, "pump", now, Duration.ofMinutes(30));
        }
    }

    private static AwaitDriftGate.Outcome last(List<AwaitDriftGate.Outcome> polls) {
        return polls.get(polls.size() - 1);
    }

    private static String explain(List<AwaitDriftGate.Outcome> polls, Fleet f) {
        StringBuilder b = new StringBuilder();
        for (AwaitDriftGate.Outcome o : polls) {
            b.append(o.decision()).append(" wave ").append(o.judgedWave() + 1).append(": ")
                    .append(o.summary().reasons()).append(" waiting ").append(o.summary().waitingFor()).append('\n');
        }
        return b + String.join("\n", f.log.subList(Math.max(0, f.log.size() - 20), f.log.size()));
    }

    @Test
    void withoutDriftTheRolloutIsPromotedThroughEveryWaveToProduction() throws Exception {
        try (Fleet f = new Fleet("nodrift", 24)) {
            f.establishVersion1();
            String r = f.publish(v2, List.of(Wave.percent(50), Wave.percent(100)));

            List<AwaitDriftGate.Outcome> first = f.judge(POLICY, r, 8, Map.of());
            assertEquals(GateDecision.PROMOTED, last(first).decision(), explain(first, f));
            assertFalse(last(first).complete());
            assertEquals(1, last(first).record().wave(), "the second wave started");
            assertTrue(last(first).summary().devicesExpected() > 10, "about half the fleet: "
                    + last(first).summary().devicesExpected());

            List<AwaitDriftGate.Outcome> second = f.judge(POLICY, r, 8, Map.of());
            assertEquals(GateDecision.PROMOTED, last(second).decision(), explain(second, f));
            assertTrue(last(second).complete());
            assertEquals(RolloutRecord.Status.COMPLETED, last(second).record().status());
            assertEquals(v2.version(), new ModelRegistry(store).getAlias("pump", "production").orElseThrow().version());
            f.simulate(Duration.ofMinutes(10));
            assertEquals(Map.of(String.valueOf(v2.version()), 24), f.status().byVersion());
            assertTrue(store.head(GateKeys.report("nodrift", "pump", r)).isPresent(), "the HTML report is written");
        }
    }

    @Test
    void aShiftOfOneCriticalFeatureRollsBackAndTheDevicesReturnToThePreviousVersion() throws Exception {
        try (Fleet f = new Fleet("critical", 24)) {
            f.establishVersion1();
            String r = f.publish(v2, List.of(Wave.percent(50), Wave.percent(100)));
            GatePolicy critical = POLICY.withDrift(new DriftLimits(0.2, 0.01, 0.5, Set.of("temp_bearing")));

            List<AwaitDriftGate.Outcome> polls = f.judge(critical, r, 8, Map.of("temp_bearing", 1.0));

            AwaitDriftGate.Outcome o = last(polls);
            assertEquals(GateDecision.ROLLED_BACK, o.decision(), explain(polls, f));
            assertTrue(o.summary().reasons().get(0).contains("temp_bearing PSI"), o.summary().reasons().toString());
            assertEquals(RolloutRecord.Status.ROLLED_BACK, o.record().status());
            f.simulate(Duration.ofMinutes(10));
            assertEquals(Map.of(String.valueOf(v1.version()), 24), f.status().byVersion(), "every device on version 1");
            assertTrue(new ModelRegistry(store).history("pump").stream().anyMatch(h -> h.event().equals("rolled-back")));
        }
    }

    /**
     * Version 2 is four times slower than version 1 on the Jetsons only (as an int8 model can be on hardware without
     * int8 kernels), well within their 2 ms budget: only the comparison with the control can see it. The simulator
     * multiplies that version's measured latencies on that target, which keeps the test independent of how busy the
     * machine running it is.
     */
    @Test
    void aVersionFourTimesSlowerOnOneTargetThanTheOneItReplacesIsRolledBack() throws Exception {
        try (Fleet f = new Fleet("slow", 24, Map.of("jetson-nano-cpu@" + v2.version(), 4.0))) {
            f.establishVersion1();
            String r = f.publish(v2, List.of(Wave.percent(50), Wave.percent(100)));

            List<AwaitDriftGate.Outcome> polls = f.judge(POLICY, r, 8, Map.of());

            AwaitDriftGate.Outcome o = last(polls);
            assertEquals(GateDecision.ROLLED_BACK, o.decision(), explain(polls, f));
            assertTrue(o.summary().reasons().stream().anyMatch(x -> x.startsWith("jetson-nano-cpu p95")
                    && x.contains("slower than the previous version's devices")), o.summary().reasons().toString());
            assertTrue(o.summary().reasons().stream().noneMatch(x -> x.startsWith("raspberry-pi-4")),
                    o.summary().reasons().toString());
        }
    }

    @Test
    void aSlowdownOfEveryDeviceOfATargetControlIncludedIsNotBlamedOnTheNewVersion() throws Exception {
        try (Fleet f = new Fleet("slowtarget", 24, Map.of("jetson-nano-cpu", 4.0))) {
            f.establishVersion1();
            String r = f.publish(v2, List.of(Wave.percent(50), Wave.percent(100)));

            List<AwaitDriftGate.Outcome> polls = f.judge(POLICY, r, 8, Map.of());

            assertEquals(GateDecision.PROMOTED, last(polls).decision(), explain(polls, f));
        }
    }

    @Test
    void withASiteOfflineTheGateWaitsThenDecidesOnceItsDevicesReport() throws Exception {
        try (Fleet f = new Fleet("offline", 24)) {
            f.establishVersion1();
            String r = f.publish(v2, List.of(Wave.percent(50), Wave.percent(100)));

            f.simulate(Duration.ofMinutes(45), Map.of(), 0.3, true);
            AwaitDriftGate.Outcome dark = f.gate(POLICY, r);
            assertEquals(GateDecision.WAIT, dark.decision(), dark.summary().reasons().toString());
            assertTrue(dark.summary().waitingFor().stream().anyMatch(w -> w.contains("silent in the last window")),
                    dark.summary().waitingFor().toString());

            List<AwaitDriftGate.Outcome> back = f.judge(POLICY, r, 6, Map.of());
            assertEquals(GateDecision.PROMOTED, last(back).decision(), explain(back, f));
        }
    }

    @Test
    void withTooFewSamplesTheGateWaitsAndNeverRollsBack() throws Exception {
        try (Fleet f = new Fleet("few", 24)) {
            f.establishVersion1();
            String r = f.publish(v2, List.of(Wave.percent(50), Wave.percent(100)));

            for (int i = 0; i < 4; i++) {
                f.simulate(Duration.ofMinutes(15), Map.of("*", 2.0), 0, false);
                AwaitDriftGate.Outcome o = f.gate(POLICY.withEvidence(100_000, 3, Duration.ofMinutes(15), 2), r);
                assertEquals(GateDecision.WAIT, o.decision(), o.summary().toString());
                assertTrue(o.summary().waitingFor().get(0).startsWith("samples: "), o.summary().waitingFor().toString());
            }
        }
    }

    @Test
    void eachTelemetryRecordIsCountedOnceHoweverOftenTheGatePolls() throws Exception {
        try (Fleet f = new Fleet("once", 24)) {
            f.establishVersion1();
            String r = f.publish(v2, List.of(Wave.percent(50), Wave.percent(100)));
            FleetSimulator.Report report = f.simulate(Duration.ofMinutes(30));
            f.now = f.now.plus(Duration.ofMinutes(10));

            AwaitDriftGate.Outcome first = f.gate(POLICY.withEvidence(1_000_000, 3, Duration.ofMinutes(15), 2), r);
            AwaitDriftGate.Outcome again = f.gate(POLICY.withEvidence(1_000_000, 3, Duration.ofMinutes(15), 2), r);

            assertEquals(first.summary().samples(), again.summary().samples());
            assertTrue(first.summary().samples() > 0 && first.summary().samples() < report.requests(),
                    first.summary().samples() + " of " + report.requests());
            assertTrue(store.list(TelemetryKeys.versionPrefix("once", "pump", v2.version())).stream()
                    .allMatch(o -> o.key().contains("/" + TelemetryKeys.COMPACTED + "/")),
                    "the raw records were folded into the compacted aggregates");
        }
    }

    @Test
    void aGateKilledMidPollAndStartedAgainDecidesTheSameAndCountsEveryRecordOnce() throws Exception {
        try (Fleet f = new Fleet("killed", 24)) {
            f.establishVersion1();
            String r = f.publish(v2, List.of(Wave.percent(50), Wave.percent(100)));
            f.simulate(Duration.ofMinutes(45));
            f.now = f.now.plus(Duration.ofMinutes(10));
            long served = 0;
            for (var o : store.list(TelemetryKeys.versionPrefix("killed", "pump", v2.version()))) {
                var rec = io.edgemlops.store.Json.fromBytes(store.getBytes(o.key()).orElseThrow(),
                        io.edgemlops.telemetry.TelemetryRecord.class, o.key());
                if (r.equals(rec.rolloutId()) && rec.role() == io.edgemlops.telemetry.Role.SERVING) {
                    served += rec.inferences();
                }
            }
            java.util.concurrent.atomic.AtomicInteger deletes = new java.util.concurrent.atomic.AtomicInteger();
            ObjectStore dying = (ObjectStore) java.lang.reflect.Proxy.newProxyInstance(ObjectStore.class.getClassLoader(),
                    new Class<?>[] {ObjectStore.class}, (proxy, method, args) -> {
                        if (method.getName().equals("deleteAll") && deletes.incrementAndGet() == 3) {
                            throw new IllegalStateException("gate killed between an aggregate write and its deletes");
                        }
                        try {
                            return method.invoke(store, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            AwaitDriftGate.Request request = new AwaitDriftGate.Request("killed", r, null, POLICY, null, keys.getPrivate(),
                    SigningKeys.keyId(keys.getPublic()), null);
            Clock clock = Clock.fixed(f.now, ZoneOffset.UTC);
            IllegalStateException killed = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> AwaitDriftGate.poll(dying, request, clock, f.log::add));
            assertTrue(killed.getMessage().startsWith("gate killed"), killed.getMessage());
            String recordKey = io.edgemlops.rollout.FleetKeys.rollout("killed", "pump", r);
            RolloutRecord untouched = io.edgemlops.store.Json.fromBytes(store.getBytes(recordKey).orElseThrow(),
                    RolloutRecord.class, recordKey);
            assertEquals(0, untouched.wave(), "the dead poll decided nothing");

            AwaitDriftGate.Outcome restarted = AwaitDriftGate.poll(store, request, clock, f.log::add);

            assertEquals(served, restarted.summary().samples(), "every served inference counted once");
            assertEquals(GateDecision.PROMOTED, restarted.decision(), restarted.summary().toString());
            assertEquals(1, restarted.record().wave());
        }
    }
}
