package io.edgemlops.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.data.DatasetProfile;
import io.edgemlops.data.FeatureProfile;
import io.edgemlops.store.Json;
import io.edgemlops.telemetry.FeatureCounts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The drift rules case by case: what the gate will call drift, and what it must not. */
class DriftJudgeTest {

    private static final List<Double> EDGES = List.of(-2.0, -1.0, -0.5, -0.25, 0.0, 0.25, 0.5, 1.0, 2.0, 3.0, 4.0);

    /** A numeric baseline feature of 10 bins, 50 holdout rows each, nothing outside the edges or missing. */
    private static FeatureProfile flat(String name) {
        return new FeatureProfile(name, EDGES, List.of(), Collections.nCopies(10, 50L), 0, 0, 0, 0, 1);
    }

    private static DatasetProfile baseline(int features) {
        List<FeatureProfile> profiles = new ArrayList<>();
        for (int i = 0; i < features; i++) {
            profiles.add(flat("f" + i));
        }
        return new DatasetProfile(500, profiles, Map.of());
    }

    private static FeatureCounts counts(long... bins) {
        List<Long> list = new ArrayList<>();
        for (long b : bins) {
            list.add(b);
        }
        return new FeatureCounts(list, 0, 0, 0);
    }

    private static FeatureCounts even(long perBin) {
        return new FeatureCounts(Collections.nCopies(10, perBin), 0, 0, 0);
    }

    /** Most of the mass moved to the upper bins: PSI far above 0.2. */
    private static FeatureCounts shifted(long n) {
        long[] bins = new long[10];
        long[] weights = {1, 1, 1, 2, 3, 5, 8, 12, 17, 50};
        for (int i = 0; i < 10; i++) {
            bins[i] = n * weights[i] / 100;
        }
        return counts(bins);
    }

    private static List<FeatureCounts> withShiftIn(int features, int... shiftedFeatures) {
        List<FeatureCounts> observed = new ArrayList<>(Collections.nCopies(features, even(100)));
        for (int f : shiftedFeatures) {
            observed.set(f, shifted(1000));
        }
        return observed;
    }

    @Test
    void aSampleInTheBaselinesProportionsDoesNotDrift() {
        DatasetDrift drift = DriftJudge.features(baseline(16),
                withShiftIn(16), DriftLimits.DEFAULT);
        assertFalse(drift.datasetDrifted());
        assertEquals(List.of(), drift.drifted());
        DistributionDrift f0 = drift.features().get(0);
        assertEquals(0.0, f0.psi(), 1e-12);
        assertEquals(1000, f0.samples());
        assertEquals(9, f0.degreesOfFreedom(), "10 bins; underflow, overflow and missing are empty on both sides");
        assertTrue(f0.pValue() > 0.99, f0.describe());
        assertEquals("f0: PSI 0 < 0.2, p 1 ≥ 0.000625 (chi-square 0, 9 dof, n 1000): no drift", f0.describe());
    }

    @Test
    void aBigShiftDriftsAndShowsBothValuesBesideTheirLimits() {
        DatasetDrift drift = DriftJudge.features(baseline(16), withShiftIn(16, 3), DriftLimits.DEFAULT);
        DistributionDrift f3 = drift.features().get(3);
        assertTrue(f3.drifted(), f3.describe());
        assertTrue(f3.psi() > 1, f3.describe());
        assertEquals(0.2, f3.psiLimit());
        assertEquals(0.01 / 16, f3.alpha(), 1e-15, "Bonferroni over 16 features");
        assertTrue(f3.pValue() < 1e-100, f3.describe());
        assertTrue(f3.describe().matches("f3: PSI [0-9.]+ ≥ 0\\.2, p [0-9.e+-]+ < 0\\.000625 \\(chi-square [0-9.]+, "
                + "9 dof, n 1000\\): drifted"), f3.describe());
        assertEquals(List.of("f3"), drift.drifted());
        assertEquals(1 / 16.0, drift.driftedShare());
        assertFalse(drift.datasetDrifted(), "one ordinary feature of 16 is not dataset drift");
    }

    @Test
    void aSignificantButTinyShiftOnAHugeSampleIsNotDrift() {
        // Five per cent more in one bin, seen on ten million inputs: beyond doubt, and beside the point.
        long[] base = new long[10];
        long[] seen = new long[10];
        for (int i = 0; i < 10; i++) {
            base[i] = 1000;
            seen[i] = 1_000_000;
        }
        seen[4] = 1_050_000;
        DistributionDrift d = DriftJudge.compare("f", base, seen, 0.2, 0.01);
        assertTrue(d.significant(), d.describe());
        assertTrue(d.pValue() < 1e-100, d.describe());
        assertTrue(d.psi() < 0.001, d.describe());
        assertFalse(d.largeShift());
        assertFalse(d.drifted(), "significance alone never makes drift");
    }

