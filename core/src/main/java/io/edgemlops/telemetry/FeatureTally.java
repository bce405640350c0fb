package io.edgemlops.telemetry;

import java.util.ArrayList;
import java.util.List;

/** Mutable counters of one feature for the open window; not thread-safe (the aggregator locks). */
final class FeatureTally {

    private final FeatureBins bins;
    private final long[] counts;
    private long underflow;
    private long overflow;
    private long missing;

    FeatureTally(FeatureBins bins) {
        this.bins = bins;
        this.counts = new long[bins.binCount()];
    }

    void count(Object raw) {
        add(bins.slotOf(raw));
    }

    void count(double value) {
        add(bins.slotOf(value));
    }

    private void add(int slot) {
        switch (slot) {
            case FeatureBins.UNDERFLOW -> underflow++;
            case FeatureBins.OVERFLOW -> overflow++;
            case FeatureBins.MISSING -> missing++;
            default -> counts[slot]++;
        }
    }

    FeatureCounts counts() {
        List<Long> list = new ArrayList<>(counts.length);
        for (long c : counts) {
            list.add(c);
        }
        return new FeatureCounts(list, underflow, overflow, missing);
    }
}
