package io.edgemlops.data;

import io.edgemlops.data.FeatureSchema.Feature;
import io.edgemlops.data.FeatureSchema.FeatureType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the drift baseline ({@link DatasetProfile}) of a model version.
 *
 * <p>Numeric bin edges are quantiles of the <em>training</em> split (so each bin holds about the
 * same share of training data, which keeps PSI stable), with the first edge at the training
 * minimum and the last just above the training maximum (so the maximum itself falls in the last
 * bin). Equal quantiles are merged, so a feature may get fewer bins. Counts, missing, mean and std
 * come from the <em>holdout</em> split, the data the model's metrics were measured on; devices
 * later count their inputs over the same edges.
 */
public final class DatasetProfiler {

    /** Default number of bins per numeric feature. */
    public static final int DEFAULT_BINS = 10;

    private DatasetProfiler() {
    }

    /**
     * @param schema the model's features and classes
     * @param train training rows (edges)
     * @param holdout holdout rows (counts)
     * @param predictedHoldout predicted class index per holdout row, or null (regression)
     * @param bins bins per numeric feature
     */
    public static DatasetProfile profile(FeatureSchema schema, Table train, Table holdout, int[] predictedHoldout,
                                         int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins: must be at least 1, got " + bins);
        }
        List<FeatureProfile> features = new ArrayList<>();
        for (Feature f : schema.features()) {
            features.add(f.type() == FeatureType.NUMERIC
                    ? numeric(f.name(), train, holdout, bins)
                    : categorical(f, holdout));
        }
        Map<String, Long> predicted = new LinkedHashMap<>();
        if (predictedHoldout != null) {
            for (String c : schema.classes()) {
                predicted.put(c, 0L);
            }
            for (int p : predictedHoldout) {
                predicted.merge(schema.classes().get(p), 1L, Long::sum);
            }
        }
        return new DatasetProfile(holdout.rowCount(), features, predicted);
    }

    /** Quantile edges of the present values: ascending, distinct, at least two. */
    public static List<Double> quantileEdges(double[] values, int bins) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        List<Double> edges = new ArrayList<>();
        if (sorted.length == 0) {
            return List.of(0.0, Math.nextUp(0.0));
        }
        for (int i = 0; i <= bins; i++) {
            double edge;
            if (i == bins) {
                edge = Math.nextUp(sorted[sorted.length - 1]);
            } else {
                double pos = (double) i * (sorted.length - 1) / bins;
                int lo = (int) Math.floor(pos);
                int hi = Math.min(lo + 1, sorted.length - 1);
                edge = sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
            }
            if (edges.isEmpty() || edge > edges.get(edges.size() - 1)) {
                edges.add(edge);
            }
        }
        if (edges.size() < 2) {
            edges.add(Math.nextUp(edges.get(0)));
        }
        return edges;
    }

    private static FeatureProfile numeric(String name, Table train, Table holdout, int bins) {
        List<Double> edges = quantileEdges(present(train, name), bins);
        long[] counts = new long[edges.size() - 1];
        long under = 0;
        long over = 0;
        long missing = 0;
        double sum = 0;
        double sumSq = 0;
        long n = 0;
        int c = holdout.columnIndex(name);
        for (int r = 0; r < holdout.rowCount(); r++) {
            String s = holdout.value(r, c);
            Double v = Values.isMissing(s) ? null : Values.parseNumber(s);
            if (v == null) {
                missing++;
                continue;
            }
            n++;
            sum += v;
            sumSq += v * v;
            int bin = bin(edges, v);
            if (bin < 0) {
                under++;
            } else if (bin >= counts.length) {
                over++;
            } else {
                counts[bin]++;
            }
        }
        double mean = n == 0 ? 0 : sum / n;
        double var = n < 2 ? 0 : Math.max(0, (sumSq - n * mean * mean) / (n - 1));
        List<Long> countList = new ArrayList<>();
        for (long k : counts) {
            countList.add(k);
        }
        return new FeatureProfile(name, edges, List.of(), countList, under, over, missing, mean, Math.sqrt(var));
    }

    /** Bin index of a value: -1 below the first edge, edges.size()-1 at or above the last. */
    public static int bin(List<Double> edges, double v) {
        if (v < edges.get(0)) {
            return -1;
        }
        int lo = 0;
        int hi = edges.size() - 1; // v >= edges[lo], find last edge <= v
        if (v >= edges.get(hi)) {
            return hi;
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (v >= edges.get(mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static FeatureProfile categorical(Feature f, Table holdout) {
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < f.categories().size(); i++) {
            pos.put(f.categories().get(i), i);
        }
        long[] counts = new long[f.categories().size()];
        long unseen = 0;
        long missing = 0;
        int c = holdout.columnIndex(f.name());
        for (int r = 0; r < holdout.rowCount(); r++) {
            String s = holdout.value(r, c);
            if (Values.isMissing(s)) {
                missing++;
                continue;
            }
            Integer i = pos.get(Values.category(s));
            if (i == null) {
                unseen++;
            } else {
                counts[i]++;
            }
        }
        List<Long> countList = new ArrayList<>();
        for (long k : counts) {
            countList.add(k);
        }
        return new FeatureProfile(f.name(), List.of(), f.categories(), countList, 0, unseen, missing, 0, 0);
    }

    private static double[] present(Table t, String column) {
        int c = t.columnIndex(column);
        double[] out = new double[t.rowCount()];
        int n = 0;
        for (int r = 0; r < t.rowCount(); r++) {
            String s = t.value(r, c);
            Double v = Values.isMissing(s) ? null : Values.parseNumber(s);
            if (v != null) {
                out[n++] = v;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
