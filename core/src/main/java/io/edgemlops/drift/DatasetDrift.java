package io.edgemlops.drift;

import java.util.List;
import java.util.Optional;

/**
 * Every input feature against its baseline, and the dataset's verdict.
 *
 * @param features one judgement per feature, in schema order
 * @param drifted names of the drifted features, in schema order
 * @param criticalDrifted those of them marked critical
 * @param driftedShare drifted features / features (0 without features)
 * @param shareLimit the share at which the dataset drifts
 * @param datasetDrifted at least one feature drifted and the share reached its limit, or a critical feature drifted
 */
public record DatasetDrift(List<DistributionDrift> features, List<String> drifted, List<String> criticalDrifted,
                           double driftedShare, double shareLimit, boolean datasetDrifted) {

    public DatasetDrift {
        features = List.copyOf(features);
        drifted = List.copyOf(drifted);
        criticalDrifted = List.copyOf(criticalDrifted);
    }

    /** The judgement of the feature called {@code name}. */
    public Optional<DistributionDrift> feature(String name) {
        for (DistributionDrift f : features) {
            if (f.name().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Largest PSI over the features (0 without features): the headline number of a report. */
    public double maxPsi() {
        double max = 0;
        for (DistributionDrift f : features) {
            max = Math.max(max, f.psi());
        }
        return max;
    }
}
