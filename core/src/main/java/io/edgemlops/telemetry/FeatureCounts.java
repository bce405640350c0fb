package io.edgemlops.telemetry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * How many of one feature's inputs fell into each of its {@link FeatureBins} during a window: the only
 * trace of inputs that telemetry carries. Counts of two windows, devices or records add up bin by bin
 * ({@link #plus}), which is how the gate merges a fleet.
 *
 * @param counts count per bin (numeric) or per category (categorical), in the bins' order
 * @param underflow numeric values below the first edge
 * @param overflow numeric values at or above the last edge, or unseen categories
 * @param missing missing values (null, NaN, empty...)
 */
public record FeatureCounts(List<Long> counts, long underflow, long overflow, long missing) {

    public FeatureCounts {
        counts = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(counts, "feature counts")));
        for (Long c : counts) {
            if (c == null || c < 0) {
                throw new IllegalArgumentException("feature counts must be non-negative, got " + counts);
            }
        }
        if (underflow < 0 || overflow < 0 || missing < 0) {
            throw new IllegalArgumentException("feature counts must be non-negative, got underflow " + underflow
                    + ", overflow " + overflow + ", missing " + missing);
        }
    }

    /** All zeros over {@code bins}. */
    public static FeatureCounts empty(FeatureBins bins) {
        return new FeatureCounts(Collections.nCopies(bins.binCount(), 0L), 0, 0, 0);
    }

    /** The counts of {@code rawValues} over {@code bins} (values as {@link FeatureBins#slotOf(Object)} takes them). */
    public static FeatureCounts of(FeatureBins bins, Object... rawValues) {
        FeatureTally tally = new FeatureTally(bins);
        for (Object raw : rawValues) {
            tally.count(raw);
        }
        return tally.counts();
    }

    /**
     * The counts of both.
     *
     * @throws IllegalArgumentException if the two were not counted over the same number of bins
     */
    public FeatureCounts plus(FeatureCounts other) {
        if (other.counts.size() != counts.size()) {
            throw new IllegalArgumentException("cannot add feature counts over " + counts.size() + " and "
                    + other.counts.size() + " bins");
        }
        List<Long> sum = new ArrayList<>(counts.size());
        for (int i = 0; i < counts.size(); i++) {
            sum.add(Math.addExact(counts.get(i), other.counts.get(i)));
        }
        return new FeatureCounts(sum, Math.addExact(underflow, other.underflow),
                Math.addExact(overflow, other.overflow), Math.addExact(missing, other.missing));
    }

    /** Every value counted, missing included. */
    public long total() {
        long sum = underflow + overflow + missing;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }
}
