package io.edgemlops.device;

import io.edgemlops.rollout.HealthPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Watches a freshly installed model for the health window of the desired state, from inferences
 * the device serves anyway: no network is needed to decide that it must go back.
 */
final class HealthWatch {

    private static final int MAX_SAMPLES = 10_000;

    private final HealthPolicy policy;
    private final Double latencyBudgetMs;
    private final Instant until;
    private long inferences;
    private long errors;
    private long[] latencies = new long[256];
    private int samples;
    private int overBudget;

    HealthWatch(HealthPolicy policy, String target, Instant start) {
        this.policy = policy;
        this.latencyBudgetMs = policy.maxLatencyP95Ms() == null ? null : policy.maxLatencyP95Ms().get(target);
        this.until = start.plus(Duration.ofSeconds(policy.windowSeconds()));
    }

    boolean watching(Instant now) {
        return now.isBefore(until);
    }

    void record(boolean error, long latencyNanos) {
        inferences++;
        if (error) {
            errors++;
        } else if (samples < MAX_SAMPLES) {
            if (samples == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[samples++] = latencyNanos;
            if (latencyBudgetMs != null && latencyNanos / 1e6 > latencyBudgetMs) {
                overBudget++;
            }
        }
    }

    /** Why the model must go back, or empty while it is healthy or too few inferences say otherwise. */
    Optional<String> verdict() {
        if (inferences < policy.minInferences()) {
            return Optional.empty();
        }
        double errorRate = (double) errors / inferences;
        if (errorRate > policy.maxErrorRate()) {
            return Optional.of(String.format(java.util.Locale.ROOT, "error rate %.3f over %d inferences exceeds %s",
                    errorRate, inferences, policy.maxErrorRate()));
        }
        // The nearest-rank p95 exceeds the budget exactly when more samples than the top 5 % do; counting them keeps
        // this check off the sort, which runs only to report the p95 once it has failed.
        if (latencyBudgetMs != null && samples > 0 && overBudget >= samples - (int) Math.ceil(0.95 * samples) + 1) {
            long[] sorted = Arrays.copyOf(latencies, samples);
            Arrays.sort(sorted);
            double p95 = sorted[Math.max(0, (int) Math.ceil(0.95 * samples) - 1)] / 1e6;
            if (p95 > latencyBudgetMs) {
                return Optional.of(String.format(java.util.Locale.ROOT, "latency p95 %.3f ms over %d inferences "
                        + "exceeds the budget of %s ms", p95, samples, latencyBudgetMs));
            }
        }
        return Optional.empty();
    }
}
