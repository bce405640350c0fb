package io.edgemlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetProfilerTest {

    @Test
    void numericEdgesComeFromTrainingAndCountsFromHoldout() {
        DataOptions options = new DataOptions("state", null, null, 0.25, 2);
        DatasetScan scan = new DatasetScan(options, null);
        scan.readTable(new SensorDataGenerator(5).generate(2000));
        CompactDataset d = CompactPreparer.prepare(scan.finish(), options);
        int[] predicted = Arrays.stream(d.holdoutRows()).map(r -> d.classes()[r]).toArray();
        DatasetProfile p = DatasetProfiler.profile(d, predicted, 10);
        assertEquals(500, p.rows());
        FeatureProfile temp = p.features().get(SensorDataGenerator.FEATURES.indexOf("temp_bearing"));
        assertEquals(11, temp.binEdges().size());
        int f = d.schema().features().stream().map(FeatureSchema.Feature::name).toList().indexOf("temp_bearing");
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r : d.trainRows()) {
            min = Math.min(min, d.values().get(r, f));
            max = Math.max(max, d.values().get(r, f));
        }
        assertEquals(min, temp.binEdges().get(0), "the first edge is the training minimum");
        assertEquals(Math.nextUp(max), temp.binEdges().get(10), "the last edge is just above the training maximum");
        assertEquals(10, temp.counts().size());
        assertEquals(500, temp.total());
        for (long c : temp.counts()) {
            assertTrue(c > 25 && c < 80, "quantile bins hold about 50 holdout rows each: " + temp.counts());
        }
        assertTrue(temp.std() > 0);
        assertEquals(Map.of("bearing_wear", (long) count(predicted, 0), "cavitation", (long) count(predicted, 1),
                "normal", (long) count(predicted, 2)), p.predictedClassCounts());
    }

    @Test
    void edgesAreDistinctAndCoverTheMaximum() {
        List<Double> edges = DatasetProfiler.quantileEdges(new double[] {1, 1, 1, 1, 2, 2, 3}, 10);
        for (int i = 1; i < edges.size(); i++) {
            assertTrue(edges.get(i) > edges.get(i - 1), edges.toString());
        }
        assertEquals(1.0, edges.get(0));
        assertEquals(edges.size() - 2, DatasetProfiler.bin(edges, 3.0), "the maximum falls in the last bin");
        assertEquals(-1, DatasetProfiler.bin(edges, 0.5));
        assertEquals(edges.size() - 1, DatasetProfiler.bin(edges, 3.5));
        assertEquals(2, DatasetProfiler.quantileEdges(new double[] {4, 4}, 10).size());
    }

    @Test
    void categoricalCountsUnseenAsOverflow() {
        FeatureSchema schema = new FeatureSchema(List.of(FeatureSchema.Feature.categorical("site",
                List.of("north", "south"))), "state", FeatureSchema.Task.CLASSIFICATION, List.of("a", "b"));
        Table holdout = Table.ofRows("h.csv", List.of("site", "state"), List.of(
                new String[] {"north", "a"}, new String[] {"east", "a"}, new String[] {"", "b"},
                new String[] {"south", "b"}));
        FeatureProfile site = DatasetProfiler.profile(schema, holdout, holdout, null, 10).features().get(0);
        assertEquals(List.of(1L, 1L), site.counts());
        assertEquals(1, site.overflow());
        assertEquals(1, site.missing());
    }

    private static int count(int[] a, int v) {
        int n = 0;
        for (int x : a) {
            n += x == v ? 1 : 0;
        }
        return n;
    }
}
