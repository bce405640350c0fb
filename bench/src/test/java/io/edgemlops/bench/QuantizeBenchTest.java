package io.edgemlops.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Light checks only: the benchmark itself runs from bench/quantize-bench.sh, not in the build. */
class QuantizeBenchTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, QuantizeBench.median(new double[] {3, 1, 2}));
        assertEquals(2.5, QuantizeBench.median(new double[] {4, 1, 3, 2}));
    }

    @Test
    void calibrationSampleIsSeededAndCapped() {
        float[][] rows = new float[10][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new float[] {i};
        }
        float[][] a = QuantizeBench.sample(rows, 4, 1);
        assertEquals(4, a.length);
        assertArrayEquals(a, QuantizeBench.sample(rows, 4, 1));
        assertEquals(10, QuantizeBench.sample(rows, 500, 1).length);
    }

    @Test
    void accuracyAndAgreementCountMatches() {
        assertEquals(0.75, QuantizeBench.accuracy(new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 0}));
        assertEquals(1.0, QuantizeBench.agreement(new int[] {1, 1}, new int[] {1, 1}));
    }
}
