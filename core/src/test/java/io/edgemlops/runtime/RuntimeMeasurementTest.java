package io.edgemlops.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RuntimeMeasurementTest {

    private final MlpFixture mlp = MlpFixture.classifier(7);

    @Test
    void fixtureModelRunsInOnnxRuntimeWithTheJavaForwardPass() throws Exception {
        MlpFixture logits = new MlpFixture(7, false, 16, 64, 32, 3);
        float[][] rows = MlpFixture.rows(1, 20, 16);
        try (OnnxPredictor predictor = new OnnxPredictor(logits.onnx())) {
            float[][] scores = predictor.predict(rows);
            for (int i = 0; i < rows.length; i++) {
                assertArrayEquals(logits.forward(rows[i]), scores[i], 1e-4f);
            }
        }
    }

    @Test
    void float16InputsAndOutputsAreConvertedForTheCaller() throws Exception {
        // features (float16) -> Cast to float32 -> Cast back to float16 -> scores (float16)
        io.edgemlops.onnx.proto.OnnxProto.Model model = MlpFixture.castModel(4);
        float[][] rows = {{0.5f, -1.25f, 2f, 1024f}, {0f, 3f, -0.125f, 7f}};
        try (OnnxPredictor predictor = new OnnxPredictor(model.toByteArray())) {
            float[][] out = predictor.predict(rows);
            assertArrayEquals(rows[0], out[0], 0f);
            assertArrayEquals(rows[1], out[1], 0f);
            LatencyStats stats = new LatencyMeter(LatencyMeter.Settings.iterations(1, 10))
                    .measureSingleRow(predictor, rows);
            assertEquals(10, stats.iterations());
        }
    }

    @Test
    void latencyStatsAreOrderedAndCountTheTimedIterations() throws Exception {
        LatencyMeter meter = new LatencyMeter(LatencyMeter.Settings.iterations(20, 300));
        try (OnnxPredictor predictor = new OnnxPredictor(mlp.onnx())) {
            LatencyStats stats = meter.measureSingleRow(predictor, MlpFixture.rows(2, 50, 16));
            assertEquals(300, stats.iterations());
            assertTrue(stats.p50Ms() > 0);
            assertTrue(stats.p50Ms() <= stats.p95Ms() && stats.p95Ms() <= stats.p99Ms(), stats.toString());
            LatencyStats slow = stats.scaled(6.0);
            assertEquals(stats.p95Ms() * 6.0, slow.p95Ms(), 1e-12);
        }
    }

    @Test
    void nearestRankPercentiles() {
        long[] samples = new long[100];
        for (int i = 0; i < 100; i++) {
            samples[i] = (100 - i) * 1_000_000L; // 100 ms down to 1 ms, unsorted
        }
        LatencyStats stats = LatencyStats.ofNanos(samples);
        assertEquals(50.0, stats.p50Ms(), 1e-9);
        assertEquals(95.0, stats.p95Ms(), 1e-9);
        assertEquals(99.0, stats.p99Ms(), 1e-9);
        assertEquals(50.5, stats.meanMs(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> LatencyStats.ofNanos(new long[0]));
    }

    @Test
    void memoryEstimateCountsWeightsAndPeakActivations() {
        MemoryEstimate estimate = MemoryEstimator.estimate(mlp.model());
        // 16*64+64 + 64*32+32 + 32*3+3 floats
        long params = 16 * 64 + 64 + 64 * 32 + 32 + 32 * 3 + 3;
        assertEquals(params * 4, estimate.weightsBytes());
        // Peak for one row: a 64-wide Gemm output alive together with its 64-wide Relu output.
        assertEquals((64 + 64) * 4, estimate.activationBytes());
        assertEquals(estimate.weightsBytes() + estimate.activationBytes() + MemoryEstimator.RUNTIME_OVERHEAD_BYTES,
                estimate.estimatedBytes());
        assertFalse(estimate.approximate());
    }

    @Test
    void memoryEstimateFollowsQuantizedWeightsThroughDequantizeLinear() throws Exception {
        io.edgemlops.onnx.proto.OnnxProto.Model qdq = MlpFixture.dequantizedLinear(16, 3, 1);
        try (OnnxPredictor predictor = new OnnxPredictor(qdq.toByteArray())) {
            assertEquals(3, predictor.predict(MlpFixture.rows(1, 2, 16))[0].length);
        }
        MemoryEstimate estimate = MemoryEstimator.estimate(qdq);
        assertEquals(16 * 3 + 4 + 1 + 3 * 4, estimate.weightsBytes(), "int8 weights count one byte each");
        // At the Gemm: input row (16 floats), dequantized weights (48 floats) and scores (3 floats).
        assertEquals((16 + 48 + 3) * 4, estimate.activationBytes());
        assertFalse(estimate.approximate());
    }

    @Test
    void measuredSessionGrowthIsReportedOnLinux() throws Exception {
        Long measured = MemoryEstimator.measureSession(mlp.onnx());
        if (MemoryEstimator.residentBytes() != null) {
            assertNotNull(measured);
            assertTrue(measured >= 0);
            MemoryEstimate estimate = MemoryEstimator.estimate(mlp.model()).withMeasured(measured);
            assertTrue(estimate.requiredBytes() >= estimate.estimatedBytes());
        }
    }
}
