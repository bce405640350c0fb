package io.edgemlops.drift;

import io.edgemlops.data.DatasetProfile;
import io.edgemlops.data.FeatureProfile;
import io.edgemlops.telemetry.FeatureCounts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges observed telemetry against a model version's baseline: per input feature, for the predicted
 * classes, and for the dataset as a whole.
 *
 * <p>The rule for one distribution: PSI (the effect size) must reach its limit <em>and</em> the
 * chi-square p-value (the significance) must be below alpha. PSI decides whether a shift matters; the
 * test only keeps a large PSI measured on a handful of samples from counting. On a large fleet every
 * test is significant, so a tiny shift never drifts on significance alone.
 *
 * <p>Slots: a numeric feature is compared over its bins, then underflow, overflow and missing; a
 * categorical one over its categories, then underflow (always empty, so left out), overflow (unseen
 * categories) and missing. The baseline's {@link FeatureProfile} and the devices' {@link FeatureCounts}
 * carry exactly these. Pure and allocation-light: the gate runs this every poll.
 */
public final class DriftJudge {

    /** The name of the predicted-class distribution in a {@link DistributionDrift}. */
    public static final String PREDICTIONS = "predictions";

    private DriftJudge() {
    }

    /**
     * Every feature of the baseline against the observed counts, with alpha Bonferroni-corrected over
     * the features, and the dataset's verdict.
     *
     * @param baseline the model version's profile
     * @param observed counts per feature in the baseline's order, or an empty list when nothing was observed
     * @throws IllegalArgumentException if the observed counts do not match the baseline's features or bins,
     *     or a critical feature is not a feature of the baseline (a typo would silently disable the rule)
     */
    public static DatasetDrift features(DatasetProfile baseline, List<FeatureCounts> observed, DriftLimits limits) {
        List<FeatureProfile> profiles = baseline.features();
        if (!observed.isEmpty() && observed.size() != profiles.size()) {
            throw new IllegalArgumentException("the baseline has " + profiles.size() + " features, the telemetry "
                    + observed.size());
        }
        checkCritical(profiles, limits.critical());
        int features = profiles.size();
        double alpha = features == 0 ? limits.alpha() : limits.alpha() / features;
        int widest = 0;
        for (FeatureProfile p : profiles) {
            widest = Math.max(widest, slots(p));
        }
        long[] expected = new long[widest];
        long[] seen = new long[widest];
        List<DistributionDrift> judged = new ArrayList<>(features);
        List<String> drifted = new ArrayList<>();
        List<String> criticalDrifted = new ArrayList<>();
        for (int i = 0; i < features; i++) {
            FeatureProfile profile = profiles.get(i);
            int length = fillBaseline(profile, expected);
            fillObserved(profile, observed.isEmpty() ? null : observed.get(i), seen, length);
            DistributionDrift d = judge(profile.name(), expected, seen, length, limits.psi(), alpha);
            judged.add(d);
            if (d.drifted()) {
                drifted.add(d.name());
                if (limits.critical().contains(d.name())) {
                    criticalDrifted.add(d.name());
                }
            }
        }
        double share = features == 0 ? 0 : (double) drifted.size() / features;
        boolean datasetDrifted = (!drifted.isEmpty() && share >= limits.datasetShare()) || !criticalDrifted.isEmpty();
        return new DatasetDrift(judged, drifted, criticalDrifted, share, limits.datasetShare(), datasetDrifted);
    }

    /**
     * The predicted classes against the baseline's, at {@code limits.alpha()} uncorrected (one test).
     * Classes are the baseline's, in its order, then any class only the devices predicted; a class
     * missing from a map counts 0.
     */
    public static DistributionDrift predictions(Map<String, Long> baselineClassCounts, Map<String, Long> observed,
                                                DriftLimits limits) {
        Set<String> classes = new LinkedHashSet<>(baselineClassCounts.keySet());
        classes.addAll(observed.keySet());
        long[] expected = new long[classes.size()];
        long[] seen = new long[classes.size()];
        int i = 0;
        for (String c : classes) {
            expected[i] = count(baselineClassCounts, c);
            seen[i] = count(observed, c);
            i++;
        }
        return judge(PREDICTIONS, expected, seen, expected.length, limits.psi(), limits.alpha());
    }

    /**
     * One distribution over the same slots on both sides, at the given limits ({@code alpha} already
     * corrected, if it needs to be).
     */
    public static DistributionDrift compare(String name, long[] baseline, long[] observed, double psiLimit,
                                            double alpha) {
        if (baseline.length != observed.length) {
            throw new IllegalArgumentException(name + ": the baseline has " + baseline.length + " slots, the telemetry "
                    + observed.length);
        }
        return judge(name, baseline, observed, baseline.length, psiLimit, alpha);
    }

    private static DistributionDrift judge(String name, long[] baseline, long[] observed, int length, double psiLimit,
                                           double alpha) {
        long samples = Slots.total(observed, length);
        double psi = PopulationStability.index(baseline, observed, length);
        ChiSquare test = ChiSquare.test(baseline, observed, length);
        boolean drifted = psi >= psiLimit && test.pValue() < alpha;
        return new DistributionDrift(name, samples, psi, test.statistic(), test.degreesOfFreedom(), test.pValue(),
                psiLimit, alpha, drifted);
    }

    /** Slots of a feature: its bins or categories, then underflow, overflow and missing. */
    private static int slots(FeatureProfile profile) {
        return profile.counts().size() + 3;
    }

    private static int fillBaseline(FeatureProfile profile, long[] into) {
        List<Long> counts = profile.counts();
        int bins = counts.size();
        for (int i = 0; i < bins; i++) {
            into[i] = counts.get(i);
        }
        into[bins] = profile.underflow();
        into[bins + 1] = profile.overflow();
        into[bins + 2] = profile.missing();
        return bins + 3;
    }

    private static void fillObserved(FeatureProfile profile, FeatureCounts counts, long[] into, int length) {
        if (counts == null) {
            Arrays.fill(into, 0, length, 0L);
            return;
        }
        int bins = counts.counts().size();
        if (bins != profile.counts().size()) {
            throw new IllegalArgumentException("feature " + profile.name() + ": the baseline has "
                    + profile.counts().size() + " bins, the telemetry " + bins);
        }
        for (int i = 0; i < bins; i++) {
            into[i] = counts.counts().get(i);
        }
        into[bins] = counts.underflow();
        into[bins + 1] = counts.overflow();
        into[bins + 2] = counts.missing();
    }

    private static void checkCritical(List<FeatureProfile> profiles, Set<String> critical) {
        for (String name : critical) {
            boolean known = false;
            for (FeatureProfile p : profiles) {
                known |= p.name().equals(name);
            }
            if (!known) {
                throw new IllegalArgumentException("critical feature '" + name + "' is not a feature of the baseline "
                        + profiles.stream().map(FeatureProfile::name).toList());
            }
        }
    }

    private static long count(Map<String, Long> counts, String name) {
        Long c = counts.get(name);
        return c == null ? 0 : c;
    }
}
