package io.edgemlops.bench;

import io.edgemlops.data.CompactDataset;
import io.edgemlops.data.DataOptions;
import io.edgemlops.data.DatasetProfile;
import io.edgemlops.data.DatasetProfiler;
import io.edgemlops.data.FeatureSchema;
import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.drift.DatasetDrift;
import io.edgemlops.drift.DistributionDrift;
import io.edgemlops.gate.Findings;
import io.edgemlops.gate.GateDecision;
import io.edgemlops.gate.GateEvaluator;
import io.edgemlops.gate.GateEvidence;
import io.edgemlops.gate.GatePolicy;
import io.edgemlops.gate.GateVerdict;
import io.edgemlops.gate.WaveSnapshot;
import io.edgemlops.gate.WaveSnapshots;
import io.edgemlops.telemetry.FeatureBins;
import io.edgemlops.telemetry.FeatureCounts;
import io.edgemlops.telemetry.GroupTelemetry;
import io.edgemlops.telemetry.Health;
import io.edgemlops.telemetry.LatencyHistogram;
import io.edgemlops.telemetry.Role;
import io.edgemlops.telemetry.TelemetryRecord;
import io.edgemlops.telemetry.WindowTelemetry;
import io.edgemlops.train.ModelTrainer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One rollout of a pump model through its waves, simulated at the level of the gate's evidence: no devices, no store,
 * but every number the gate reads made as the engine makes it (see {@link GateHonestyBench} for the fleet).
 *
 * <p>Per wave: the gate polls every 5 minutes from the wave's start; at each poll the windows that ended at least one
 * window before it are folded into cumulative snapshots by {@link WaveSnapshots#of} (the code {@code AwaitDriftGate}
 * runs on compacted telemetry) and judged by {@link GateEvaluator#judge}. A PROMOTED wave starts the next one at the
 * time of that poll, as {@code autoAdvance} does; ROLLED_BACK and HELD end the rollout; a wave still waiting after
 * {@code maxWindows} judged windows ends it as WAIT.
 */
final class RolloutSimulator {

    static final int WINDOW_SECONDS = 300;
    static final List<String> TARGETS = List.of("jetson-nano-cpu", "raspberry-pi-4");
    /** p95 budget of both targets: {@code latencyBudgetP95Ms} of examples/targets/*.json. */
    static final double BUDGET_MS = 2.0;
    /** Median latency per target before per-device and per-window factors. */
    private static final double[] MEDIAN_MS = {0.40, 0.45};
    private static final double LATENCY_SIGMA = 0.35;
    private static final double DEVICE_LATENCY_SIGMA = 0.15;
    private static final double WINDOW_LATENCY_SIGMA = 0.10;
    private static final double SPIKE_SHARE = 0.005;
    private static final long INSTALL_DELAY_MIN_SECONDS = 5;
    private static final long INSTALL_DELAY_MAX_SECONDS = 60;
    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
    private static final String FLEET = "bench";
    private static final String MODEL = "pump";
    private static final int NEW_VERSION = 2;
    private static final int OLD_VERSION = 1;
    static final String ROLLOUT = "pump-v2-20261125T100000Z";
    private static final String OLD_ROLLOUT = "pump-v1-20261101T100000Z";
    private static final List<String> CLASSES = SensorDataGenerator.CLASSES;

    /**
     * The fleet and its traffic.
     *
     * @param devices devices in the fleet
     * @param waves cumulative wave percentages
     * @param inferencesPerWindow mean inferences of a device per 5-minute window (devices vary ×0.5 to ×1.5)
     * @param errorRate share of failed inferences, the same on both versions
     * @param lateShare share of device records that reach the store one poll late
     * @param maxWindows windows judged in a wave before the simulation stops waiting
     */
    record Fleet(int devices, List<Integer> waves, double inferencesPerWindow, double errorRate, double lateShare,
                 int maxWindows) {
    }

    /**
     * What shifts, and where.
     *
     * @param shift feature (or {@code *}) → shift in nominal standard deviations
     * @param field whether the control's inputs shift too (the field changed) or only the wave's
     * @param critical the policy's critical features
     */
    record Drift(Map<String, Double> shift, boolean field, Set<String> critical) {
    }

    /**
     * What a device's first inferences on a freshly installed version cost: the self-test has already run the model
     * once (same session), so what is left is caches and allocator; the bench assumes a little, and measures a
     * heavier cost as a sensitivity case.
     *
     * @param inferences how many of a device's first served inferences after the install are slower
     * @param factor by how much
     */
    record SwapCost(int inferences, double factor) {

        static final SwapCost LIGHT = new SwapCost(3, 2);
    }

    /**
     * One wave's end.
     *
     * @param wave 0-based
     * @param decision the decision that ended it, or WAIT when {@code maxWindows} passed without one
     * @param windows windows judged at that poll
     * @param samples inferences of the new version in the judged windows
     * @param reasons the verdict's reasons (or, for WAIT, what it waited for)
     * @param hard whether a rollback came from a hard failure
     * @param field whether the gate saw field drift
     * @param driftedFeatures features drifted in the latest snapshot
     * @param watchPsi the watched feature's PSI on the wave's devices in the latest snapshot (NaN without one)
     * @param watchControlPsi the same on the control (NaN without)
     * @param kindFlips polls whose input-drift violation changed kind (drift ↔ field drift) from the poll before
     * @param seenDrift polls that saw an input-drift violation in the latest snapshot
     * @param seenKinds kinds of every soft violation seen in the wave's polls, confirmed or not
     * @param firstJudged whether input drift showed in the first snapshot with {@code minSamples} (one look, no
     *     confirmation); null when no snapshot reached them
     * @param waitedBefore what the poll before the deciding one waited for
     */
    record WaveResult(int wave, GateDecision decision, int windows, long samples, List<String> reasons, boolean hard,
                      boolean field, int driftedFeatures, double watchPsi, double watchControlPsi, int kindFlips,
                      int seenDrift, Set<String> seenKinds, Boolean firstJudged, List<String> waitedBefore) {
    }

    /** A rollout: its seed and every wave it reached. */
    record Rollout(long seed, List<WaveResult> waves) {

        WaveResult last() {
            return waves.get(waves.size() - 1);
        }

        /** Promoted through its last wave. */
        boolean completed(int waveCount) {
            return waves.size() == waveCount && last().decision() == GateDecision.PROMOTED;
        }
    }

    /** A device and its fixed traits. */
    private static final class Device {
        final int target;
        final double rate;
        final double latency;
        final int rank;
        long installedAt = Long.MAX_VALUE;
        long sinceInstall;

        Device(int target, double rate, double latency, int rank) {
            this.target = target;
            this.rate = rate;
            this.latency = latency;
            this.rank = rank;
        }
    }

    /** Counts of one side, target and arrival of one window: what compaction would fold into one group. */
    private static final class Tally {
        final long[][] slots;
        final long[] classes = new long[CLASSES.size()];
        final long[] latency = new long[LatencyHistogram.BUCKETS];
        long devices;
        long inferences;
        long errors;

        Tally(List<FeatureBins> bins) {
            slots = new long[bins.size()][];
            for (int f = 0; f < bins.size(); f++) {
                slots[f] = new long[bins.get(f).binCount() + 3];
            }
        }

        GroupTelemetry group(String target, int version, String rollout, Instant windowStart) {
            List<FeatureCounts> features = new ArrayList<>(slots.length);
            for (long[] s : slots) {
                int n = s.length - 3;
                List<Long> counts = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    counts.add(s[i]);
                }
                features.add(new FeatureCounts(counts, s[n], s[n + 1], s[n + 2]));
            }
            Map<String, Long> predicted = new LinkedHashMap<>();
            for (int c = 0; c < classes.length; c++) {
                predicted.put(CLASSES.get(c), classes[c]);
            }
            List<Integer> buckets = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            for (int b = 0; b < latency.length; b++) {
                if (latency[b] > 0) {
                    buckets.add(b);
                    counts.add(latency[b]);
                }
            }
            TelemetryRecord r = new TelemetryRecord(TelemetryRecord.SCHEMA_VERSION, FLEET, MODEL, version, rollout, null,
                    target, null, windowStart, WINDOW_SECONDS, Role.SERVING, inferences, errors, features, predicted,
                    new LatencyHistogram(buckets, counts), Health.OK, null, null, null, 0);
            return new GroupTelemetry(target, Role.SERVING, rollout, devices, devices, 0, r);
        }
    }

    /** A window's groups of one side, by arrival: on time (the poll after the window) or one poll later. */
    private record Arrivals(List<GroupTelemetry> onTime, List<GroupTelemetry> late) {
    }

    private final Fleet fleet;
    private final GatePolicy policy;
    private final Drift drift;
    private final String watch;
    private final DatasetProfile baseline;
    private final DatasetProfile previousBaseline;
    private final RowPool pool;
    private final double[] shift;
    private final SwapCost swap;

    /**
     * @param watch the feature whose PSI to report (the critical one), or null
     */
    RolloutSimulator(Fleet fleet, GatePolicy policy, Drift drift, SwapCost swap, String watch,
                     DatasetProfile baseline, DatasetProfile previousBaseline, RowPool pool) {
        this.fleet = fleet;
        this.swap = swap;
        this.policy = policy;
        this.drift = drift;
        this.watch = watch;
        this.baseline = baseline;
        this.previousBaseline = previousBaseline;
        this.pool = pool;
        this.shift = RowPool.shiftInUnits(drift.shift());
    }

    /**
     * The baseline of a model version trained on {@code rows} generated rows, made as the engine makes it:
     * {@link ModelTrainer#prepare} splits them (validation split 0.2, stratified, seeded), {@link DatasetProfiler}
     * takes decile edges from the training split and counts from the holdout split. There is no model, so the holdout's
     * "predicted" classes are its labels (a perfect model's predictions).
     */
    static DatasetProfile baseline(long seed, int rows) {
        CompactDataset data = ModelTrainer.prepare(new SensorDataGenerator(seed).generate(rows),
                new DataOptions(SensorDataGenerator.LABEL, List.of(), FeatureSchema.Task.CLASSIFICATION, 0.2, seed));
        int[] labels = Arrays.stream(data.holdoutRows()).map(r -> data.classes()[r]).toArray();
        return DatasetProfiler.profile(data, labels, DatasetProfiler.DEFAULT_BINS);
    }

    /** Simulates one rollout; {@code seed} fixes the fleet, the times and every draw. */
    Rollout run(long seed) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x5eedL);
        List<Device> devices = fleet(random);
        List<FeatureBins> newBins = FeatureBins.of(baseline);
        List<FeatureBins> oldBins = FeatureBins.of(previousBaseline);
        Map<String, Double> budgets = new TreeMap<>();
        TARGETS.forEach(t -> budgets.put(t, BUDGET_MS));
        // The first wave starts anywhere in a window; later ones at the poll that promoted the previous one.
        long waveStarted = START.getEpochSecond() + random.nextLong(WINDOW_SECONDS);
        List<WaveResult> waves = new ArrayList<>();
        for (int w = 0; w < fleet.waves().size(); w++) {
            long cohortSize = (long) Math.ceil(fleet.devices() * fleet.waves().get(w) / 100.0);
            Map<String, Long> expected = new TreeMap<>();
            for (Device d : devices) {
                if (d.rank < cohortSize) {
                    expected.merge(TARGETS.get(d.target), 1L, Long::sum);
                    if (d.installedAt == Long.MAX_VALUE) {
                        d.installedAt = waveStarted + INSTALL_DELAY_MIN_SECONDS
                                + random.nextLong(INSTALL_DELAY_MAX_SECONDS - INSTALL_DELAY_MIN_SECONDS + 1);
                    }
                }
            }
            long firstWindow = Math.floorDiv(waveStarted, WINDOW_SECONDS) * WINDOW_SECONDS;
            List<Arrivals> cohort = new ArrayList<>();
            List<Arrivals> control = new ArrayList<>();
            WaveResult result = null;
            Set<String> kindsBefore = Set.of();
            int flips = 0;
            int seen = 0;
            Set<String> seenKinds = new java.util.TreeSet<>();
            Boolean firstJudged = null;
            List<String> waitedBefore = List.of();
            for (int poll = 1; result == null; poll++) {
                long now = waveStarted + (long) poll * WINDOW_SECONDS;
                // Judged: windows that ended at least one window before the poll (AwaitDriftGate.evidence).
                long until = Math.floorDiv(now - WINDOW_SECONDS, WINDOW_SECONDS) * WINDOW_SECONDS;
                int windows = (int) ((until - firstWindow) / WINDOW_SECONDS);
                while (cohort.size() < windows) {
                    long start = firstWindow + (long) cohort.size() * WINDOW_SECONDS;
                    window(random, devices, cohortSize, start, newBins, oldBins, cohort, control);
                }
                List<WaveSnapshot> snapshots = WaveSnapshots.of(arrived(cohort, windows, NEW_VERSION, firstWindow),
                        ROLLOUT, Role.SERVING, arrived(control, windows, OLD_VERSION, firstWindow));
                GateEvidence evidence = new GateEvidence(snapshots, expected, baseline, previousBaseline, budgets,
                        false, Instant.ofEpochSecond(waveStarted), Instant.ofEpochSecond(now));
                GateVerdict verdict = GateEvaluator.judge(policy, evidence);
                if (verdict.findings() != null) {
                    verdict.findings().violations().forEach(v -> seenKinds.add(v.kind()));
                }
                Set<String> kinds = driftKinds(verdict);
                if (firstJudged == null && verdict.findings() != null
                        && verdict.findings().samples() >= policy.minSamples()) {
                    firstJudged = !kinds.isEmpty();
                }
                if (!kinds.isEmpty()) {
                    seen++;
                    if (!kindsBefore.isEmpty() && !kinds.equals(kindsBefore)) {
                        flips++;
                    }
                }
                kindsBefore = kinds;
                if (verdict.decision() != GateDecision.WAIT || windows >= fleet.maxWindows()) {
                    result = result(w, verdict, windows, flips, seen, seenKinds, firstJudged, waitedBefore);
                    waveStarted = now;
                }
                waitedBefore = verdict.waitingFor();
            }
            waves.add(result);
            if (result.decision() != GateDecision.PROMOTED) {
                break;
            }
        }
        return new Rollout(seed, waves);
    }

    private List<Device> fleet(SplittableRandom random) {
        int n = fleet.devices();
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            rank[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = rank[i];
            rank[i] = rank[j];
            rank[j] = t;
        }
        List<Device> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Device(i % TARGETS.size(), 0.5 + random.nextDouble(),
                    Math.exp(DEVICE_LATENCY_SIGMA * random.nextGaussian()), rank[i]));
        }
        return out;
    }

    /** Simulates one window of every device: the wave's on the new version (after install), the rest on the old. */
    private void window(SplittableRandom random, List<Device> devices, long cohortSize, long start,
                        List<FeatureBins> newBins, List<FeatureBins> oldBins, List<Arrivals> cohort,
                        List<Arrivals> control) {
        long end = start + WINDOW_SECONDS;
        int targets = TARGETS.size();
        Tally[][] cohortTallies = new Tally[targets][2];
        Tally[][] controlTallies = new Tally[targets][2];
        for (int t = 0; t < targets; t++) {
            for (int late = 0; late < 2; late++) {
                cohortTallies[t][late] = new Tally(newBins);
                controlTallies[t][late] = new Tally(oldBins);
            }
        }
        double[] none = new double[shift.length];
        for (Device d : devices) {
            double windowFactor = Math.exp(WINDOW_LATENCY_SIGMA * random.nextGaussian());
            boolean inWave = d.rank < cohortSize;
            long newFrom = inWave ? Math.max(start, d.installedAt) : end;
            if (newFrom > start) {
                // Before its install (or the whole window, outside the wave) the device serves the old version.
                Tally tally = controlTallies[d.target][random.nextDouble() < fleet.lateShare() ? 1 : 0];
                serve(random, d, Math.min(newFrom, end) - start, oldBins, drift.field() ? shift : none, windowFactor,
                        false, tally);
            }
            if (newFrom < end) {
                Tally tally = cohortTallies[d.target][random.nextDouble() < fleet.lateShare() ? 1 : 0];
                serve(random, d, end - newFrom, newBins, shift, windowFactor, true, tally);
            }
        }
        Instant at = Instant.ofEpochSecond(start);
        cohort.add(arrivals(cohortTallies, NEW_VERSION, ROLLOUT, at));
        control.add(arrivals(controlTallies, OLD_VERSION, OLD_ROLLOUT, at));
    }

    private static Arrivals arrivals(Tally[][] tallies, int version, String rollout, Instant at) {
        List<GroupTelemetry> onTime = new ArrayList<>();
        List<GroupTelemetry> late = new ArrayList<>();
        for (int t = 0; t < tallies.length; t++) {
            if (tallies[t][0].devices > 0) {
                onTime.add(tallies[t][0].group(TARGETS.get(t), version, rollout, at));
            }
            if (tallies[t][1].devices > 0) {
                late.add(tallies[t][1].group(TARGETS.get(t), version, rollout, at));
            }
        }
        return new Arrivals(onTime, late);
    }

    /** One device's inferences for {@code seconds} of a window on one version, counted into its record's tally. */
    private void serve(SplittableRandom random, Device d, long seconds, List<FeatureBins> bins, double[] delta,
                       double windowFactor, boolean newVersion, Tally tally) {
        tally.devices++;
        long n = poisson(random, fleet.inferencesPerWindow() * d.rate * seconds / WINDOW_SECONDS);
        double median = MEDIAN_MS[d.target] * d.latency * windowFactor;
        for (long k = 0; k < n; k++) {
            int row = random.nextInt(pool.size);
            for (int f = 0; f < bins.size(); f++) {
                double v = pool.values[f][row];
                if (delta[f] != 0) {
                    v = Math.round((v + delta[f]) * 1e4) / 1e4;
                }
                int slot = bins.get(f).slotOf(v);
                long[] s = tally.slots[f];
                int last = s.length - 3;
                switch (slot) {
                    case FeatureBins.UNDERFLOW -> s[last]++;
                    case FeatureBins.OVERFLOW -> s[last + 1]++;
                    case FeatureBins.MISSING -> s[last + 2]++;
                    default -> s[slot]++;
                }
            }
            tally.inferences++;
            boolean warm = newVersion && d.sinceInstall < swap.inferences();
            if (newVersion) {
                d.sinceInstall++;
            }
            if (random.nextDouble() < fleet.errorRate()) {
                tally.errors++; // its inputs are counted, its class and latency are not (WindowTally)
                continue;
            }
            tally.classes[pool.labels[row]]++;
            double ms = median * Math.exp(LATENCY_SIGMA * random.nextGaussian());
            if (warm) {
                ms *= swap.factor();
            }
            if (random.nextDouble() < SPIKE_SHARE) {
                ms *= 3 + 7 * random.nextDouble();
            }
            tally.latency[LatencyHistogram.bucketOf(Math.round(ms * 1e6))]++;
        }
    }

    /** The windows as the store holds them at a poll: records late by one poll are there from the next. */
    private static List<WindowTelemetry> arrived(List<Arrivals> windows, int judged, int version, long firstWindow) {
        List<WindowTelemetry> out = new ArrayList<>(judged);
        for (int i = 0; i < judged; i++) {
            Arrivals a = windows.get(i);
            List<GroupTelemetry> groups = new ArrayList<>(a.onTime());
            if (i < judged - 1) {
                for (GroupTelemetry late : a.late()) {
                    int same = -1;
                    for (int g = 0; g < groups.size(); g++) {
                        if (groups.get(g).sameGroup(late)) {
                            same = g;
                        }
                    }
                    if (same < 0) {
                        groups.add(late);
                    } else {
                        groups.set(same, groups.get(same).plus(late));
                    }
                }
            }
            out.add(new WindowTelemetry(version, Instant.ofEpochSecond(firstWindow + (long) i * WINDOW_SECONDS),
                    WINDOW_SECONDS, groups));
        }
        return out;
    }

    private static Set<String> driftKinds(GateVerdict v) {
        Set<String> out = new HashSet<>();
        if (v.findings() != null) {
            for (Findings.Violation violation : v.findings().violations()) {
                if (violation.kind().equals("drift") || violation.kind().equals("field-drift")) {
                    out.add(violation.kind());
                }
            }
        }
        return out;
    }

    private WaveResult result(int wave, GateVerdict v, int windows, int flips, int seen, Set<String> seenKinds,
                              Boolean firstJudged, List<String> waitedBefore) {
        Findings f = v.findings();
        DatasetDrift input = f == null ? null : f.inputDrift();
        DatasetDrift control = f == null ? null : f.controlDrift();
        List<String> reasons = v.decision() == GateDecision.WAIT ? v.waitingFor() : v.reasons();
        return new WaveResult(wave, v.decision(), windows, f == null ? 0 : f.samples(), reasons, v.hardFailure(),
                v.fieldDrift(), input == null ? 0 : input.drifted().size(), psi(input), psi(control), flips, seen,
                Set.copyOf(seenKinds), firstJudged, waitedBefore);
    }

    private double psi(DatasetDrift d) {
        if (d == null || watch == null) {
            return Double.NaN;
        }
        return d.feature(watch).map(DistributionDrift::psi).orElse(Double.NaN);
    }

    /** Poisson draws by Knuth's product of uniforms (means here are below 60), by a normal beyond. */
    static long poisson(SplittableRandom random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 60) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double p = random.nextDouble();
        long k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }
}
