package io.edgemlops.gate;

import io.edgemlops.drift.DatasetDrift;
import io.edgemlops.drift.DistributionDrift;
import java.util.List;
import java.util.Map;

/**
 * What the gate measured on one snapshot, each value beside its limit, before any decision.
 *
 * @param samples inferences of the new version
 * @param inputDrift the new version's inputs against its training baseline; null without feature counts
 * @param controlDrift the control's inputs against the previous baseline; null without control or baseline
 * @param predictionDrift predicted classes against the baseline's; null for regression or without counts
 * @param latency target → latency finding
 * @param errors the new version's error rate
 * @param controlErrors the control's error rate, or null without control
 * @param agreement shadow waves: agreement with the serving version; null otherwise
 * @param devices device accounting
 * @param violations the soft violations (drift, slowdown, disagreement) seen on this snapshot, one sentence each
 * @param fieldDrift whether the drift of the new version's inputs shows on the control too
 */
public record Findings(long samples, DatasetDrift inputDrift, DatasetDrift controlDrift,
                       DistributionDrift predictionDrift, Map<String, LatencyFinding> latency, RateFinding errors,
                       RateFinding controlErrors, RateFinding agreement, DeviceAccounting devices,
                       List<Violation> violations, boolean fieldDrift) {

    public Findings {
        latency = Map.copyOf(latency);
        violations = List.copyOf(violations);
    }

    /** A soft violation: its kind (to confirm the same kind over windows) and its sentence. */
    public record Violation(String kind, String reason) {
    }

    /**
     * Latency of one target.
     *
     * @param target target profile
     * @param samples latency samples of the new version
     * @param p50Ms p50 in milliseconds
     * @param p95Ms p95 in milliseconds
     * @param p99Ms p99 in milliseconds
     * @param controlP50Ms the control's p50 in the same windows, or null without a control
     * @param controlP95Ms the control's p95 in the same windows, or null without a control
     * @param budgetP95Ms the p95 budget
     * @param maxIncrease the largest increase over the control (0.2 is +20 %)
     */
    public record LatencyFinding(String target, long samples, double p50Ms, double p95Ms, double p99Ms,
                                 Double controlP50Ms, Double controlP95Ms, double budgetP95Ms,
                                 double maxIncrease) {

        /** Over the target's budget. */
        public boolean overBudget() {
            return samples > 0 && p95Ms > budgetP95Ms;
        }

        /**
         * Slower than the control by more than allowed, at the median and at p95 alike. A heavier model moves the
         * whole distribution; a model's first calls after a swap, or a busy moment of a few devices, move only the
         * tail, and are not what this check is for (measured: a version identical in cost to its control showed a
         * p95 41 % higher than its control in the windows right after the swap).
         */
        public boolean slowerThanControl() {
            return controlP95Ms != null && controlP50Ms != null && samples > 0
                    && p95Ms > controlP95Ms * (1 + maxIncrease) && p50Ms > controlP50Ms * (1 + maxIncrease);
        }

        /** Over budget, and the control in the same windows is not as slow: the whole target is not to blame. */
        public boolean overBudgetAlone() {
            return overBudget() && (controlP95Ms == null || p95Ms > controlP95Ms * (1 + maxIncrease));
        }
    }

    /**
     * A rate with its 95 % Wilson interval.
     *
     * @param events failures (or agreements)
     * @param trials trials
     * @param lower lower bound
     * @param upper upper bound
     * @param limit the limit it is judged against
     */
    public record RateFinding(long events, long trials, double lower, double upper, double limit) {

        /** events / trials, 0 without trials. */
        public double rate() {
            return trials == 0 ? 0 : (double) events / trials;
        }
    }

    /**
     * Which of the wave's devices are accounted for, in the latest window.
     *
     * @param expected devices the wave reaches
     * @param reporting devices that reported the new version
     * @param healthy of those, devices with an ok health and a passed self-test
     * @param refused devices that refused the new version (download, signature or self-test failed), as the
     *     previous version's records report it
     * @param reverted devices that went back from the new version by themselves (their local health watch), as the
     *     new version's records report it
     */
    public record DeviceAccounting(long expected, long reporting, long healthy, long refused, long reverted) {

        /** Share of the expected devices not reporting the new version. */
        public double unknownShare() {
            return expected == 0 ? 0 : Math.max(0, expected - reporting) / (double) expected;
        }
    }
}
