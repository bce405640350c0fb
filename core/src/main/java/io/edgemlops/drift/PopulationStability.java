package io.edgemlops.drift;

import java.util.List;

/**
 * The population stability index (PSI) of observed counts against baseline counts over the same
 * bins: {@code Σ (o_i − b_i) · ln(o_i / b_i)} over the bins' shares. It is an effect size: it says
 * how far the distribution moved, whatever the sample size (0.1 is commonly read as a moderate
 * shift, 0.2 as a large one).
 *
 * <p>An empty bin would make the logarithm infinite, so each share is smoothed: {@code (count +
 * 0.5) / (total + 0.5 · bins)} (additive smoothing with half a count per bin). This keeps a single
 * observation in a bin the baseline never saw from dominating the index on small samples.
 */
public final class PopulationStability {

    /** Pseudo-count added to every bin before shares are taken. */
    public static final double SMOOTHING = 0.5;

    private PopulationStability() {
    }

    /** The PSI of {@code observed} against {@code baseline}; both list the same bins in the same order. */
    public static double index(List<Long> baseline, List<Long> observed) {
        if (baseline.size() != observed.size()) {
            throw new IllegalArgumentException("baseline has " + baseline.size() + " bins, observed " + observed.size());
        }
        if (baseline.isEmpty()) {
            return 0;
        }
        double[] b = shares(baseline);
        double[] o = shares(observed);
        double psi = 0;
        for (int i = 0; i < b.length; i++) {
            psi += (o[i] - b[i]) * Math.log(o[i] / b[i]);
        }
        return psi;
    }

    /** Smoothed shares of counts. */
    static double[] shares(List<Long> counts) {
        double total = 0;
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("negative count " + c);
            }
            total += c;
        }
        double denominator = total + SMOOTHING * counts.size();
        double[] shares = new double[counts.size()];
        for (int i = 0; i < shares.length; i++) {
            shares[i] = (counts.get(i) + SMOOTHING) / denominator;
        }
        return shares;
    }
}
