package io.edgemlops.monitor;

import io.edgemlops.contract.AwaitDriftGateContract;
import io.edgemlops.contract.MonitorFieldDriftContract;
import io.edgemlops.drift.DriftLimits;
import java.util.Set;

/**
 * The limits of the field monitor: the drift gate's statistics and the least evidence it judges on. Defaults are the
 * gate's ({@link AwaitDriftGateContract}), so a shift the gate would call drift on a wave is drift in the field too,
 * except the share of drifted features, which is lower ({@link MonitorFieldDriftContract#DEFAULT_DRIFT_SHARE}): a
 * retraining is cheaper than a rollback.
 *
 * @param drift PSI and significance limits, the share of drifted features that makes dataset drift, critical features
 * @param minSamples fewest inferences over the span before anything is judged
 * @param minDevices fewest devices reporting in one window before anything is judged; also what a single target needs
 *     before its own drift counts
 */
public record FieldDriftPolicy(DriftLimits drift, long minSamples, long minDevices) {

    public FieldDriftPolicy {
        if (drift == null) {
            throw new IllegalArgumentException("drift limits are required");
        }
        if (minSamples < 1 || minDevices < 1) {
            throw new IllegalArgumentException("minSamples and minDevices must be at least 1, got " + minSamples
                    + " and " + minDevices);
        }
    }

    /** Every limit at the monitor's default. */
    public static FieldDriftPolicy defaults() {
        return new FieldDriftPolicy(new DriftLimits(AwaitDriftGateContract.DEFAULT_PSI_THRESHOLD,
                AwaitDriftGateContract.DEFAULT_ALPHA, MonitorFieldDriftContract.DEFAULT_DRIFT_SHARE, Set.of()),
                AwaitDriftGateContract.DEFAULT_MIN_SAMPLES, AwaitDriftGateContract.DEFAULT_MIN_DEVICES);
    }
}
