package io.edgemlops.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.store.Json;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void bucketsAreLogSpacedFromOneMicrosecondToAbout100Seconds() {
        assertEquals(0, LatencyHistogram.bucketOf(0));
        assertEquals(0, LatencyHistogram.bucketOf(999));
        assertEquals(0, LatencyHistogram.bucketOf(1000));
        assertEquals(8, LatencyHistogram.bucketOf(2000), "eight buckets per doubling");
        assertEquals(7, LatencyHistogram.bucketOf(1999));
        assertEquals(80, LatencyHistogram.bucketOf(1_024_000), "1.024 ms = 1 µs * 2^10");
        for (int i = 1; i < LatencyHistogram.BUCKETS; i++) {
            long lower = (long) Math.ceil(LatencyHistogram.lowerBoundNanos(i));
            assertEquals(i, LatencyHistogram.bucketOf(lower), "bucket " + i + " starts at " + lower);
            assertEquals(i - 1, LatencyHistogram.bucketOf(lower - 1), "just below bucket " + i);
        }
        int last = LatencyHistogram.BUCKETS - 1;
        assertEquals(last, LatencyHistogram.bucketOf(Long.MAX_VALUE));
        double top = LatencyHistogram.lowerBoundNanos(last);
        assertTrue(top >= 100e9 && top < 110e9, "the overflow bucket starts just above 100 s: " + top);
        assertEquals(Math.pow(2, 1.0 / 16) - 1, LatencyHistogram.RELATIVE_ERROR, 1e-15);
    }

    @Test
    void percentilesAreWithinTheErrorBoundOfExactPercentiles() {
        Random random = new Random(42);
        double worst = 0;
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(3000);
            long[] samples = new long[n];
            double median = Math.exp(8 + random.nextDouble() * 10); // 3 µs .. 65 ms
            double spread = 0.1 + random.nextDouble() * 1.5;
            for (int i = 0; i < n; i++) {
                double v = median * Math.exp(spread * random.nextGaussian());
                samples[i] = (long) Math.min(Math.max(v, 1000), 100e9);
            }
            LatencyHistogram h = LatencyHistogram.of(samples);
            assertEquals(n, h.count());
            long[] sorted = samples.clone();
            Arrays.sort(sorted);
            for (double p : new double[] {1, 50, 90, 95, 99, 99.9, 100}) {
                double exact = sorted[(int) Math.max(1, Math.min(n, (long) Math.ceil(p * n / 100))) - 1] / 1e6;
                double estimate = h.percentileMillis(p);
                double error = Math.abs(estimate - exact) / exact;
                worst = Math.max(worst, error);
                assertTrue(error <= LatencyHistogram.RELATIVE_ERROR + 1e-12,
                        "p" + p + " of " + n + ": " + estimate + " ms vs exact " + exact + " ms");
            }
        }
        System.err.printf("latency histogram: worst relative percentile error %.4f (bound %.4f)%n", worst,
                LatencyHistogram.RELATIVE_ERROR);
        assertTrue(worst > LatencyHistogram.RELATIVE_ERROR * 0.8, "the bound is tight, not loose: " + worst);
    }

    @Test
    void interpolatedPercentilesCompareTwoHistogramsWithoutSteppingByWholeBuckets() {
        // Two devices' calls, the second's hardware 13 % slower: lognormal around 0.5 ms.
        Random random = new Random(274);
        long[] fast = new long[20_000];
        long[] slow = new long[fast.length];
        for (int i = 0; i < fast.length; i++) {
            fast[i] = (long) (500_000 * Math.exp(0.4 * random.nextGaussian()));
            slow[i] = (long) (500_000 * 1.13 * Math.exp(0.4 * random.nextGaussian()));
        }
        LatencyHistogram a = LatencyHistogram.of(fast);
        LatencyHistogram b = LatencyHistogram.of(slow);
        for (double p : new double[] {50, 95}) {
            double ratio = b.interpolatedPercentileMillis(p) / a.interpolatedPercentileMillis(p);
            assertTrue(Math.abs(ratio - 1.13) < 0.03, "p" + p + " ratio " + ratio);
            // Bucket representatives can only differ by 2^(k/8): 1.0, 1.091, 1.189...
            double stepped = b.percentileMillis(p) / a.percentileMillis(p);
            double k = Math.log(stepped) / Math.log(2) * LatencyHistogram.BUCKETS_PER_DOUBLING;
            assertEquals(Math.round(k), k, 1e-9);
        }
    }

    @Test
    void interpolatedPercentileStaysInsideTheBucketOfTheExactOne() {
        Random random = new Random(7);
        double bound = Math.pow(2, 1.0 / LatencyHistogram.BUCKETS_PER_DOUBLING);
        for (int round = 0; round < 50; round++) {
            long[] nanos = random.longs(1 + random.nextInt(2_000), 2_000, 50_000_000).toArray();
            LatencyHistogram h = LatencyHistogram.of(nanos);
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            for (double p : new double[] {1, 50, 95, 99, 100}) {
                double exact = sorted[(int) Math.max(0, Math.ceil(p * sorted.length / 100) - 1)] / 1e6;
                double ratio = h.interpolatedPercentileMillis(p) / exact;
                assertTrue(ratio >= 1 / bound - 1e-9 && ratio <= bound + 1e-9, "p" + p + ": " + ratio);
            }
        }
        assertTrue(Double.isNaN(LatencyHistogram.EMPTY.interpolatedPercentileMillis(95)));
    }

    @Test
    void mergingEqualsHistogramOfAllSamples() {
        Random random = new Random(1);
        long[] a = random.longs(700, 2_000, 5_000_000).toArray();
        long[] b = random.longs(300, 4_000_000, 900_000_000).toArray();
        long[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        LatencyHistogram merged = LatencyHistogram.of(a).plus(LatencyHistogram.of(b));
        assertEquals(LatencyHistogram.of(both), merged);
        assertEquals(merged, merged.plus(LatencyHistogram.EMPTY));
        assertEquals(merged, LatencyHistogram.EMPTY.plus(merged));
        assertEquals(1000, merged.count());
        assertTrue(merged.p50Millis() <= merged.p95Millis() && merged.p95Millis() <= merged.p99Millis());
        assertTrue(Double.isNaN(LatencyHistogram.EMPTY.p95Millis()));
    }

    @Test
    void jsonListsOnlyNonEmptyBuckets() {
        LatencyHistogram h = LatencyHistogram.of(1_000, 1_050, 2_000, 2_100, 2_100, 1_024_000);
        assertEquals("{\"buckets\":[0,8,80],\"counts\":[2,3,1]}", Json.toString(h));
        assertEquals(h, Json.fromBytes(Json.toBytes(h), LatencyHistogram.class, "histogram"));
        assertEquals("{\"buckets\":[],\"counts\":[]}", Json.toString(LatencyHistogram.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new LatencyHistogram(List.of(3, 2), List.of(1L, 1L)));
        assertThrows(IllegalArgumentException.class, () -> new LatencyHistogram(List.of(3), List.of(0L)));
        assertThrows(IllegalArgumentException.class, () -> new LatencyHistogram(List.of(214), List.of(1L)));
        assertThrows(IllegalArgumentException.class, () -> new LatencyHistogram(List.of(3), List.of()));
        assertThrows(IllegalArgumentException.class, () -> h.percentileMillis(0));
    }
}
