package io.edgemlops.drift;

import java.util.List;

/**
 * Pearson's chi-square goodness-of-fit test of observed counts against the baseline's shares: is
 * the difference larger than sampling noise would make it? The significance beside PSI's effect
 * size: with a few hundred samples a large PSI can be noise, with millions a tiny one is
 * "significant"; a feature drifts only when both say so.
 *
 * <p>Expected counts come from the smoothed baseline shares ({@link PopulationStability#shares}),
 * so a bin the baseline never saw has a small positive expectation instead of dividing by zero.
 * The p-value is the upper tail of the chi-square distribution with {@code bins − 1} degrees of
 * freedom, computed with the regularized incomplete gamma function.
 *
 * @param statistic the chi-square statistic
 * @param degreesOfFreedom bins − 1
 * @param pValue probability of a statistic at least this large if nothing drifted
 */
public record ChiSquare(double statistic, int degreesOfFreedom, double pValue) {

    /** The test of {@code observed} against {@code baseline} over the same bins. */
    public static ChiSquare test(List<Long> baseline, List<Long> observed) {
        if (baseline.size() != observed.size()) {
            throw new IllegalArgumentException("baseline has " + baseline.size() + " bins, observed " + observed.size());
        }
        int dof = baseline.size() - 1;
        long n = 0;
        for (long c : observed) {
            n += c;
        }
        if (dof < 1 || n == 0) {
            return new ChiSquare(0, Math.max(dof, 0), 1);
        }
        double[] shares = PopulationStability.shares(baseline);
        double statistic = 0;
        for (int i = 0; i < shares.length; i++) {
            double expected = shares[i] * n;
            double d = observed.get(i) - expected;
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
