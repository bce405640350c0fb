package io.edgemlops.runtime;

/**
 * Latency percentiles of repeated inference calls, in milliseconds.
 *
 * @param p50Ms median
 * @param p95Ms 95th percentile (nearest rank)
 * @param p99Ms 99th percentile (nearest rank)
 * @param meanMs arithmetic mean
 * @param iterations timed calls the figures are based on (warm-up excluded)
 */
public record LatencyStats(double p50Ms, double p95Ms, double p99Ms, double meanMs, int iterations) {

    /** Percentiles of raw samples in nanoseconds; the array is sorted in place. */
    public static LatencyStats ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no latency samples");
        }
        java.util.Arrays.sort(nanos);
        double sum = 0;
        for (long n : nanos) {
            sum += n;
        }
        return new LatencyStats(ms(percentile(nanos, 0.50)), ms(percentile(nanos, 0.95)),
                ms(percentile(nanos, 0.99)), sum / nanos.length / 1e6, nanos.length);
    }

    /** The same figures multiplied by {@code factor}, e.g. to project them onto a slower device. */
    public LatencyStats scaled(double factor) {
        return new LatencyStats(p50Ms * factor, p95Ms * factor, p99Ms * factor, meanMs * factor, iterations);
    }

    /** Nearest-rank percentile of sorted samples: the smallest sample with at least q of all samples at or below it. */
    static long percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
