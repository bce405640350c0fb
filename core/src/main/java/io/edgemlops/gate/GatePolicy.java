package io.edgemlops.gate;

import io.edgemlops.contract.AwaitDriftGateContract;
import io.edgemlops.contract.DurationText;
import io.edgemlops.drift.DriftLimits;
import java.time.Duration;
import java.util.Set;

/**
 * The limits a gate judges a wave by. Defaults come from {@link AwaitDriftGateContract}, so the step, the command and
 * the engine agree; {@code docs/drift.md} explains each.
 *
 * @param drift PSI and significance limits, the dataset share and the critical features
 * @param maxLatencyP95Ms latency budget for every target, or null for each target profile's own budget
 * @param maxLatencyIncrease largest p95 increase over the control group (0.2 is +20 %)
 * @param maxErrorRate largest share of failed inferences
 * @param minAgreement shadow waves: smallest share of agreeing predictions
 * @param minSamples fewest inferences of the new version before anything but a hard failure is judged
 * @param minDevices fewest devices reporting the new version (or all of the wave's, when it has fewer)
 * @param maxUnknownShare largest share of the wave's devices that may be silent when promoting
 * @param confirmWindows consecutive windows a soft violation (drift, slowdown) must show in before a rollback
 * @param soak least time a wave runs before it is promoted
 * @param timeout how long after a wave started the gate waits for a decision
 * @param pollInterval time between polls while waiting
 * @param onTimeout what a timeout does
 * @param onDataDrift what field drift (the control drifts too) does
 * @param autoAdvance keep judging wave after wave
 */
public record GatePolicy(DriftLimits drift, Double maxLatencyP95Ms, double maxLatencyIncrease, double maxErrorRate,
                         double minAgreement, long minSamples, long minDevices, double maxUnknownShare,
                         int confirmWindows, Duration soak, Duration timeout, Duration pollInterval,
                         OnTimeout onTimeout, OnDataDrift onDataDrift, boolean autoAdvance) {

    /** What a timeout does. */
    public enum OnTimeout {
        /** Leave the wave as it is for a person: decision HELD. */
        HOLD,
        /** Roll the wave back. */
        ROLLBACK,
        /** Fail the build, leave the rollout as it is. */
        FAIL
    }

    /** What field drift does. */
    public enum OnDataDrift {
        /** Stop the rollout and return its devices to the fleet's version. */
        ROLLBACK,
        /** Leave it for a person. */
        HOLD
    }

    public GatePolicy {
        if (confirmWindows < 1 || minSamples < 1 || minDevices < 1) {
            throw new IllegalArgumentException("confirmWindows, minSamples and minDevices must be at least 1");
        }
    }

    /** Every limit at its default. */
    public static GatePolicy defaults() {
        return new GatePolicy(new DriftLimits(AwaitDriftGateContract.DEFAULT_PSI_THRESHOLD,
                AwaitDriftGateContract.DEFAULT_ALPHA, AwaitDriftGateContract.DEFAULT_DRIFT_SHARE, Set.of()),
                null, AwaitDriftGateContract.DEFAULT_MAX_LATENCY_INCREASE, AwaitDriftGateContract.DEFAULT_MAX_ERROR_RATE,
                AwaitDriftGateContract.DEFAULT_MIN_AGREEMENT, AwaitDriftGateContract.DEFAULT_MIN_SAMPLES,
                AwaitDriftGateContract.DEFAULT_MIN_DEVICES, AwaitDriftGateContract.DEFAULT_MAX_UNKNOWN_SHARE,
                (int) AwaitDriftGateContract.DEFAULT_CONFIRM_WINDOWS,
                DurationText.parse(AwaitDriftGateContract.DEFAULT_SOAK),
                DurationText.parse(AwaitDriftGateContract.DEFAULT_TIMEOUT),
                DurationText.parse(AwaitDriftGateContract.DEFAULT_POLL_INTERVAL), OnTimeout.HOLD, OnDataDrift.ROLLBACK,
                false);
    }

    /** This policy with other drift limits. */
    public GatePolicy withDrift(DriftLimits limits) {
        return new GatePolicy(limits, maxLatencyP95Ms, maxLatencyIncrease, maxErrorRate, minAgreement, minSamples,
                minDevices, maxUnknownShare, confirmWindows, soak, timeout, pollInterval, onTimeout, onDataDrift,
                autoAdvance);
    }

    /** This policy with other evidence minimums and timing. */
    public GatePolicy withEvidence(long samples, long devices, Duration soakTime, int confirm) {
        return new GatePolicy(drift, maxLatencyP95Ms, maxLatencyIncrease, maxErrorRate, minAgreement, samples, devices,
                maxUnknownShare, confirm, soakTime, timeout, pollInterval, onTimeout, onDataDrift, autoAdvance);
    }
}
