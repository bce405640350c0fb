package io.edgemlops.monitor;

import java.time.Instant;
import java.util.List;

/**
 * One run of the field monitor: whether the inputs of the version in production drifted across a fleet over a span,
 * with every number behind the answer. Stored as JSON under {@code fleets/<fleet>/monitor/<model>/<time>.json}
 * ({@link MonitorKeys}), so that a retraining it triggers can cite it.
 *
 * @param schemaVersion format version, {@value #SCHEMA_VERSION}
 * @param fleet the fleet
 * @param model the model
 * @param version the version judged, or null when there was none (no version under the alias asked for)
 * @param since the span looked back over, as text ({@code 24h})
 * @param from start of the span: windows that start at or after it count
 * @param to end of the span (the time of the run): windows that start before it count
 * @param drifted whether the field drifted: the inputs across the fleet, or of one target with enough evidence of its
 *     own, drift against the version's training baseline; never true without enough data
 * @param judged false when there was not enough data to judge (then {@code drifted} is false and the reasons say why)
 * @param summary one line for people
 * @param reasons one sentence per finding, each value beside its limit
 * @param samples inferences of the version's serving devices over the span, failed ones included
 * @param devicesReporting the largest number of devices that reported in one window (see {@link FieldTelemetry})
 * @param windows telemetry windows with serving records
 * @param perFeature every input feature against the baseline, in schema order (empty when not judged)
 * @param driftedFeatures the features that drifted across the fleet
 * @param predictionDrift the predicted classes against the baseline's; null for regression or when not judged
 * @param perTarget each target profile's own evidence and verdict
 * @param policy the limits judged by
 */
public record FieldDriftReport(int schemaVersion, String fleet, String model, Integer version, String since,
                               Instant from, Instant to, boolean drifted, boolean judged, String summary,
                               List<String> reasons, long samples, long devicesReporting, int windows,
                               List<FeatureDrift> perFeature, List<String> driftedFeatures,
                               PredictionDrift predictionDrift, List<TargetDrift> perTarget, FieldDriftPolicy policy) {

    /** The format's version. */
    public static final int SCHEMA_VERSION = 1;

    public FieldDriftReport {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        perFeature = perFeature == null ? List.of() : List.copyOf(perFeature);
        driftedFeatures = driftedFeatures == null ? List.of() : List.copyOf(driftedFeatures);
        perTarget = perTarget == null ? List.of() : List.copyOf(perTarget);
    }

    /**
     * One input feature across the fleet.
     *
     * @param feature its name
     * @param psi population stability index against the baseline
     * @param pValue chi-square p-value (the limit is alpha divided by the number of features)
     * @param drifted PSI reached its limit and the p-value is below the corrected alpha
     * @param critical named in {@code criticalFeatures}: its drift alone is dataset drift
     */
    public record FeatureDrift(String feature, double psi, double pValue, boolean drifted, boolean critical) {
    }

    /**
     * The predicted classes across the fleet. Reported, but not by itself field drift: more predicted failures may
     * be more failures, and the monitor has no labels to tell.
     *
     * @param psi population stability index against the baseline's predicted classes
     * @param pValue chi-square p-value (the limit is alpha: one test)
     * @param drifted PSI reached its limit and the p-value is below alpha
     */
    public record PredictionDrift(double psi, double pValue, boolean drifted) {
    }

    /**
     * One target profile's devices.
     *
     * @param target the profile
     * @param samples its inferences over the span
     * @param devices the largest number of its devices that reported in one window
     * @param drifted its inputs drift as a dataset; judged only with {@code minSamples} inferences and
     *     {@code minDevices} devices of its own
     * @param driftedFeatures the features that drifted on it (empty when not judged)
     */
    public record TargetDrift(String target, long samples, long devices, boolean drifted,
                              List<String> driftedFeatures) {

        public TargetDrift {
            driftedFeatures = driftedFeatures == null ? List.of() : List.copyOf(driftedFeatures);
        }
    }
}
