package io.edgemlops.rollout;

/**
 * What a device watches by itself after installing a new model, connected or not: when in the
 * first {@code windowSeconds} the error rate or the p95 latency exceeds its limit, it goes back to
 * its previous model and reports why when it can.
 *
 * @param windowSeconds how long after a swap the device watches
 * @param minInferences the fewest inferences before a judgement (fewer prove nothing)
 * @param maxErrorRate largest share of failed inferences
 * @param maxLatencyP95Ms per target profile, the largest p95 latency in milliseconds (the profile's budget)
 */
public record HealthPolicy(long windowSeconds, long minInferences, double maxErrorRate,
                           java.util.Map<String, Double> maxLatencyP95Ms) {

    public static final long DEFAULT_WINDOW_SECONDS = 1800;
    public static final long DEFAULT_MIN_INFERENCES = 50;
    public static final double DEFAULT_MAX_ERROR_RATE = 0.05;
}
