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
        return new DatasetProfile(holdout.rowCount(), features, predicted(schema, predictedHoldout));
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
        NumericBins counts = new NumericBins(name, quantileEdges(present(train, name), bins));
        int c = holdout.columnIndex(name);
        for (int r = 0; r < holdout.rowCount(); r++) {
            String s = holdout.value(r, c);
            Double v = Values.isMissing(s) ? null : Values.parseNumber(s);
            counts.add(v == null ? Double.NaN : v);
        }
        return counts.profile();
    }

    /** Counts of a numeric feature's values over bin edges, with their mean and spread; NaN is missing. */
    private static final class NumericBins {
        private final String name;
        private final List<Double> edges;
        private final long[] counts;
        private long under;
        private long over;
        private long missing;
        private double sum;
        private double sumSq;
        private long n;

        NumericBins(String name, List<Double> edges) {
            this.name = name;
            this.edges = edges;
            this.counts = new long[edges.size() - 1];
        }

        void add(double v) {
            if (Double.isNaN(v)) {
                missing++;
                return;
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

        FeatureProfile profile() {
            double mean = n == 0 ? 0 : sum / n;
            double var = n < 2 ? 0 : Math.max(0, (sumSq - n * mean * mean) / (n - 1));
            List<Long> countList = new ArrayList<>();
            for (long k : counts) {
                countList.add(k);
            }
            return new FeatureProfile(name, edges, List.of(), countList, under, over, missing, mean, Math.sqrt(var));
        }
    }

    /**
     * The baseline of a compact dataset: bin edges from the training rows (at most
     * {@value #EDGE_SAMPLE_ROWS} of them, a seeded uniform sample above that), counts, mean and
     * spread from every holdout row.
     *
     * <p>Why a sample for the edges: sorting every training value of every feature costs seconds per
     * feature at ten million rows, and the edges only need to split the training data into roughly
     * equal shares. By the Dvoretzky-Kiefer-Wolfowitz inequality, the share of training rows below
     * each edge taken from a uniform sample of n = 100,000 is within 0.43 percentage points of the
     * sample's share for all edges at once, with 95 % probability (sqrt(ln(2/0.05) / 2n)); so a
     * decile bin holds between about 9.1 % and 10.9 % of the training rows. Up to that size the
     * edges are exact, as before.
     *
     * @param predictedHoldout predicted class index per holdout row, or null (regression)
     */
    public static DatasetProfile profile(CompactDataset data, int[] predictedHoldout, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins: must be at least 1, got " + bins);
        }
        int[] edgeRows = RowSample.uniform(data.trainRows(), EDGE_SAMPLE_ROWS, EDGE_SAMPLE_SEED);
        int[] holdout = data.holdoutRows();
        FloatRows values = data.values();
        List<FeatureProfile> features = new ArrayList<>();
        List<Feature> list = data.schema().features();
        for (int f = 0; f < list.size(); f++) {
            Feature feature = list.get(f);
            if (feature.type() == FeatureType.NUMERIC) {
                double[] present = new double[edgeRows.length];
                int n = 0;
                for (int r : edgeRows) {
                    float v = values.get(r, f);
                    if (!Float.isNaN(v)) {
                        present[n++] = v;
                    }
                }
                NumericBins counts = new NumericBins(feature.name(), quantileEdges(Arrays.copyOf(present, n), bins));
                for (int r : holdout) {
                    counts.add(values.get(r, f));
                }
                features.add(counts.profile());
            } else {
                long[] counts = new long[feature.categories().size()];
                int[] slotOfCode = data.slotsOfCodes(f);
                long unseen = 0;
                long missing = 0;
                for (int r : holdout) {
                    float v = values.get(r, f);
                    if (Float.isNaN(v)) {
                        missing++;
                    } else if (slotOfCode[(int) v] < 0) {
                        unseen++;
                    } else {
                        counts[slotOfCode[(int) v]]++;
                    }
                }
                List<Long> countList = new ArrayList<>();
                for (long k : counts) {
                    countList.add(k);
                }
                features.add(new FeatureProfile(feature.name(), List.of(), feature.categories(), countList, 0, unseen,
                        missing, 0, 0));
            }
        }
        return new DatasetProfile(holdout.length, features, predicted(data.schema(), predictedHoldout));
    }

    /** Training rows the edges are taken from at most. */
    public static final int EDGE_SAMPLE_ROWS = 100_000;
    private static final long EDGE_SAMPLE_SEED = 0x6564676573L;

    private static Map<String, Long> predicted(FeatureSchema schema, int[] predictedHoldout) {
        Map<String, Long> predicted = new LinkedHashMap<>();
        if (predictedHoldout != null) {
            for (String c : schema.classes()) {
                predicted.put(c, 0L);
            }
            for (int p : predictedHoldout) {
                predicted.merge(schema.classes().get(p), 1L, Long::sum);
            }
        }
        return predicted;
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
