package io.edgemlops.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The distribution of one feature on the baseline (holdout) data, the reference for drift.
 *
 * <p>Numeric features are binned over {@code binEdges} (n+1 ascending edges give n bins; values
 * below the first edge count as underflow, at or above the last as overflow). Categorical
 * features count per category in {@code categories}; unseen categories count as overflow.
 * Devices report counts over exactly these bins, so telemetry never carries raw data.
 *
 * @param name feature name
 * @param binEdges ascending edges of a numeric feature (empty for categorical)
 * @param categories categories of a categorical feature (empty for numeric)
 * @param counts count per bin or category
 * @param underflow numeric values below the first edge
 * @param overflow numeric values at or above the last edge, or unseen categories
 * @param missing empty or NaN values
 * @param mean mean of the present numeric values (0 for categorical)
 * @param std standard deviation of the present numeric values (0 for categorical)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record FeatureProfile(
        String name,
        List<Double> binEdges,
        List<String> categories,
        List<Long> counts,
        long underflow,
        long overflow,
        long missing,
        double mean,
        double std) {

    public FeatureProfile {
        binEdges = binEdges == null ? List.of() : List.copyOf(binEdges);
        categories = categories == null ? List.of() : List.copyOf(categories);
        counts = counts == null ? List.of() : List.copyOf(counts);
    }

    /** Total observations, missing included. */
    public long total() {
        long sum = underflow + overflow + missing;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }
}
