package io.edgemlops.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.data.DatasetProfile;
import io.edgemlops.data.DatasetProfiler;
import io.edgemlops.data.FeatureProfile;
import io.edgemlops.telemetry.FeatureBins;
import io.edgemlops.telemetry.FeatureCounts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * How often the drift rules raise a false alarm, and how often they catch a 0.5 σ shift, by sample size:
 * the measurement behind the gate's default minimum samples (docs/drift.md, "Power").
 *
 * <p>Each seed is one model version and one wave of telemetry. Its baseline is built as the engine's
 * profiler builds one: 16 standard normal features, decile edges from 2,000 training rows
 * ({@link DatasetProfiler#quantileEdges}), counts of holdout rows over those edges; 500 holdout rows is
 * what the default validation split of 0.2 leaves of 2,500 rows. Devices then count n inputs per feature
 * over the edges ({@link FeatureBins#slotOf}). Without drift every input is N(0, 1); with drift the
 * critical feature's inputs are N(0.5, 1). A wave counts as flagged when the dataset drifts.
 *
 * <p>The same draws are judged three ways: at the default limits against the 500-row baseline, at a
 * PSI limit of 0.15, and at the default limits against a 2,000-row baseline, because at the defaults
 * the baseline's own sampling noise, not n, limits detection (see the assertions).
 */
class DriftPowerTest {

    private static final int SEEDS = 400;
    private static final int FEATURES = 16;
    private static final int TRAINING_ROWS = 2_000;
    private static final int HOLDOUT_ROWS = 500;
    private static final int LARGE_HOLDOUT_ROWS = 2_000;
    private static final double SHIFT = 0.5;
    private static final int[] SAMPLES = {500, 1_000, 2_000, 4_000};
    private static final String CRITICAL = "f00";
    private static final double MAX_FALSE_ALARMS = 0.01;
    private static final double MIN_DETECTION = 0.95;

    /** One way of judging: limits and which baseline. */
    private record Setting(String label, DriftLimits limits, boolean largeBaseline) {
    }

    /**
     * False alarms and detections of one setting, per sample size, and per sample size and seed the
     * largest PSI among the features of a wave without drift.
     */
    private record Rates(Setting setting, int[] falseAlarms, int[] detections, double[][] largestQuietPsi) {

        double falseAlarmRate(int s) {
            return (double) falseAlarms[s] / SEEDS;
        }

        double detectionRate(int s) {
            return (double) detections[s] / SEEDS;
        }

        /** The smallest n meeting both goals. */
        OptionalInt smallestGoodSample() {
            for (int s = 0; s < SAMPLES.length; s++) {
                if (falseAlarmRate(s) <= MAX_FALSE_ALARMS && detectionRate(s) >= MIN_DETECTION) {
                    return OptionalInt.of(SAMPLES[s]);
                }
            }
            return OptionalInt.empty();
        }

        /** The 99th percentile over seeds of the largest no-drift PSI: how close noise comes to the limit. */
        double quietPsi99(int s) {
            double[] sorted = largestQuietPsi[s].clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.ceil(0.99 * SEEDS) - 1];
        }

        String table() {
            StringBuilder t = new StringBuilder(setting.label + " (" + SEEDS + " seeds)\n"
                    + "     n   false alarms   detection of a 0.5 σ shift   largest no-drift PSI, 99th percentile\n");
            for (int s = 0; s < SAMPLES.length; s++) {
                t.append(String.format(Locale.ROOT, "%6d   %8.2f %%     %8.2f %%                     %.3f%n",
                        SAMPLES[s], 100 * falseAlarmRate(s), 100 * detectionRate(s), quietPsi99(s)));
            }
            return t.toString();
        }
    }

    @Test
    void falseAlarmsAndDetectionBySampleSize() {
        DriftLimits defaults = DriftLimits.DEFAULT.withCritical(Set.of(CRITICAL));
        List<Setting> settings = List.of(
                new Setting("PSI 0.2, alpha 0.01, 500-row baseline (the defaults)", defaults, false),
                new Setting("PSI 0.15, alpha 0.01, 500-row baseline",
                        new DriftLimits(0.15, 0.01, 0.5, Set.of(CRITICAL)), false),
                new Setting("PSI 0.2, alpha 0.01, 2,000-row baseline", defaults, true));
        List<Rates> rates = measure(settings);
        StringBuilder report = new StringBuilder();
        rates.forEach(r -> report.append(r.table()).append('\n'));
        System.out.print(report);

        for (Rates r : rates) {
            for (int s = 0; s < SAMPLES.length; s++) {
                assertTrue(r.falseAlarmRate(s) <= MAX_FALSE_ALARMS, report.toString());
            }
        }
        // At the defaults a 0.5 σ shift is caught in about 9 waves of 10 whatever n: its PSI over deciles is
        // about 0.24 in the population, and a 500-row baseline moves the measured value by about ±0.04, so
        // one wave in ten lands under 0.2. More telemetry cannot remove the baseline's noise.
        Rates atDefaults = rates.get(0);
        assertEquals(OptionalInt.empty(), atDefaults.smallestGoodSample(), report.toString());
        for (int s = 0; s < SAMPLES.length; s++) {
            assertTrue(atDefaults.detectionRate(s) >= 0.85 && atDefaults.detectionRate(s) < MIN_DETECTION,
                    report.toString());
        }
        // A PSI limit of 0.15 meets both goals from the smallest n.
        assertEquals(OptionalInt.of(500), rates.get(1).smallestGoodSample(), report.toString());
        // A four times larger baseline lets more telemetry help: detection climbs with n and passes 95 % only
        // at the largest n (about 95 % at n = 2,000, within this measurement's noise of the goal).
        Rates largeBaseline = rates.get(2);
        assertTrue(largeBaseline.detectionRate(SAMPLES.length - 1) - largeBaseline.detectionRate(0) >= 0.04,
                report.toString());
        assertEquals(OptionalInt.of(4_000), largeBaseline.smallestGoodSample(), report.toString());
    }

    private static List<Rates> measure(List<Setting> settings) {
        List<Rates> rates = new ArrayList<>();
        for (Setting setting : settings) {
            rates.add(new Rates(setting, new int[SAMPLES.length], new int[SAMPLES.length],
                    new double[SAMPLES.length][SEEDS]));
        }
        for (int seed = 0; seed < SEEDS; seed++) {
            Wave wave = Wave.draw(new SplittableRandom(seed));
            for (Rates r : rates) {
                DatasetProfile baseline = r.setting.largeBaseline ? wave.largeBaseline : wave.baseline;
                for (int s = 0; s < SAMPLES.length; s++) {
                    DatasetDrift quiet = DriftJudge.features(baseline, wave.observed(s, false), r.setting.limits);
                    if (quiet.datasetDrifted()) {
                        r.falseAlarms[s]++;
                    }
                    r.largestQuietPsi[s][seed] = quiet.maxPsi();
                    if (DriftJudge.features(baseline, wave.observed(s, true), r.setting.limits).datasetDrifted()) {
                        r.detections[s]++;
                    }
                }
            }
        }
        return rates;
    }

    /** One model version's baselines and the counts its devices reported, at each sample size. */
    private static final class Wave {
        DatasetProfile baseline;
        DatasetProfile largeBaseline;
        // [sample size][feature]; the critical feature's shifted counts apart.
        final FeatureCounts[][] unshifted = new FeatureCounts[SAMPLES.length][FEATURES];
        final FeatureCounts[] shifted = new FeatureCounts[SAMPLES.length];

        static Wave draw(SplittableRandom random) {
            Wave wave = new Wave();
            List<FeatureProfile> small = new ArrayList<>(FEATURES);
            List<FeatureProfile> large = new ArrayList<>(FEATURES);
            List<FeatureBins> bins = new ArrayList<>(FEATURES);
            for (int f = 0; f < FEATURES; f++) {
                String name = String.format(Locale.ROOT, "f%02d", f);
                List<Double> edges = DatasetProfiler.quantileEdges(normals(random, TRAINING_ROWS), DatasetProfiler.DEFAULT_BINS);
                double[] holdout = normals(random, LARGE_HOLDOUT_ROWS);
                small.add(holdoutProfile(name, edges, Arrays.copyOf(holdout, HOLDOUT_ROWS)));
                large.add(holdoutProfile(name, edges, holdout));
                bins.add(FeatureBins.numeric(name, edges));
            }
            wave.baseline = new DatasetProfile(HOLDOUT_ROWS, small, Map.of());
            wave.largeBaseline = new DatasetProfile(LARGE_HOLDOUT_ROWS, large, Map.of());
            for (int f = 0; f < FEATURES; f++) {
                FeatureCounts[] prefixes = countPrefixes(bins.get(f), random, 0);
                for (int s = 0; s < SAMPLES.length; s++) {
                    wave.unshifted[s][f] = prefixes[s];
                }
            }
            System.arraycopy(countPrefixes(bins.get(0), random, SHIFT), 0, wave.shifted, 0, SAMPLES.length);
            return wave;
        }

        List<FeatureCounts> observed(int sampleSize, boolean shift) {
            List<FeatureCounts> observed = new ArrayList<>(Arrays.asList(unshifted[sampleSize]));
            if (shift) {
                observed.set(0, shifted[sampleSize]);
            }
            return observed;
        }
    }

    private static double[] normals(SplittableRandom random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }

    /** The holdout's counts over the training edges, as {@link DatasetProfiler} makes them. */
    private static FeatureProfile holdoutProfile(String name, List<Double> edges, double[] holdout) {
        long[] counts = new long[edges.size() - 1];
        long under = 0;
        long over = 0;
        for (double v : holdout) {
            int bin = DatasetProfiler.bin(edges, v);
            if (bin < 0) {
                under++;
            } else if (bin >= counts.length) {
                over++;
            } else {
                counts[bin]++;
            }
        }
        return new FeatureProfile(name, edges, List.of(), Arrays.stream(counts).boxed().toList(), under, over, 0, 0, 1);
    }

    /**
     * A device's counts over the largest sample size, taken also after the first n inputs of each smaller
     * size: the smaller samples are the start of the larger one, as a wave's telemetry grows.
     */
    private static FeatureCounts[] countPrefixes(FeatureBins bins, SplittableRandom random, double mean) {
        long[] counts = new long[bins.binCount()];
        long under = 0;
        long over = 0;
        FeatureCounts[] out = new FeatureCounts[SAMPLES.length];
        int next = 0;
        for (int i = 1; i <= SAMPLES[SAMPLES.length - 1]; i++) {
            int slot = bins.slotOf(mean + random.nextGaussian());
            if (slot == FeatureBins.UNDERFLOW) {
                under++;
            } else if (slot == FeatureBins.OVERFLOW) {
                over++;
            } else {
                counts[slot]++;
            }
            if (i == SAMPLES[next]) {
                out[next++] = new FeatureCounts(Arrays.stream(counts).boxed().toList(), under, over, 0);
            }
        }
        return out;
    }
}
