package io.edgemlops.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.drift.DriftLimits;
import io.edgemlops.fleet.FleetSimulator;
import io.edgemlops.registry.Audit;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.rollout.SigningKeys;
import io.edgemlops.rollout.Wave;
import io.edgemlops.store.Json;
import io.edgemlops.store.ObjectStore;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import io.edgemlops.train.TrainingOptions;
import io.edgemlops.usecase.MonitorFieldDrift;
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
 * The field monitor on a simulated fleet of real device agents in accelerated time: version 1 of the pump model is in
 * production on 12 devices, which serve 3 hours of inputs like the training data and then 2 hours in which two
 * features moved by one standard deviation. Each test runs the monitor at another time or over another span of that
 * one recorded day.
 */
class MonitorFieldDriftFlowTest {

    @TempDir
    static Path dir;

    private static OpenStore open;
    private static ObjectStore store;
    private static ModelCard v1;
    private static final List<String> log = new ArrayList<>();

    private static final Instant START = Instant.parse("2026-11-25T06:00:00Z");
    private static final Instant DRIFT_FROM = START.plus(Duration.ofHours(3));
    private static final Instant END = START.plus(Duration.ofHours(5));
    private static final List<String> SHIFTED = List.of("temp_bearing", "flow_rate");
    /** The monitor's defaults: retrain when a tenth of the features drift, two of the pump model's 16. */
    private static final FieldDriftPolicy TENTH = FieldDriftPolicy.defaults();

    @BeforeAll
    static void aDayOfAFleetInProduction() throws Exception {
        open = Stores.open(StoreLocation.parse("local:" + dir.resolve("store"), null));
        store = open.store();
        KeyPair keys = SigningKeys.generate();
        new SensorDataGenerator(21).writeCsv(dir.resolve("pump.csv"), 1500);
        v1 = TrainAndRegister.run(store, new TrainAndRegister.Request("pump", "pump.csv", null,
                TrainingOptions.of(SensorDataGenerator.LABEL).withEpochs(3).withSeed(1), dir, null, null), l -> { })
                .card();
        Map<String, Double> targets = Map.of("raspberry-pi-4", 0.5, "jetson-nano-cpu", 0.5);
        PublishToEdge.run(store, new PublishToEdge.Request("pump", "1", "field", Map.of("raspberry-pi-4", "fp32",
                "jetson-nano-cpu", "fp32"), List.of(Wave.percent(100)), false, true, false, keys.getPrivate(),
                SigningKeys.keyId(keys.getPublic()), null, dir, null), log::add, Clock.fixed(START, ZoneOffset.UTC));
        new ModelRegistry(store).setAlias("pump", "production", v1.version(), Audit.fromEnvironment("test"));
        FleetSimulator.Settings s = new FleetSimulator.Settings("field", "pump", 12, Duration.ZERO,
                Duration.ofMinutes(30), true, 7, targets, Map.of(), null, Map.of(), 0, 0, 60, dir.resolve("devices"),
                keys.getPublic(), START, false);
        try (FleetSimulator.Session fleet = new FleetSimulator(store, s, v1.baseline(), log::add).open()) {
            fleet.advance(Duration.ofHours(3), Map.of(), 0, false);
            fleet.advance(Duration.ofHours(2), Map.of("temp_bearing", 1.0, "flow_rate", 1.0), 0, false);
            assertEquals(END, fleet.now());
        }
    }

    @AfterAll
    static void close() throws Exception {
        open.close();
    }

    private static MonitorFieldDrift.Outcome monitor(String model, String version, String since, Instant at,
                                                     FieldDriftPolicy policy) {
        return MonitorFieldDrift.run(store, new MonitorFieldDrift.Request("field", model, version, since, policy),
                Clock.fixed(at, ZoneOffset.UTC), log::add);
    }

