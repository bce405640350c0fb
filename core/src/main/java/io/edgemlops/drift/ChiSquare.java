package io.edgemlops.drift;

import java.util.List;

/**
 * Pearson's chi-square goodness-of-fit test of observed counts against the baseline's shares: is
 * the difference larger than sampling noise would make it? The significance beside PSI's effect
 * size: with a few hundred samples a large PSI can be noise, with millions a tiny one is
 * "significant"; a feature drifts only when both say so.
 *
 * <p>The expected count of a slot is {@code n · b_i}, with {@code b_i} the baseline's smoothed
 * share exactly as {@link PopulationStability} takes it, so a slot the baseline never saw has a
 * small positive expectation instead of a division by zero, and the expectations sum to {@code n}.
 * Slots empty on both sides are left out ({@link Slots}). The p-value is the upper tail of the
 * chi-square distribution with {@code k − 1} degrees of freedom ({@code k} slots kept), from the
 * regularized upper incomplete gamma function. The baseline's shares are taken as exact: the test
 * does not allow for the baseline's own sampling noise, one more reason it only guards PSI.
 *
 * @param statistic the chi-square statistic {@code Σ (O_i − E_i)² / E_i}
 * @param degreesOfFreedom slots kept − 1 (0 when fewer than two slots are kept)
 * @param pValue probability of a statistic at least this large if nothing drifted; 1 without data
 */
public record ChiSquare(double statistic, int degreesOfFreedom, double pValue) {

    /** The test of {@code observed} against {@code baseline} over the same slots. */
    public static ChiSquare test(List<Long> baseline, List<Long> observed) {
        if (baseline.size() != observed.size()) {
            throw new IllegalArgumentException("baseline has " + baseline.size() + " slots, observed " + observed.size());
        }
        return test(Slots.toArray(baseline), Slots.toArray(observed));
    }

    /** The test of {@code observed} against {@code baseline} over the same slots. */
    public static ChiSquare test(long[] baseline, long[] observed) {
        if (baseline.length != observed.length) {
            throw new IllegalArgumentException("baseline has " + baseline.length + " slots, observed " + observed.length);
        }
        return test(baseline, observed, baseline.length);
    }

    /** The test over the first {@code length} slots of both arrays. */
    static ChiSquare test(long[] baseline, long[] observed, int length) {
        Slots.check(baseline, observed, length);
        int kept = Slots.kept(baseline, observed, length);
        int dof = Math.max(kept - 1, 0);
        long baselineTotal = Slots.total(baseline, length);
        long n = Slots.total(observed, length);
        if (dof == 0 || n == 0 || baselineTotal == 0) {
            // No observation, no reference, or everything in one slot on both sides: nothing to reject.
            return new ChiSquare(0, dof, 1);
        }
        double denominator = PopulationStability.denominator(baselineTotal, kept);
        double statistic = 0;
        for (int i = 0; i < length; i++) {
            if (baseline[i] == 0 && observed[i] == 0) {
                continue;
            }
            double expected = n * PopulationStability.share(baseline[i], denominator);
            double d = observed[i] - expected;
            statistic += d * d / expected;
        }
        return new ChiSquare(statistic, dof, upperTail(statistic, dof));
    }

    /** P(X ≥ x) for X chi-square distributed with {@code dof} degrees of freedom. */
    public static double upperTail(double x, int dof) {
        if (x <= 0) {
            return 1;
        }
        return Gamma.regularizedUpper(dof / 2.0, x / 2.0);
    }
}
