package io.edgemlops.render;

/**
 * The limits the gate judged against, drawn beside the values. The gate's results do not repeat them, so the caller
 * (the step, which has its parameters; the report, which knows the run) gives them.
 *
 * @param psiThreshold    PSI at or above which a feature drifts
 * @param maxErrorRate    the largest error rate allowed, as a share (0.05 = 5 %)
 * @param maxLatencyP95Ms the p95 latency budget in ms, or null when the gate compares with the control only
 */
public record GateLimits(double psiThreshold, double maxErrorRate, Double maxLatencyP95Ms) {
}