    @Test
    void theHoursWithoutDriftShowNoFieldDriftEvenRetrainingOnATenthOfTheFeatures() {
        FieldDriftReport r = monitor("pump", null, "3h", DRIFT_FROM, TENTH).report();

        assertFalse(r.drifted(), r.reasons().toString());
        assertTrue(r.judged());
        assertEquals(v1.version(), r.version());
        assertEquals(List.of(), r.driftedFeatures(), r.reasons().toString());
        assertEquals(6 * 12 * 60, r.samples(), "6 rounds of 12 devices serving 60 inputs");
        assertEquals(12, r.devicesReporting());
        assertEquals(6, r.windows());
        assertTrue(r.summary().startsWith("no field drift over 3h, 4,320 inferences from 12 devices"), r.summary());
        assertEquals(List.of("jetson-nano-cpu", "raspberry-pi-4"),
                r.perTarget().stream().map(FieldDriftReport.TargetDrift::target).toList());
        assertTrue(r.perTarget().stream().allMatch(t -> t.devices() == 6 && !t.drifted()), r.perTarget().toString());
        assertFalse(r.predictionDrift().drifted(), r.reasons().toString());
    }

    @Test
    void aShiftOfTwoFeaturesFromHourThreeIsFieldDriftNamingExactlyThoseTwo() {
        MonitorFieldDrift.Outcome o = monitor("pump", null, "2h", END, TENTH);
        FieldDriftReport r = o.report();

        assertTrue(r.drifted(), r.reasons().toString());
        assertEquals(SHIFTED, r.driftedFeatures(), r.reasons().toString());
        assertTrue(r.perFeature().stream().filter(FieldDriftReport.FeatureDrift::drifted)
                .allMatch(f -> f.psi() > 0.5), r.perFeature().toString());
        assertTrue(r.summary().startsWith("field drift on temp_bearing, flow_rate: PSI "), r.summary());
        assertTrue(r.summary().endsWith(" over 2h, 2,880 inferences from 12 devices"), r.summary());
        assertEquals(DRIFT_FROM, r.from());
        assertEquals(END, r.to());
        assertEquals("fleets/field/monitor/pump/20261125T110000Z.json", o.reportKey());
        assertEquals(r, Json.fromBytes(store.getBytes(o.reportKey()).orElseThrow(), FieldDriftReport.class, "report"));
        assertEquals("fleets/field/monitor/pump/20261125T110001Z.json",
                monitor("pump", null, "2h", END, TENTH).reportKey(),
                "a second run in the same second takes the next one, never another run's report");
    }

    @Test
    void atTheGatesDefaultShareTwoOfSixteenFeaturesAreNamedButAreNoDatasetDrift() {
        FieldDriftReport r = monitor("pump", "production", "2h", END.minusSeconds(30),
                new FieldDriftPolicy(new DriftLimits(0.2, 0.01, 0.5, Set.of()), 1000, 3)).report();

        assertFalse(r.drifted(), r.summary());
        assertEquals(SHIFTED, r.driftedFeatures());
        assertTrue(r.summary().endsWith("under 50 % of the features"), r.summary());
    }

    @Test
    void halfAnHourHasTooFewInferencesAndIsNotJudged() {
        FieldDriftReport r = monitor("pump", null, "30m", END.minusSeconds(60), TENTH).report();

        assertFalse(r.drifted());
        assertFalse(r.judged());
        assertEquals("not enough data over 30m: 720 of 1,000 inferences", r.summary());
        assertEquals(List.of(r.summary()), r.reasons());
    }

    @Test
    void aModelWithoutAProductionVersionIsNotJudgedAndSaysSo() throws Exception {
        TrainAndRegister.run(store, new TrainAndRegister.Request("valve", "pump.csv", null,
                TrainingOptions.of(SensorDataGenerator.LABEL).withEpochs(1).withSeed(1), dir, null, null), l -> { });

        MonitorFieldDrift.Outcome o = monitor("valve", null, "24h", END, TENTH);

        assertFalse(o.report().drifted());
        assertNull(o.report().version());
        assertEquals("not enough data: model valve has no version under alias production", o.report().summary());
        assertTrue(store.head(o.reportKey()).isPresent(), "the run is on record");

        assertEquals("not enough data: model gone has no version under alias production (no version is registered)",
                monitor("gone", null, "24h", END, TENTH).report().summary());
    }
}
