package io.edgemlops.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.data.CompactDataset;
import io.edgemlops.data.DataOptions;
import io.edgemlops.data.DatasetProfile;
import io.edgemlops.data.DatasetProfiler;
import io.edgemlops.data.FeatureProfile;
import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.data.Table;
import io.edgemlops.store.Json;
import io.edgemlops.train.ModelTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureCountsTest {

    static final FeatureBins TEMP = FeatureBins.numeric("temp", List.of(0.0, 10.0, 20.0, 30.0));
    static final FeatureBins SITE = FeatureBins.categorical("site", List.of("north", "south"));

    @Test
    void numericValuesFallIntoHalfOpenBins() {
        assertEquals(FeatureBins.UNDERFLOW, TEMP.slotOf(-0.1));
        assertEquals(0, TEMP.slotOf(0.0));
        assertEquals(0, TEMP.slotOf(9.99));
        assertEquals(1, TEMP.slotOf(10.0), "an edge belongs to the bin it starts");
        assertEquals(2, TEMP.slotOf(29.99));
        assertEquals(FeatureBins.OVERFLOW, TEMP.slotOf(30.0), "at the last edge is overflow");
        assertEquals(FeatureBins.OVERFLOW, TEMP.slotOf(1e9));
        assertEquals(3, TEMP.binCount());
    }

    @Test
    void missingIsNullNanEmptyTextAndWhatTheBaselineReadsAsMissing() {
        for (Object raw : new Object[] {null, Double.NaN, Double.POSITIVE_INFINITY, "", "  ", "NA", "nan", "None",
                "warm"}) {
            assertEquals(FeatureBins.MISSING, TEMP.slotOf(raw), "numeric " + raw);
        }
        assertEquals(FeatureBins.MISSING, TEMP.slotOf(Double.NaN));
        assertEquals(1, TEMP.slotOf(" 12.5 "), "text is read as a number");
        assertEquals(1, TEMP.slotOf(12), "any Number");
        for (Object raw : new Object[] {null, "", "NA"}) {
            assertEquals(FeatureBins.MISSING, SITE.slotOf(raw), "categorical " + raw);
        }
    }

    @Test
    void categoriesAreMatchedTrimmedAndUnseenOnesOverflow() {
        assertEquals(0, SITE.slotOf("north"));
        assertEquals(1, SITE.slotOf(" south "));
        assertEquals(FeatureBins.OVERFLOW, SITE.slotOf("east"));
        assertEquals(FeatureBins.OVERFLOW, SITE.slotOf("North"), "case matters, as in training");
        assertEquals(new FeatureCounts(List.of(2L, 1L), 0, 1, 1), FeatureCounts.of(SITE, "north", "north", "south",
                "east", null));
    }

    @Test
    void countsAddUpToTheCountsOfBoth() {
        Random random = new Random(7);
        Object[] a = randomValues(random, 500);
        Object[] b = randomValues(random, 300);
        Object[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        FeatureCounts sum = FeatureCounts.of(TEMP, a).plus(FeatureCounts.of(TEMP, b));
        assertEquals(FeatureCounts.of(TEMP, both), sum);
        assertEquals(800, sum.total());
        assertTrue(sum.underflow() > 0 && sum.overflow() > 0 && sum.missing() > 0, sum.toString());
        assertEquals(sum, sum.plus(FeatureCounts.empty(TEMP)));
        assertThrows(IllegalArgumentException.class, () -> sum.plus(FeatureCounts.empty(SITE)));
    }

    @Test
    void deviceCountsOverTheBaselineBinsEqualTheBaselineCounts() {
        Table rows = new SensorDataGenerator(3).generate(1200);
        CompactDataset d = ModelTrainer.prepare(rows, new DataOptions("state", null, null, 0.25, 2));
        assertEquals(0, d.counts().dropped(), "every generated row has a label, so used row i is generated row i");
        DatasetProfile baseline = DatasetProfiler.profile(d, null, 10);
        List<FeatureBins> bins = FeatureBins.of(baseline);
        assertEquals(SensorDataGenerator.FEATURES, bins.stream().map(FeatureBins::name).toList(), "schema order");
        int[] holdout = d.holdoutRows();
        for (int f = 0; f < bins.size(); f++) {
            FeatureProfile expected = baseline.features().get(f);
            // The holdout's readings as a device sends them (the text, not the float32 the baseline counted).
            Object[] column = new Object[holdout.length];
            for (int i = 0; i < column.length; i++) {
                column[i] = rows.value(holdout[i], expected.name());
            }
            FeatureCounts counted = FeatureCounts.of(bins.get(f), column);
            assertEquals(new FeatureCounts(expected.counts(), expected.underflow(), expected.overflow(),
                    expected.missing()), counted, expected.name());
        }
    }

    @Test
    void binsAreCheckedAndTravelAsJson() {
        assertThrows(IllegalArgumentException.class, () -> FeatureBins.numeric("x", List.of(1.0)));
        assertThrows(IllegalArgumentException.class, () -> FeatureBins.numeric("x", List.of(1.0, 1.0)));
        assertThrows(IllegalArgumentException.class, () -> FeatureBins.numeric("x", List.of(0.0, Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> FeatureBins.categorical("x", List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> new FeatureBins("x", List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new FeatureBins("x", List.of(0.0, 1.0), List.of("a")));
        assertThrows(IllegalArgumentException.class, () -> new FeatureCounts(List.of(-1L), 0, 0, 0));

        FeatureBins edges = FeatureBins.numeric("t", List.of(0.1, 56.900000000000006, 1e300));
        assertEquals("{\"name\":\"t\",\"binEdges\":[0.1,56.900000000000006,1.0E300]}", Json.toString(edges));
        assertEquals(edges, Json.fromBytes(Json.toBytes(edges), FeatureBins.class, "bins"));
        assertEquals("{\"name\":\"site\",\"categories\":[\"north\",\"south\"]}", Json.toString(SITE));
        FeatureCounts counts = new FeatureCounts(List.of(3L, 0L, 5L), 1, 2, 0);
        assertEquals("{\"counts\":[3,0,5],\"underflow\":1,\"overflow\":2,\"missing\":0}", Json.toString(counts));
        assertEquals(counts, Json.fromBytes(Json.toBytes(counts), FeatureCounts.class, "counts"));
    }

    private static Object[] randomValues(Random random, int n) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(20);
            values.add(kind == 0 ? null : kind == 1 ? "NA" : kind == 2 ? Double.NaN
                    : kind == 3 ? String.valueOf(random.nextGaussian() * 20 + 15) : random.nextGaussian() * 12 + 15);
        }
        return values.toArray();
    }
}
