package io.edgemlops.telemetry;

import java.util.ArrayList;
import java.util.List;

/** Mutable dense counters behind a {@link LatencyHistogram}; not thread-safe (the aggregator locks). */
final class LatencyRecorder {

    private final long[] counts = new long[LatencyHistogram.BUCKETS];

    void record(long nanos) {
        counts[LatencyHistogram.bucketOf(nanos)]++;
    }

    LatencyHistogram histogram() {
        List<Integer> buckets = new ArrayList<>();
        List<Long> nonEmpty = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                buckets.add(i);
                nonEmpty.add(counts[i]);
            }
        }
        return new LatencyHistogram(buckets, nonEmpty);
    }
}