    @Test
    void aLargePsiOnAFewSamplesIsNotDrift() {
        // 20 inputs piled into the lower half: PSI near 1, but 20 inputs could do that by chance more
        // often than one in 1,600 (alpha 0.01 over 16 features).
        FeatureCounts few = counts(6, 5, 4, 3, 2, 0, 0, 0, 0, 0);
        List<FeatureCounts> observed = new ArrayList<>(Collections.nCopies(16, even(2)));
        observed.set(0, few);
        DatasetDrift drift = DriftJudge.features(baseline(16), observed,
                DriftLimits.DEFAULT.withCritical(Set.of("f0")));
        DistributionDrift f0 = drift.features().get(0);
        assertTrue(f0.largeShift() && f0.psi() > 0.9, f0.describe());
        assertFalse(f0.significant(), f0.describe());
        assertFalse(f0.drifted());
        assertFalse(drift.datasetDrifted(), "even a critical feature needs the evidence");
        assertTrue(f0.describe().endsWith("large shift, but not significant on 20 samples"), f0.describe());
        // The same counts as a single test (no correction) pass at 0.01: the correction is what held it back.
        DistributionDrift alone = DriftJudge.compare("f0", new long[] {50, 50, 50, 50, 50, 50, 50, 50, 50, 50},
                new long[] {6, 5, 4, 3, 2, 0, 0, 0, 0, 0}, 0.2, 0.01);
        assertEquals(f0.pValue(), alone.pValue(), 1e-15);
        assertTrue(alone.drifted(), alone.describe());
    }

    @Test
    void oneCriticalFeatureDriftingIsDatasetDrift() {
        DriftLimits limits = DriftLimits.DEFAULT.withCritical(Set.of("f3", "f9"));
        DatasetDrift drift = DriftJudge.features(baseline(16), withShiftIn(16, 3), limits);
        assertTrue(drift.datasetDrifted());
        assertEquals(List.of("f3"), drift.criticalDrifted());
        assertEquals(1 / 16.0, drift.driftedShare());

        DatasetDrift other = DriftJudge.features(baseline(16), withShiftIn(16, 4), limits);
        assertFalse(other.datasetDrifted(), "a drifting feature that is not critical, alone");
        assertEquals(List.of(), other.criticalDrifted());
    }

    @Test
    void halfTheFeaturesDriftingIsDatasetDrift() {
        DatasetDrift seven = DriftJudge.features(baseline(16), withShiftIn(16, 0, 1, 2, 3, 4, 5, 6),
                DriftLimits.DEFAULT);
        assertEquals(7 / 16.0, seven.driftedShare());
        assertFalse(seven.datasetDrifted());
        DatasetDrift eight = DriftJudge.features(baseline(16), withShiftIn(16, 0, 1, 2, 3, 4, 5, 6, 15),
                DriftLimits.DEFAULT);
        assertEquals(0.5, eight.driftedShare());
        assertEquals(0.5, eight.shareLimit());
        assertTrue(eight.datasetDrifted(), "the share reaches its limit");
        assertEquals(List.of("f0", "f1", "f2", "f3", "f4", "f5", "f6", "f15"), eight.drifted());
        assertEquals(eight.features().get(15), eight.feature("f15").orElseThrow());
        assertTrue(eight.maxPsi() > 1);
    }

    @Test
    void noSamplesIsNeverDrift() {
        DatasetDrift none = DriftJudge.features(baseline(4), List.of(),
                DriftLimits.DEFAULT.withCritical(Set.of("f1")));
        assertFalse(none.datasetDrifted());
        for (DistributionDrift f : none.features()) {
            assertEquals(0, f.samples());
            assertEquals(0.0, f.psi());
            assertEquals(0.0, f.chiSquare());
            assertEquals(1.0, f.pValue());
            assertFalse(f.drifted());
            assertTrue(f.describe().endsWith("no samples"), f.describe());
        }
        DatasetDrift zeros = DriftJudge.features(baseline(4), Collections.nCopies(4, even(0)), DriftLimits.DEFAULT);
        assertEquals(none.features(), zeros.features(), "an empty list and all-zero counts mean the same");

        DistributionDrift noPredictions = DriftJudge.predictions(Map.of("ok", 400L, "fault", 100L), Map.of(),
                DriftLimits.DEFAULT);
        assertEquals(new DistributionDrift("predictions", 0, 0, 0, 1, 1, 0.2, 0.01, false), noPredictions);
        DistributionDrift regression = DriftJudge.predictions(Map.of(), Map.of(), DriftLimits.DEFAULT);
        assertEquals(new DistributionDrift("predictions", 0, 0, 0, 0, 1, 0.2, 0.01, false), regression);

        DatasetDrift noFeatures = DriftJudge.features(new DatasetProfile(0, List.of(), Map.of()), List.of(),
                DriftLimits.DEFAULT);
        assertEquals(0.0, noFeatures.driftedShare());
        assertFalse(noFeatures.datasetDrifted());
    }

