package io.edgemlops.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures inference latency in ONNX Runtime with one intra-op thread, as an edge device runs it.
 *
 * <p>Method: input tensors are prepared up front (so tensor allocation is not timed), cycling over
 * up to {@value #MAX_DISTINCT_INPUTS} distinct inputs so that the figures do not depend on a single
 * row. After {@link Settings#warmupIterations()} untimed calls, each call to
 * {@code session.run} (including releasing its outputs) is timed with {@link System#nanoTime()}
 * until at least {@link Settings#minIterations()} calls and at least {@link Settings#minDuration()}
 * have passed, capped at {@link Settings#maxIterations()}. Percentiles use the nearest-rank method.
 * Every iteration counts: pauses caused by the host (GC, other processes) stay in the tail on
 * purpose, because a device has them too.
 */
public final class LatencyMeter {

    static final int MAX_DISTINCT_INPUTS = 64;

    private final Settings settings;

    public LatencyMeter(Settings settings) {
        this.settings = settings;
    }

    /** A meter with {@link Settings#DEFAULT}. */
    public LatencyMeter() {
        this(Settings.DEFAULT);
    }

    /**
     * How long to measure.
     *
     * @param warmupIterations untimed calls first (JIT, allocator and cache warm-up)
     * @param minIterations at least this many timed calls
     * @param minDuration and keep timing for at least this long
     * @param maxIterations but never more calls than this
     */
    public record Settings(int warmupIterations, int minIterations, Duration minDuration, int maxIterations) {

        /** 100 warm-up calls, then at least 200 timed calls and 1 s, at most 200 000 calls. */
        public static final Settings DEFAULT = new Settings(100, 200, Duration.ofSeconds(1), 200_000);

        /** A fixed number of timed calls, with no minimum duration: deterministic amount of work, for tests. */
        public static Settings iterations(int warmup, int iterations) {
            return new Settings(warmup, iterations, Duration.ZERO, iterations);
        }

        public Settings {
            if (warmupIterations < 0 || minIterations < 1 || maxIterations < minIterations || minDuration == null
                    || minDuration.isNegative()) {
                throw new IllegalArgumentException("bad latency settings: warmup=" + warmupIterations + ", min="
                        + minIterations + ", max=" + maxIterations + ", minDuration=" + minDuration);
            }
        }
    }

    /** Single-row latency: each timed call runs one row of {@code rows}. */
    public LatencyStats measureSingleRow(OnnxPredictor predictor, float[][] rows) throws OrtException {
        return measure(predictor, rows, 1);
    }

    /**
     * Latency of calls with {@code batch} rows each (rows are repeated if there are fewer); divide by
     * {@code batch} for the per-row cost of batched inference.
     */
    public LatencyStats measure(OnnxPredictor predictor, float[][] rows, int batch) throws OrtException {
        if (rows.length == 0) {
            throw new IllegalArgumentException("latency measurement needs at least one input row");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        List<OnnxTensor> inputs = new ArrayList<>();
        try {
            int distinct = Math.min(MAX_DISTINCT_INPUTS, Math.max(1, rows.length / batch));
            for (int i = 0; i < distinct; i++) {
                float[][] chunk = new float[batch][];
                for (int j = 0; j < batch; j++) {
                    chunk[j] = rows[(i * batch + j) % rows.length];
                }
                inputs.add(predictor.createInput(chunk));
            }
            for (int i = 0; i < settings.warmupIterations(); i++) {
                predictor.runOnce(inputs.get(i % inputs.size()));
            }
            long[] samples = new long[Math.min(settings.maxIterations(), Math.max(settings.minIterations(), 1024))];
            int n = 0;
            long minNanos = settings.minDuration().toNanos();
            long start = System.nanoTime();
            while (n < settings.maxIterations()
                    && (n < settings.minIterations() || System.nanoTime() - start < minNanos)) {
                OnnxTensor input = inputs.get(n % inputs.size());
                long t0 = System.nanoTime();
                predictor.runOnce(input);
                long t1 = System.nanoTime();
                if (n == samples.length) {
                    samples = java.util.Arrays.copyOf(samples, Math.min(settings.maxIterations(), samples.length * 2));
                }
                samples[n++] = t1 - t0;
            }
            return LatencyStats.ofNanos(java.util.Arrays.copyOf(samples, n));
        } finally {
            for (OnnxTensor t : inputs) {
                t.close();
            }
        }
    }
}
