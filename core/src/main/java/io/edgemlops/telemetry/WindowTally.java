package io.edgemlops.telemetry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mutable counters of one device's window until it becomes a {@link TelemetryRecord}; not thread-safe. */
final class WindowTally {

    private final Instant start;
    private final FeatureTally[] features;
    private final long[] classCounts;
    private final LatencyRecorder latency = new LatencyRecorder();
    private final LatencyRecorder shadowLatency = new LatencyRecorder();
    private long inferences;
    private long errors;
    private long shadowInferences;
    private long shadowAgreements;
    private Health mark;

    WindowTally(Instant start, List<FeatureBins> bins, int classes) {
        this.start = start;
        this.features = bins.stream().map(FeatureTally::new).toArray(FeatureTally[]::new);
        this.classCounts = new long[classes];
    }

    Instant start() {
        return start;
    }

    void inference(Object[] raw, int predictedClass, long latencyNanos, boolean error) {
        inferences++;
        for (int i = 0; i < features.length; i++) {
            features[i].count(raw[i]);
        }
        if (error) {
            // A failed inference has no prediction, and its time (often a fast failure) would flatter latency.
            errors++;
            return;
        }
        latency.record(latencyNanos);
        if (predictedClass >= 0) {
            classCounts[predictedClass]++;
        }
    }

    void shadow(boolean agreed, long servingLatencyNanos) {
        shadowInferences++;
        if (agreed) {
            shadowAgreements++;
        }
        shadowLatency.record(servingLatencyNanos);
    }

    /** Marks this window with a health event (e.g. a refused install): the record reports the worse health. */
    void mark(Health event) {
        mark = mark == null ? event : mark.worst(event);
    }

    boolean isEmpty() {
        return inferences == 0 && shadowInferences == 0 && mark == null;
    }

    TelemetryRecord toRecord(TelemetrySource source, List<String> classes, int windowSeconds, long seq,
                             Health health) {
        List<FeatureCounts> counts = new ArrayList<>(features.length);
        for (FeatureTally f : features) {
            counts.add(f.counts());
        }
        Map<String, Long> predicted = new LinkedHashMap<>();
        for (int i = 0; i < classCounts.length; i++) {
            predicted.put(classes.get(i), classCounts[i]);
        }
        boolean shadow = source.role() == Role.SHADOW;
        return new TelemetryRecord(TelemetryRecord.SCHEMA_VERSION, source.fleet(), source.model(),
                source.modelVersion(), source.rolloutId(), source.deviceId(), source.target(), seq, start,
                windowSeconds, source.role(), inferences, errors, counts, predicted, latency.histogram(),
                mark == null ? health : mark.worst(health),
                shadow ? shadowInferences : null, shadow ? shadowAgreements : null,
                shadow ? shadowLatency.histogram() : null, 0);
    }
}