    @Test
    void slotsEmptyOnBothSidesAreLeftOutAndOthersKept() {
        FeatureProfile zone = new FeatureProfile("zone", List.of(), List.of("north", "south", "east"),
                List.of(200L, 200L, 100L), 0, 0, 0, 0, 0);
        FeatureProfile temp = new FeatureProfile("temp", EDGES, List.of(), Collections.nCopies(10, 50L), 0, 0, 0, 0, 1);
        DatasetProfile profile = new DatasetProfile(500, List.of(zone, temp), Map.of());
        // Devices see an unseen category (overflow) and a few missing temperatures.
        FeatureCounts zoneSeen = new FeatureCounts(List.of(200L, 200L, 100L), 0, 30, 0);
        FeatureCounts tempSeen = new FeatureCounts(Collections.nCopies(10, 100L), 0, 0, 10);
        DatasetDrift drift = DriftJudge.features(profile, List.of(zoneSeen, tempSeen), DriftLimits.DEFAULT);
        DistributionDrift z = drift.features().get(0);
        assertEquals(3, z.degreesOfFreedom(), "3 categories + unseen; underflow and missing empty on both sides");
        assertEquals(530, z.samples());
        // The unseen category, expected from the smoothed baseline share 0.5 / (500 + 0.5 · 4), is highly
        // significant; its PSI is what says whether 30 of 530 matters.
        assertTrue(z.significant(), z.describe());
        assertEquals(PopulationStability.index(new long[] {200, 200, 100, 0}, new long[] {200, 200, 100, 30}),
                z.psi(), 1e-15);
        DistributionDrift t = drift.features().get(1);
        assertEquals(10, t.degreesOfFreedom(), "10 bins + missing");
        assertEquals(1010, t.samples());
    }

    @Test
    void predictedClassesAreJudgedAtAlphaUncorrected() {
        Map<String, Long> baseline = new LinkedHashMap<>();
        baseline.put("ok", 800L);
        baseline.put("bearing_wear", 150L);
        baseline.put("cavitation", 50L);
        DistributionDrift same = DriftJudge.predictions(baseline, Map.of("ok", 1600L, "bearing_wear", 300L,
                "cavitation", 100L), DriftLimits.DEFAULT);
        assertFalse(same.drifted());
        assertEquals(0.01, same.alpha());
        assertEquals("predictions", same.name());

        DistributionDrift faults = DriftJudge.predictions(baseline, Map.of("ok", 1000L, "bearing_wear", 700L,
                "cavitation", 300L), DriftLimits.DEFAULT);
        assertTrue(faults.drifted(), faults.describe());
        assertEquals(2, faults.degreesOfFreedom());

        // A class only the devices predicted is a slot of its own, not dropped.
        DistributionDrift unknown = DriftJudge.predictions(baseline, Map.of("ok", 800L, "bearing_wear", 150L,
                "cavitation", 50L, "seal_leak", 400L), DriftLimits.DEFAULT);
        assertEquals(3, unknown.degreesOfFreedom());
        assertTrue(unknown.drifted(), unknown.describe());
    }

    @Test
    void mismatchedTelemetryAndUnknownCriticalFeaturesAreRefused() {
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> DriftJudge.features(baseline(3), List.of(even(1)), DriftLimits.DEFAULT));
        assertEquals("the baseline has 3 features, the telemetry 1", count.getMessage());
        IllegalArgumentException bins = assertThrows(IllegalArgumentException.class,
                () -> DriftJudge.features(baseline(1), List.of(counts(1, 2, 3)), DriftLimits.DEFAULT));
        assertEquals("feature f0: the baseline has 10 bins, the telemetry 3", bins.getMessage());
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> DriftJudge.features(baseline(2), List.of(), DriftLimits.DEFAULT.withCritical(Set.of("f_0"))));
        assertEquals("critical feature 'f_0' is not a feature of the baseline [f0, f1]", typo.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DriftJudge.compare("x", new long[2], new long[3], 0.2, 0.01));
        assertThrows(IllegalArgumentException.class,
                () -> DriftJudge.compare("x", new long[] {1, -1}, new long[] {1, 1}, 0.2, 0.01));
    }

    @Test
    void limitsAreCheckedAndDefaultAsDocumented() {
        assertEquals(new DriftLimits(0.2, 0.01, 0.5, Set.of()), DriftLimits.DEFAULT);
        assertEquals(Set.of(), new DriftLimits(0.1, 0.05, 1, null).critical());
        assertThrows(IllegalArgumentException.class, () -> new DriftLimits(0, 0.01, 0.5, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new DriftLimits(0.2, 0, 0.5, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new DriftLimits(0.2, 1, 0.5, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new DriftLimits(0.2, 0.01, 0, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new DriftLimits(0.2, 0.01, 1.5, Set.of()));
    }

    @Test
    void aJudgementWritesItsValuesAndLimitsAsJson() {
        DistributionDrift d = new DistributionDrift("temp", 1000, 0.25, 80.5, 9, 1e-12, 0.2, 0.000625, true);
        assertEquals("{\"name\":\"temp\",\"samples\":1000,\"psi\":0.25,\"chiSquare\":80.5,\"degreesOfFreedom\":9,"
                + "\"pValue\":1.0E-12,\"psiLimit\":0.2,\"alpha\":6.25E-4,\"drifted\":true}", Json.toString(d));
    }
}
