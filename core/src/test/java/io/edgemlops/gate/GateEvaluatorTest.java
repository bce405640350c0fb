package io.edgemlops.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.data.DatasetProfile;
import io.edgemlops.data.FeatureProfile;
import io.edgemlops.drift.DriftLimits;
import io.edgemlops.telemetry.FeatureCounts;
import io.edgemlops.telemetry.LatencyHistogram;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The gate's rules case by case, on hand-made evidence: no store, no devices. */
class GateEvaluatorTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
    private static final List<String> FEATURES = List.of("temp", "vibration", "pressure");
    private static final DatasetProfile BASELINE = baseline();
    private static final GatePolicy POLICY = GatePolicy.defaults().withEvidence(1000, 3, Duration.ofMinutes(30), 2);

    private static DatasetProfile baseline() {
        List<FeatureProfile> features = new ArrayList<>();
        for (String f : FEATURES) {
            List<Double> edges = new ArrayList<>();
            for (int i = 0; i <= 10; i++) {
                edges.add((double) i);
            }
            features.add(new FeatureProfile(f, edges, List.of(), Collections.nCopies(10, 200L), 0, 0, 0, 5, 2.9));
        }
        return new DatasetProfile(2000, features, Map.of("ok", 1500L, "fault", 500L));
    }

    /** Counts of {@code n} inputs per feature, as the baseline's shares, with {@code shift} bins moved up on one. */
    private static List<FeatureCounts> counts(long n, String shifted, int shift) {
        List<FeatureCounts> out = new ArrayList<>();
        for (String f : FEATURES) {
            List<Long> bins = new ArrayList<>(Collections.nCopies(10, n / 10));
            long overflow = 0;
            if (f.equals(shifted)) {
                for (int s = 0; s < shift; s++) {
                    overflow += bins.remove(bins.size() - 1);
                    bins.add(0, 0L);
                }
            }
            out.add(new FeatureCounts(bins, 0, overflow, 0));
        }
        return out;
    }

    private static TargetTally tally(long n, long errors, String shifted, int shift, long latencyNanos, long devices,
                                     long unhealthy) {
        long[] lat = new long[(int) Math.min(n - errors, 2000)];
        java.util.Arrays.fill(lat, latencyNanos);
        return new TargetTally(n, errors, counts(n, shifted, shift), Map.of("ok", n * 3 / 4, "fault", n / 4),
                LatencyHistogram.of(lat), 0, 0, LatencyHistogram.EMPTY, devices, devices - unhealthy, unhealthy, 0);
    }

    private static TargetTally clean(long n) {
        return tally(n, 0, null, 0, 200_000, 10, 0);
    }

    private static WaveSnapshot snapshot(int window, TargetTally cohort, TargetTally control) {
        return new WaveSnapshot(START.plus(Duration.ofMinutes(5L * (window + 1))), Map.of("raspberry-pi-4", cohort),
                control == null ? Map.of() : Map.of("raspberry-pi-4", control));
    }

    private static GateEvidence evidence(List<WaveSnapshot> snapshots, Duration age, boolean shadow) {
        return new GateEvidence(snapshots, Map.of("raspberry-pi-4", 10L), BASELINE, BASELINE,
                Map.of("raspberry-pi-4", 1.0), shadow, START, START.plus(age));
    }

    private static GateVerdict judge(GatePolicy policy, WaveSnapshot... snapshots) {
        return GateEvaluator.judge(policy, evidence(List.of(snapshots), Duration.ofHours(1), false));
    }

    @Test
    void withoutTelemetryTheGateWaitsAndNeverRollsBack() {
        GateVerdict v = judge(POLICY);
        assertEquals(GateDecision.WAIT, v.decision());
        assertTrue(v.waitingFor().get(0).contains("first complete telemetry window"), v.waitingFor().toString());
    }

    @Test
    void aCleanWaveWithEnoughEvidenceIsPromotedAndSaysWhy() {
        GateVerdict v = judge(POLICY, snapshot(0, clean(1000), clean(3000)), snapshot(1, clean(2000), clean(6000)));
        assertEquals(GateDecision.PROMOTED, v.decision(), v.toString());
        assertTrue(String.join("\n", v.reasons()).contains("0 of 3 features drifted"), v.reasons().toString());
        assertTrue(String.join("\n", v.reasons()).contains("raspberry-pi-4: p95"), v.reasons().toString());
    }

    @Test
    void aWaveOfDevicesNoneOfWhichHadReportedBeforeSaysHowManyReportNotOfHowMany() {
        List<WaveSnapshot> windows = List.of(snapshot(0, clean(1000), null), snapshot(1, clean(2000), null));
        GateVerdict known = GateEvaluator.judge(POLICY, evidence(windows, Duration.ofHours(1), false));
        GateVerdict unknown = GateEvaluator.judge(POLICY, new GateEvidence(windows, Map.of(), BASELINE, BASELINE,
                Map.of("raspberry-pi-4", 1.0), false, START, START.plus(Duration.ofHours(1))));

        assertTrue(known.reasons().contains("devices: 10 of 10 reporting, 10 healthy; 2000 inferences"),
                known.reasons().toString());
        assertEquals(GateDecision.PROMOTED, unknown.decision(), unknown.toString());
        assertTrue(unknown.reasons().contains("devices: 10 reporting, 10 healthy; 2000 inferences"),
                unknown.reasons().toString());
    }

    @Test
    void tooFewSamplesWaitsEvenWithAHugeDrift() {
        GateVerdict v = judge(POLICY, snapshot(0, tally(300, 0, "temp", 5, 200_000, 10, 0), null),
                snapshot(1, tally(600, 0, "temp", 5, 200_000, 10, 0), null));
        assertEquals(GateDecision.WAIT, v.decision());
        assertTrue(v.waitingFor().contains("samples: 600 of 1000 inferences"), v.waitingFor().toString());
    }

    @Test
    void theSoakTimeHoldsBackAPromotion() {
        GateVerdict v = GateEvaluator.judge(POLICY, evidence(List.of(snapshot(0, clean(2000), null)),
                Duration.ofMinutes(10), false));
        assertEquals(GateDecision.WAIT, v.decision());
        assertTrue(v.waitingFor().contains("soak: 20m left of 30m"), v.waitingFor().toString());
    }

    @Test
    void aDriftMustShowInTwoWindowsInARowBeforeARollback() {
        GatePolicy critical = POLICY.withDrift(new DriftLimits(0.2, 0.01, 0.5, Set.of("temp")));
        TargetTally drifted = tally(2000, 0, "temp", 3, 200_000, 10, 0);
        GateVerdict once = judge(critical, snapshot(0, clean(2000), clean(2000)),
                snapshot(1, drifted, clean(4000)));
        assertEquals(GateDecision.WAIT, once.decision());
        assertTrue(once.waitingFor().get(0).startsWith("confirmation of: inputs drift"), once.waitingFor().toString());

        GateVerdict twice = judge(critical, snapshot(0, drifted, clean(2000)), snapshot(1, drifted, clean(4000)));
        assertEquals(GateDecision.ROLLED_BACK, twice.decision());
        assertFalse(twice.fieldDrift());
        assertTrue(twice.reasons().get(0).contains("temp PSI"), twice.reasons().toString());
        assertTrue(twice.reasons().get(0).contains("(critical)"), twice.reasons().toString());
    }

    @Test
    void driftThatTheControlSeesTooIsFieldDriftAndFollowsOnDataDrift() {
        GatePolicy critical = POLICY.withDrift(new DriftLimits(0.2, 0.01, 0.5, Set.of("temp")));
        TargetTally drifted = tally(2000, 0, "temp", 3, 200_000, 10, 0);
        TargetTally controlDrifted = tally(6000, 0, "temp", 3, 200_000, 30, 0);
        GateVerdict rollback = judge(critical, snapshot(0, drifted, controlDrifted),
                snapshot(1, drifted, controlDrifted));
        assertEquals(GateDecision.ROLLED_BACK, rollback.decision());
        assertTrue(rollback.fieldDrift());
        assertTrue(rollback.reasons().get(0).contains("retrain"), rollback.reasons().toString());

        GatePolicy hold = new GatePolicy(critical.drift(), null, 0.2, 0.05, 0.9, 1000, 3, 0.1, 2,
                Duration.ofMinutes(30), Duration.ofHours(24), Duration.ofMinutes(5), GatePolicy.OnTimeout.HOLD,
                GatePolicy.OnDataDrift.HOLD, false);
        assertEquals(GateDecision.HELD, judge(hold, snapshot(0, drifted, controlDrifted),
                snapshot(1, drifted, controlDrifted)).decision());
    }

    @Test
    void aVersionFourTimesSlowerThanItsControlIsRolledBackEvenWithinBudget() {
        TargetTally slow = tally(2000, 0, null, 0, 800_000, 10, 0);
        TargetTally control = tally(6000, 0, null, 0, 200_000, 30, 0);
        GateVerdict v = judge(POLICY, snapshot(0, slow, control), snapshot(1, slow, control));
        assertEquals(GateDecision.ROLLED_BACK, v.decision());
        assertTrue(v.reasons().get(0).contains("slower than the previous version's devices"), v.reasons().toString());
    }

    @Test
    void aSlowdownOfTheWholeTargetControlIncludedIsNotBlamedOnTheModel() {
        TargetTally slow = tally(2000, 0, null, 0, 800_000, 10, 0);
        TargetTally slowControl = tally(6000, 0, null, 0, 800_000, 30, 0);
        assertEquals(GateDecision.PROMOTED, judge(POLICY, snapshot(0, slow, slowControl),
                snapshot(1, slow, slowControl)).decision());
        // Over the 1 ms budget, but so is the control: still not the new model's fault.
        TargetTally overBudget = tally(2000, 0, null, 0, 3_000_000, 10, 0);
        TargetTally overBudgetControl = tally(6000, 0, null, 0, 3_000_000, 30, 0);
        assertEquals(GateDecision.PROMOTED, judge(POLICY, snapshot(0, overBudget, overBudgetControl),
                snapshot(1, overBudget, overBudgetControl)).decision());
        // Without a control (the last wave, or a first rollout) the budget alone decides.
        GateVerdict alone = judge(POLICY, snapshot(0, overBudget, null), snapshot(1, overBudget, null));
        assertEquals(GateDecision.ROLLED_BACK, alone.decision());
        assertTrue(alone.reasons().get(0).contains("over its budget of 1.00 ms"), alone.reasons().toString());
    }

    @Test
    void aDeviceThatRefusedTheVersionRollsBackAtOnce() {
        GateVerdict v = judge(POLICY, snapshot(0, tally(50, 0, null, 0, 200_000, 3, 0),
                tally(500, 0, null, 0, 200_000, 20, 1)));
        assertEquals(GateDecision.ROLLED_BACK, v.decision());
        assertTrue(v.hardFailure());
        assertTrue(v.reasons().get(0).startsWith("1 device(s) refused the new version"), v.reasons().toString());
    }

    @Test
    void devicesThatWentBackByThemselvesRollBackOnlyBeyondTheToleratedShare() {
        GateVerdict one = judge(POLICY, snapshot(0, clean(2000), clean(4000)), snapshot(1,
                tally(2000, 0, null, 0, 200_000, 9, 1), clean(4000)));
        assertEquals(GateDecision.PROMOTED, one.decision(), one.toString());
        assertTrue(one.reasons().get(one.reasons().size() - 1).startsWith("1 device(s) went back"),
                one.reasons().toString());
        GateVerdict two = judge(POLICY, snapshot(0, clean(2000), clean(4000)), snapshot(1,
                tally(2000, 0, null, 0, 200_000, 8, 2), clean(4000)));
        assertEquals(GateDecision.ROLLED_BACK, two.decision());
        assertTrue(two.reasons().get(0).startsWith("2 of 10 device(s) went back from the new version"),
                two.reasons().toString());
    }

    @Test
    void anErrorRateClearlyOverTheLimitRollsBackAtOnceUnlessTheControlFailsAsMuch() {
        TargetTally failing = tally(400, 60, null, 0, 200_000, 10, 0);
        GateVerdict v = judge(POLICY, snapshot(0, failing, clean(4000)));
        assertEquals(GateDecision.ROLLED_BACK, v.decision());
        assertTrue(v.reasons().get(0).startsWith("error rate 15.0 %"), v.reasons().toString());

        TargetTally failingControl = tally(4000, 600, null, 0, 200_000, 30, 0);
        assertEquals(GateDecision.WAIT, judge(POLICY, snapshot(0, failing, failingControl)).decision());
    }

    @Test
    void oneFailureInTheFirstFewCallsDoesNotRollBack() {
        GateVerdict v = judge(POLICY, snapshot(0, tally(3, 1, null, 0, 200_000, 2, 0), clean(9000)));
        assertEquals(GateDecision.WAIT, v.decision(), v.toString());
    }

    @Test
    void anErrorRateNotYetProvenLowEnoughWaits() {
        TargetTally borderline = tally(2000, 90, null, 0, 200_000, 10, 0);
        GateVerdict v = judge(POLICY, snapshot(0, borderline, null), snapshot(1, borderline, null));
        assertEquals(GateDecision.WAIT, v.decision());
        assertTrue(v.waitingFor().get(0).startsWith("error rate: 95 % upper bound"), v.waitingFor().toString());
    }

    @Test
    void silentDevicesBlockAPromotionBeyondTheirShare() {
        TargetTally fewDevices = tally(2000, 0, null, 0, 200_000, 6, 0);
        GateVerdict v = judge(POLICY, snapshot(0, fewDevices, null), snapshot(1, fewDevices, null));
        assertEquals(GateDecision.WAIT, v.decision());
        assertTrue(v.waitingFor().contains("devices: 4 of 10 silent in the last window (40.0 %, at most 10.0 %)"),
                v.waitingFor().toString());
    }

    @Test
    void aShadowThatDisagreesWithTheServingVersionIsRolledBack() {
        TargetTally t = tally(2000, 0, null, 0, 200_000, 10, 0);
        TargetTally disagreeing = new TargetTally(t.inferences(), 0, t.features(), t.classes(), t.latency(), 2000,
                1500, t.latency(), 10, 10, 0, 0);
        GateVerdict v = GateEvaluator.judge(POLICY, evidence(List.of(snapshot(0, disagreeing, null),
                snapshot(1, disagreeing, null)), Duration.ofHours(1), true));
        assertEquals(GateDecision.ROLLED_BACK, v.decision());
        assertTrue(v.reasons().get(0).startsWith("the shadow agrees with the serving version on 75.0 %"),
                v.reasons().toString());
    }
}
