package io.edgemlops.drift;

import java.util.Set;

/**
 * The limits of the drift rules.
 *
 * <p>A distribution drifts when its PSI reaches {@code psi} and its chi-square p-value is below the
 * significance level: {@code alpha} itself for the predicted classes, {@code alpha / features} for
 * each input feature (Bonferroni, so that {@code alpha} bounds the chance that any of the features
 * is flagged by noise). The dataset drifts when the share of drifted features reaches
 * {@code datasetShare}, or when any feature named in {@code critical} drifts.
 *
 * @param psi smallest PSI that counts as a shift (default 0.2, commonly read as a large shift)
 * @param alpha family-wise significance level over the features, before correction (default 0.01)
 * @param datasetShare share of drifted features, in (0, 1], at which the dataset drifts (default 0.5)
 * @param critical names of features whose drift alone is dataset drift (default none)
 */
public record DriftLimits(double psi, double alpha, double datasetShare, Set<String> critical) {

    /** PSI 0.2, alpha 0.01, share 0.5, no critical feature. */
    public static final DriftLimits DEFAULT = new DriftLimits(0.2, 0.01, 0.5, Set.of());

    public DriftLimits {
        if (!(psi > 0) || !Double.isFinite(psi)) {
            throw new IllegalArgumentException("PSI limit: must be a positive number, got " + psi);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha: must be between 0 and 1 (exclusive), got " + alpha);
        }
        if (!(datasetShare > 0 && datasetShare <= 1)) {
            throw new IllegalArgumentException("dataset drift share: must be in (0, 1], got " + datasetShare);
        }
        critical = critical == null ? Set.of() : Set.copyOf(critical);
    }

    /** These limits with {@code features} as the critical features. */
    public DriftLimits withCritical(Set<String> features) {
        return new DriftLimits(psi, alpha, datasetShare, features);
    }
}
