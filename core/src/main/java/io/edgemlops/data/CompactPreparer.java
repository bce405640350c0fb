package io.edgemlops.data;

import io.edgemlops.data.FeatureSchema.Feature;
import io.edgemlops.data.FeatureSchema.FeatureType;
import io.edgemlops.data.FeatureSchema.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Turns a scanned dataset into a {@link CompactDataset}: classes, the seeded split, vocabularies
 * and imputation values, with the rules the {@code io.edgemlops.data} package documents (stratified split per
 * class, vocabularies and means from the training split only, at least two rows per class) and the
 * same split for the same rows and seed. Works on the compact values only: no row is copied.
 */
public final class CompactPreparer {

    private CompactPreparer() {
    }

    /** Prepares a scan; throws {@link DataException} naming the source and column on unusable data. */
    public static CompactDataset prepare(DatasetScan.Scanned scan, DataOptions options) {
        String source = scan.source();
        String label = options.label();
        int rows = scan.values().rows();
        Task task = scan.task();
        List<String> classes = List.of();
        int[] classOf = null;
        if (task == Task.CLASSIFICATION) {
            classes = classes(scan.labelValues());
            if (classes.size() < 2) {
                throw new DataException(source, label, "label has a single class '" + classes.get(0) + "' in all "
                        + rows + " rows; classification needs at least two classes");
            }
            int[] classOfCode = new int[scan.labelValues().size()];
            for (int code = 0; code < classOfCode.length; code++) {
                classOfCode[code] = classes.indexOf(scan.labelValues().get(code));
            }
            // The codes become class indices in place: the scan's array is not needed afterwards.
            classOf = scan.labelCodes();
            long[] perClass = new long[classes.size()];
            for (int r = 0; r < rows; r++) {
                classOf[r] = classOfCode[classOf[r]];
                perClass[classOf[r]]++;
            }
            for (int k = 0; k < perClass.length; k++) {
                if (perClass[k] < 2) {
                    throw new DataException(source, label, "class '" + classes.get(k) + "' has only " + perClass[k]
                            + " row; every class needs at least 2 (one to train on, one to evaluate), so add rows of it,"
                            + " drop it, or use task regression if the label is a measurement");
                }
            }
        }
        int[][] split = split(rows, classOf, classes.size(), options.validationSplit(), options.seed());
        if (split[0].length < 2 || split[1].length < 1) {
            int needed = (int) Math.ceil(Math.max(1 / options.validationSplit(), 2 / (1 - options.validationSplit())));
            throw new DataException(source, null, rows + " usable rows (" + scan.dropped()
                    + " dropped for a missing label) are too few for validationSplit " + options.validationSplit()
                    + ": training got " + split[0].length + " and holdout " + split[1].length
                    + " rows; at least " + Math.max(needed, 3) + " rows are needed");
        }
        int[] train = split[0];

        List<Feature> features = new ArrayList<>();
        Map<String, Double> fills = new LinkedHashMap<>();
        Map<String, Long> imputed = new LinkedHashMap<>();
        long imputedTotal = 0;
        for (int f = 0; f < scan.features().size(); f++) {
            String name = scan.features().get(f);
            if (scan.types().get(f) == FeatureType.NUMERIC) {
                features.add(Feature.numeric(name));
                fills.put(name, trainingMean(scan, f, train));
                long missing = 0;
                for (int r = 0; r < rows; r++) {
                    if (Float.isNaN(scan.values().get(r, f))) {
                        missing++;
                    }
                }
                if (missing > 0) {
                    imputed.put(name, missing);
                    imputedTotal += missing;
                }
            } else {
                features.add(Feature.categorical(name, vocabulary(scan, f, train)));
            }
        }
        FeatureSchema schema = new FeatureSchema(features, label, task, classes);
        RowCounts counts = new RowCounts(scan.read(), rows, scan.dropped(), train.length, split[1].length,
                imputedTotal, imputed);
        return new CompactDataset(schema, scan.values(), scan.dictionaries(), train, split[1], classOf,
                scan.labelNumbers(), fills, counts);
    }

    /** Distinct label values in output order: numeric order when all are numbers, else text order. */
    static List<String> classes(List<String> labelValues) {
        List<String> out = new ArrayList<>(new TreeSet<>(labelValues));
        if (out.stream().allMatch(s -> Values.parseNumber(s) != null)) {
            out.sort(Comparator.comparingDouble(Values::parseNumber));
        }
        return out;
    }

    private static double trainingMean(DatasetScan.Scanned scan, int f, int[] train) {
        double sum = 0;
        long n = 0;
        for (int r : train) {
            float v = scan.values().get(r, f);
            if (!Float.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        if (n == 0) {
            throw new DataException(scan.source(), scan.features().get(f), "has no values in the training split (all "
                    + train.length + " rows are empty or NaN)");
        }
        return sum / n;
    }

    /** Sorted distinct values of a categorical feature in the training rows; too many is an error. */
    private static List<String> vocabulary(DatasetScan.Scanned scan, int f, int[] train) {
        List<String> dictionary = scan.dictionaries().get(f);
        boolean[] seen = new boolean[dictionary.size()];
        for (int r : train) {
            float v = scan.values().get(r, f);
            if (!Float.isNaN(v)) {
                seen[(int) v] = true;
            }
        }
        TreeSet<String> values = new TreeSet<>();
        for (int code = 0; code < seen.length; code++) {
            if (seen[code]) {
                values.add(dictionary.get(code));
            }
        }
        if (values.size() > SchemaInference.MAX_CATEGORIES) {
            throw new DataException(scan.source(), scan.features().get(f), "categorical column has " + values.size()
                    + " distinct values (more than " + SchemaInference.MAX_CATEGORIES
                    + "); it looks like an id or timestamp: leave it out with the features option");
        }
        return new ArrayList<>(values);
    }

    /**
     * Seeded split into {training, holdout} row indices (each ascending). With classes, each class
     * is split on its own so both sides keep the class proportions. The same shuffle as
     * {@code Collections.shuffle} on a list of each class's rows, so a dataset splits as it did
     * before rows were held compactly.
     */
    static int[][] split(int rows, int[] classOf, int classCount, double holdoutShare, long seed) {
        Random random = new Random(seed);
        int[][] members = RowGroups.byClass(rows, classOf, classCount);
        int groups = members.length;
        int holdoutTotal = 0;
        int[] held = new int[groups];
        for (int g = 0; g < groups; g++) {
            int[] group = members[g];
            for (int i = group.length; i > 1; i--) {
                int j = random.nextInt(i);
                int t = group[i - 1];
                group[i - 1] = group[j];
                group[j] = t;
            }
            int n = group.length;
            int h = (int) Math.round(n * holdoutShare);
            h = n >= 2 ? Math.max(1, Math.min(n - 1, h)) : 0;
            held[g] = h;
            holdoutTotal += h;
        }
        int[] train = new int[rows - holdoutTotal];
        int[] holdout = new int[holdoutTotal];
        int t = 0;
        int v = 0;
        for (int g = 0; g < groups; g++) {
            int[] group = members[g];
            System.arraycopy(group, 0, holdout, v, held[g]);
            v += held[g];
            System.arraycopy(group, held[g], train, t, group.length - held[g]);
            t += group.length - held[g];
            members[g] = null;
        }
        Arrays.sort(train);
        Arrays.sort(holdout);
        return new int[][] {train, holdout};
    }
}
