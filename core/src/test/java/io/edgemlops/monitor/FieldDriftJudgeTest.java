package io.edgemlops.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.data.DatasetProfile;
import io.edgemlops.data.FeatureProfile;
import io.edgemlops.drift.DriftLimits;
import io.edgemlops.gate.TargetTally;
import io.edgemlops.store.Json;
import io.edgemlops.telemetry.FeatureCounts;
import io.edgemlops.telemetry.LatencyHistogram;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The field monitor's rules case by case, on hand-made counts: what it calls field drift, and what it must not. */
class FieldDriftJudgeTest {

    private static final List<Double> EDGES = List.of(-2.0, -1.0, -0.5, -0.25, 0.0, 0.25, 0.5, 1.0, 2.0, 3.0, 4.0);
    private static final Instant TO = Instant.parse("2026-11-26T02:00:00Z");
    private static final FieldDriftJudge.Scope SCOPE = new FieldDriftJudge.Scope("eu", "pump", 3, "24h",
            TO.minusSeconds(86_400), TO);
    private static final FieldDriftPolicy DEFAULTS = FieldDriftPolicy.defaults();

    /** Four features f0..f3 of 10 bins, 50 holdout rows each; the holdout predicted two classes 400 : 100. */
    private static DatasetProfile baseline(Map<String, Long> classes) {
        List<FeatureProfile> profiles = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            profiles.add(new FeatureProfile("f" + i, EDGES, List.of(), Collections.nCopies(10, 50L), 0, 0, 0, 0, 1));
        }
        return new DatasetProfile(500, profiles, classes);
    }

    private static final DatasetProfile BASELINE = baseline(Map.of("normal", 400L, "worn", 100L));

    private static FeatureCounts even(long perBin) {
        return new FeatureCounts(Collections.nCopies(10, perBin), 0, 0, 0);
    }

    /** Most of the mass in the upper bins: PSI far above 0.2. */
    private static FeatureCounts shifted(long n) {
        long[] weights = {1, 1, 1, 2, 3, 5, 8, 12, 17, 50};
        List<Long> bins = new ArrayList<>();
        for (long w : weights) {
            bins.add(n * w / 100);
        }
        return new FeatureCounts(bins, 0, 0, 0);
    }

    /** One target's tally: {@code perBin × 10} inferences per feature, the given features shifted, classes 4 : 1. */
    private static TargetTally tally(long perBin, long devices, int... shiftedFeatures) {
        List<FeatureCounts> features = new ArrayList<>(Collections.nCopies(4, even(perBin)));
        for (int f : shiftedFeatures) {
            features.set(f, shifted(perBin * 10));
        }
        long n = perBin * 10;
        Map<String, Long> classes = new LinkedHashMap<>();
        classes.put("normal", n * 4 / 5);
        classes.put("worn", n / 5);
        return new TargetTally(n, 0, features, classes, LatencyHistogram.EMPTY, 0, 0, LatencyHistogram.EMPTY,
                devices, devices, 0, 0);
    }

    private static FieldTelemetry telemetry(Map<String, TargetTally> perTarget) {
        Map<String, Long> devices = new LinkedHashMap<>();
        perTarget.forEach((t, tally) -> devices.put(t, tally.devicesLastWindow()));
        return new FieldTelemetry(perTarget, devices, devices.values().stream().mapToLong(Long::longValue).sum(), 12);
    }

    @Test
    void aFleetInTheBaselinesProportionsHasNoFieldDrift() {
        FieldDriftReport r = FieldDriftJudge.judge(SCOPE, BASELINE,
                telemetry(Map.of("raspberry-pi-4", tally(100, 10), "x86-gateway", tally(100, 5))), DEFAULTS);

        assertFalse(r.drifted());
        assertTrue(r.judged());
        assertEquals(2000, r.samples());
        assertEquals(15, r.devicesReporting());
        assertEquals(List.of("f0", "f1", "f2", "f3"), r.perFeature().stream().map(f -> f.feature()).toList());
        assertEquals(List.of(), r.driftedFeatures());
        assertFalse(r.predictionDrift().drifted());
        assertEquals("no field drift over 24h, 2,000 inferences from 15 devices: largest PSI 0.00 on f0 (limit 0.20)",
                r.summary());
        assertTrue(r.perTarget().stream().noneMatch(FieldDriftReport.TargetDrift::drifted));
    }

    @Test
    void dataSetDriftAcrossTheFleetIsFieldDriftNamingTheFeaturesAndTheirPsi() {
        FieldDriftReport r = FieldDriftJudge.judge(SCOPE, BASELINE,
                telemetry(Map.of("raspberry-pi-4", tally(100, 10, 1, 2))), DEFAULTS);

        assertTrue(r.drifted());
        assertEquals(List.of("f1", "f2"), r.driftedFeatures());
        assertTrue(r.summary().matches("field drift on f1, f2: PSI [0-9.]+, [0-9.]+ over 24h, 1,000 inferences "
                + "from 10 devices"), r.summary());
        assertTrue(r.reasons().get(0).startsWith("inputs across the fleet drift against the training baseline of "
                + "version 3: f1 PSI "), r.reasons().toString());
        assertTrue(r.perFeature().get(1).drifted() && !r.perFeature().get(0).drifted());
        assertTrue(r.perFeature().get(1).psi() > 0.2 && r.perFeature().get(1).pValue() < 0.01 / 4);
    }

    @Test
    void oneDriftedFeatureUnderTheShareIsReportedButIsNoFieldDriftUnlessItIsCritical() {
        FieldTelemetry t = telemetry(Map.of("raspberry-pi-4", tally(100, 10, 3)));
        // One of four features is a quarter: under the gate's share of a half (DriftLimits.DEFAULT; the monitor's default
        // of a tenth calls it field drift, below).
        FieldDriftPolicy half = new FieldDriftPolicy(DriftLimits.DEFAULT, 1000, 3);

        FieldDriftReport share = FieldDriftJudge.judge(SCOPE, BASELINE, t, half);
        assertFalse(share.drifted(), share.summary());
        assertEquals(List.of("f3"), share.driftedFeatures());
        assertTrue(share.summary().startsWith("no field drift over 24h, 1,000 inferences from 10 devices: f3 drifted "
                + "(PSI "), share.summary());
        assertTrue(share.summary().endsWith("under 50 % of the features"), share.summary());

        FieldDriftPolicy critical = new FieldDriftPolicy(half.drift().withCritical(Set.of("f3")), 1000, 3);
        FieldDriftReport r = FieldDriftJudge.judge(SCOPE, BASELINE, t, critical);
        assertTrue(r.drifted());
        assertTrue(FieldDriftJudge.judge(SCOPE, BASELINE, t, DEFAULTS).drifted(), "a quarter of the features is over "
                + "the monitor's default share");
        assertTrue(r.perFeature().get(3).critical());
        assertTrue(r.reasons().get(0).contains("(critical)"), r.reasons().toString());
    }

    @Test
    void tooFewInferencesOrDevicesAreNotJudgedWhateverTheCountsSay() {
        FieldDriftReport few = FieldDriftJudge.judge(SCOPE, BASELINE,
                telemetry(Map.of("raspberry-pi-4", tally(31, 10, 0, 1, 2, 3))), DEFAULTS);
        assertFalse(few.drifted());
        assertFalse(few.judged());
        assertEquals("not enough data over 24h: 310 of 1,000 inferences", few.summary());
        assertEquals(List.of(few.summary()), few.reasons());
        assertEquals(List.of(), few.perFeature());
        assertNull(few.predictionDrift());
        assertEquals(310, few.perTarget().get(0).samples());

        FieldDriftReport lonely = FieldDriftJudge.judge(SCOPE, BASELINE,
                telemetry(Map.of("raspberry-pi-4", tally(500, 2, 0, 1, 2, 3))), DEFAULTS);
        assertFalse(lonely.drifted());
        assertEquals("not enough data over 24h: 2 of 3 devices reporting in one window", lonely.summary());

        FieldDriftReport nothing = FieldDriftJudge.judge(SCOPE, BASELINE, FieldTelemetry.EMPTY, DEFAULTS);
        assertEquals("not enough data over 24h: 0 of 1,000 inferences, 0 of 3 devices reporting in one window",
                nothing.summary());
    }

    @Test
    void oneTargetThatDriftsOnItsOwnEvidenceIsFieldDriftEvenWhenTheFleetDilutesIt() {
        FieldDriftReport r = FieldDriftJudge.judge(SCOPE, BASELINE, telemetry(Map.of(
                "jetson-nano-cpu", tally(100, 4, 0, 1, 2), "raspberry-pi-4", tally(900, 40))), DEFAULTS);

        assertTrue(r.drifted(), r.reasons().toString());
        assertEquals(List.of(), r.driftedFeatures(), "the fleet as a whole does not drift");
        assertEquals("field drift on jetson-nano-cpu devices over 24h, 10,000 inferences from 44 devices",
                r.summary());
        FieldDriftReport.TargetDrift jetson = r.perTarget().get(0);
        assertEquals("jetson-nano-cpu", jetson.target());
        assertTrue(jetson.drifted());
        assertEquals(List.of("f0", "f1", "f2"), jetson.driftedFeatures());
        assertEquals(4, jetson.devices());
        assertFalse(r.perTarget().get(1).drifted());
        assertTrue(r.reasons().get(1).startsWith("inputs drift on jetson-nano-cpu devices (1,000 inferences from 4 "
                + "devices): f0 PSI"), r.reasons().toString());
    }

    @Test
    void aTargetWithTooFewDevicesOfItsOwnIsNotJudgedAlone() {
        FieldDriftReport r = FieldDriftJudge.judge(SCOPE, BASELINE, telemetry(Map.of(
                "jetson-nano-cpu", tally(100, 2, 0, 1, 2), "raspberry-pi-4", tally(900, 40))), DEFAULTS);

        assertFalse(r.drifted(), r.summary());
        assertEquals(List.of(), r.perTarget().get(0).driftedFeatures());
    }

    @Test
    void predictionDriftIsReportedButIsNotFieldDriftByItself() {
        TargetTally t = tally(100, 10);
        TargetTally flipped = new TargetTally(t.inferences(), 0, t.features(), Map.of("normal", 300L, "worn", 700L),
                LatencyHistogram.EMPTY, 0, 0, LatencyHistogram.EMPTY, 10, 10, 0, 0);

        FieldDriftReport r = FieldDriftJudge.judge(SCOPE, BASELINE, telemetry(Map.of("raspberry-pi-4", flipped)),
                DEFAULTS);

        assertFalse(r.drifted());
        assertTrue(r.predictionDrift().drifted());
        assertTrue(r.reasons().stream().anyMatch(x -> x.startsWith("predicted classes: PSI")
                && x.contains("not field drift by itself")), r.reasons().toString());
    }

    @Test
    void aRegressionModelHasNoPredictionDrift() {
        FieldDriftReport r = FieldDriftJudge.judge(SCOPE, baseline(Map.of()),
                telemetry(Map.of("raspberry-pi-4", tally(100, 10))), DEFAULTS);

        assertNull(r.predictionDrift());
    }

    @Test
    void countsOverAnotherNumberOfFeaturesAreNotJudgedAndSayWhy() {
        TargetTally t = tally(100, 10);
        TargetTally three = new TargetTally(t.inferences(), 0, t.features().subList(0, 3), t.classes(),
                LatencyHistogram.EMPTY, 0, 0, LatencyHistogram.EMPTY, 10, 10, 0, 0);

        FieldDriftReport r = FieldDriftJudge.judge(SCOPE, BASELINE, telemetry(Map.of("raspberry-pi-4", three)),
                DEFAULTS);

        assertFalse(r.drifted());
        assertEquals("not enough data: the telemetry of version 3 counts 3 features, its baseline has 4",
                r.summary());
    }

    @Test
    void aCriticalFeatureThatIsNoFeatureIsAnError() {
        FieldDriftPolicy typo = new FieldDriftPolicy(DriftLimits.DEFAULT.withCritical(Set.of("temperature")), 1000, 3);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FieldDriftJudge.judge(SCOPE,
                BASELINE, telemetry(Map.of("raspberry-pi-4", tally(100, 10))), typo));
        assertTrue(e.getMessage().contains("critical feature 'temperature'"), e.getMessage());
    }

    @Test
    void theReportRoundTripsThroughJson() {
        FieldDriftReport r = FieldDriftJudge.judge(SCOPE, BASELINE,
                telemetry(Map.of("raspberry-pi-4", tally(100, 10, 1, 2))), DEFAULTS);

        assertEquals(r, Json.fromBytes(Json.toPrettyBytes(r), FieldDriftReport.class, "report"));
    }
}
