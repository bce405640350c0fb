package io.edgemlops.telemetry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Inference latencies of a window in fixed log-spaced buckets: small, mergeable by adding counts, and
 * precise enough for a p95 gate.
 *
 * <p>Bucket {@code i} (0..{@value #BUCKETS}-1) starts at {@code 1000 · 2^(i/8)} ns: eight buckets per
 * doubling, growth factor 2^(1/8) ≈ 1.0905, from 1 µs to about 103.5 s. Bucket 0 also takes everything
 * below 1 µs; the last bucket takes everything from 103.5 s up. The boundaries are fixed, so any two
 * histograms add up bucket by bucket, whichever device or language produced them.
 *
 * <p>A percentile is the geometric middle ({@code lower · 2^(1/16)}) of the bucket holding the sample of
 * nearest rank {@code ceil(p · n / 100)}. For samples between 1 µs and 103.5 s it is within
 * {@link #RELATIVE_ERROR} (2^(1/16) - 1 ≈ 4.4 %) of the exact nearest-rank percentile.
 *
 * <p>JSON keeps only the non-empty buckets, as two parallel arrays in ascending bucket order:
 * {@code {"buckets":[70,71,75],"counts":[12,30,1]}}.
 *
 * @param buckets indices of the non-empty buckets, strictly ascending
 * @param counts count of each of those buckets, all positive
 */
public record LatencyHistogram(List<Integer> buckets, List<Long> counts) {

    /** Number of buckets. */
    public static final int BUCKETS = 214;
    /** Buckets per doubling of latency. */
    public static final int BUCKETS_PER_DOUBLING = 8;
    /** Largest relative error of a percentile for samples in 1 µs .. 103.5 s: 2^(1/16) - 1. */
    public static final double RELATIVE_ERROR = Math.pow(2, 1.0 / (2 * BUCKETS_PER_DOUBLING)) - 1;
    /** The histogram of no samples. */
    public static final LatencyHistogram EMPTY = new LatencyHistogram(List.of(), List.of());

    private static final double FIRST_EDGE_NANOS = 1000;
    // LOWER[i] is where bucket i starts; bucket 0 also takes what is below LOWER[0] (1 µs).
    private static final double[] LOWER = new double[BUCKETS];

    static {
        for (int i = 0; i < BUCKETS; i++) {
            LOWER[i] = FIRST_EDGE_NANOS * Math.pow(2, (double) i / BUCKETS_PER_DOUBLING);
        }
    }

    public LatencyHistogram {
        buckets = Collections.unmodifiableList(new ArrayList<>(buckets));
        counts = Collections.unmodifiableList(new ArrayList<>(counts));
        if (buckets.size() != counts.size()) {
            throw new IllegalArgumentException("latency histogram: " + buckets.size() + " buckets but "
                    + counts.size() + " counts");
        }
        for (int i = 0; i < buckets.size(); i++) {
            Integer b = buckets.get(i);
            if (b == null || b < 0 || b >= BUCKETS || (i > 0 && b <= buckets.get(i - 1))) {
                throw new IllegalArgumentException("latency histogram: buckets must be strictly ascending in 0.."
                        + (BUCKETS - 1) + ", got " + buckets);
            }
            Long c = counts.get(i);
            if (c == null || c <= 0) {
                throw new IllegalArgumentException("latency histogram: counts must be positive (only non-empty "
                        + "buckets are listed), got " + counts);
            }
        }
    }

    /** The histogram of these latencies. */
    public static LatencyHistogram of(long... nanos) {
        LatencyRecorder recorder = new LatencyRecorder();
        for (long n : nanos) {
            recorder.record(n);
        }
        return recorder.histogram();
    }

    /** The bucket a latency falls into. */
    public static int bucketOf(long nanos) {
        // Binary search on the table rather than a logarithm: the boundaries are exactly LOWER, no rounding.
        int lo = 0;
        int hi = BUCKETS - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (nanos >= LOWER[mid]) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Where bucket {@code i} starts, in nanoseconds: {@code 1000 · 2^(i/8)}. */
    public static double lowerBoundNanos(int bucket) {
        return LOWER[bucket];
    }

    /** The value a percentile reports for bucket {@code i}: its geometric middle, {@code lower · 2^(1/16)}. */
    public static double representativeNanos(int bucket) {
        return LOWER[bucket] * (1 + RELATIVE_ERROR);
    }

    /** Samples counted. */
    public long count() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    /**
     * The {@code percent} percentile in milliseconds (see the class comment for its error bound), or NaN
     * when there are no samples.
     *
     * @param percent in (0, 100]
     */
    public double percentileMillis(double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percent);
        }
        long n = count();
        if (n == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, Math.min(n, (long) Math.ceil(percent * n / 100)));
        long seen = 0;
        int i = 0;
        while (seen + counts.get(i) < rank) {
            seen += counts.get(i);
            i++;
        }
        return representativeNanos(buckets.get(i)) / 1e6;
    }

    /**
     * The {@code percent} percentile in milliseconds, placed inside its bucket by the rank's position among the
     * bucket's samples (log-linear: the samples taken as spread evenly over the bucket's logarithmic width), or NaN
     * when there are no samples. For comparing two histograms (the drift gate's new version against its control):
     * the ratio of two {@link #percentileMillis} values only takes the steps {@code 2^(k/8)} (+9.1 %, +18.9 %,
     * +29.7 %...), so a true difference of 13 % reads as 0 %, +9.1 % or +18.9 % and one of 19 % as +29.7 %. This
     * value is still inside the bucket holding the exact percentile: within {@code 2^(1/8) - 1} (9.1 %) of it.
     *
     * @param percent in (0, 100]
     */
    public double interpolatedPercentileMillis(double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percent);
        }
        long n = count();
        if (n == 0) {
            return Double.NaN;
        }
        double rank = Math.max(1, Math.min(n, percent * n / 100));
        long seen = 0;
        int i = 0;
        while (i < counts.size() - 1 && seen + counts.get(i) < rank) {
            seen += counts.get(i);
            i++;
        }
        // The bucket's c samples sit at the middles of c equal slices of its width: the k-th (1-based) at (k - 0.5) / c.
        double within = Math.max(0, Math.min(1, (rank - seen - 0.5) / counts.get(i)));
        return LOWER[buckets.get(i)] * Math.pow(2, within / BUCKETS_PER_DOUBLING) / 1e6;
    }

    /** Median in ms (NaN when empty). */
    public double p50Millis() {
        return percentileMillis(50);
    }

    /** 95th percentile in ms (NaN when empty). */
    public double p95Millis() {
        return percentileMillis(95);
    }

    /** 99th percentile in ms (NaN when empty). */
    public double p99Millis() {
        return percentileMillis(99);
    }

    /** The histogram of both sets of samples. */
    public LatencyHistogram plus(LatencyHistogram other) {
        List<Integer> b = new ArrayList<>();
        List<Long> c = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < buckets.size() || j < other.buckets.size()) {
            int mine = i < buckets.size() ? buckets.get(i) : Integer.MAX_VALUE;
            int theirs = j < other.buckets.size() ? other.buckets.get(j) : Integer.MAX_VALUE;
            if (mine == theirs) {
                b.add(mine);
                c.add(Math.addExact(counts.get(i++), other.counts.get(j++)));
            } else if (mine < theirs) {
                b.add(mine);
                c.add(counts.get(i++));
            } else {
                b.add(theirs);
                c.add(other.counts.get(j++));
            }
        }
        return new LatencyHistogram(b, c);
    }
}
