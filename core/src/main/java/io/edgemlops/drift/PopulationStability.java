package io.edgemlops.drift;

import java.util.List;

/**
 * The population stability index (PSI) of observed counts against baseline counts over the same
 * slots: {@code Σ (o_i − b_i) · ln(o_i / b_i)} over the slots' shares. It is an effect size: it says
 * how far the distribution moved, whatever the sample size (0.1 is commonly read as a moderate
 * shift, 0.2 as a large one).
 *
 * <p>An empty slot would make the logarithm infinite, so each share is smoothed: {@code (count +
 * 0.5) / (total + 0.5 · k)} over the {@code k} slots kept (additive smoothing with half a count per
 * slot). This keeps a single observation in a slot the baseline never saw from dominating the index
 * on small samples. Slots empty on both sides are left out ({@link Slots}), and when either side
 * has no counts at all there is nothing to compare: the index is 0.
 */
public final class PopulationStability {

    /** Pseudo-count added to every kept slot before shares are taken. */
    public static final double SMOOTHING = 0.5;

    private PopulationStability() {
    }

    /** The PSI of {@code observed} against {@code baseline}; both list the same slots in the same order. */
    public static double index(List<Long> baseline, List<Long> observed) {
        if (baseline.size() != observed.size()) {
            throw new IllegalArgumentException("baseline has " + baseline.size() + " slots, observed " + observed.size());
        }
        return index(Slots.toArray(baseline), Slots.toArray(observed));
    }

    /** The PSI of {@code observed} against {@code baseline}; both list the same slots in the same order. */
    public static double index(long[] baseline, long[] observed) {
        if (baseline.length != observed.length) {
            throw new IllegalArgumentException("baseline has " + baseline.length + " slots, observed " + observed.length);
        }
        return index(baseline, observed, baseline.length);
    }

    /** The PSI over the first {@code length} slots of both arrays; allocates nothing. */
    static double index(long[] baseline, long[] observed, int length) {
        Slots.check(baseline, observed, length);
        long baselineTotal = Slots.total(baseline, length);
        long observedTotal = Slots.total(observed, length);
        if (baselineTotal == 0 || observedTotal == 0) {
            return 0;
        }
        int kept = Slots.kept(baseline, observed, length);
        double baselineDenominator = denominator(baselineTotal, kept);
        double observedDenominator = denominator(observedTotal, kept);
        double psi = 0;
        for (int i = 0; i < length; i++) {
            if (baseline[i] == 0 && observed[i] == 0) {
                continue;
            }
            double b = share(baseline[i], baselineDenominator);
            double o = share(observed[i], observedDenominator);
            psi += (o - b) * Math.log(o / b);
        }
        return psi;
    }

    /** The denominator of the smoothed shares of counts summing to {@code total} over {@code kept} slots. */
    static double denominator(long total, int kept) {
        return total + SMOOTHING * kept;
    }

    /** The smoothed share of one slot. */
    static double share(long count, double denominator) {
        return (count + SMOOTHING) / denominator;
    }
}
