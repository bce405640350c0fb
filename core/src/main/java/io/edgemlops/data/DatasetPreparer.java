package io.edgemlops.data;

import io.edgemlops.data.FeatureSchema.Feature;
import io.edgemlops.data.FeatureSchema.FeatureType;
import io.edgemlops.data.FeatureSchema.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Turns a table into training and holdout matrices.
 *
 * <p>Steps, in order: check the label and feature columns exist; drop rows whose label is
 * missing (counted in {@link RowCounts#dropped()}); infer or check the task and classes; split
 * rows with the seed (stratified per class for classification, so every class is represented in
 * both splits when it has at least two rows); infer column types and, from the training split
 * only, categorical vocabularies and numeric means; encode both splits.
 *
 * <p><b>Missing values.</b> A missing numeric feature (empty, NA, NaN, ...; see
 * {@link Values#isMissing}) is imputed with that feature's mean over the training split, in both
 * splits, so the holdout sees exactly what training saw and no holdout information leaks into
 * training. The counts are in {@link RowCounts#imputedByFeature()} and the fill values in
 * {@link PreparedDataset#fillValues()}. A missing categorical value encodes as all zeros.
 */
public final class DatasetPreparer {

    private DatasetPreparer() {
    }

    /** Prepares a table; throws {@link DataException} naming file, row and column on bad data. */
    public static PreparedDataset prepare(Table table, DataOptions options) {
        String source = table.source();
        String label = options.label();
        if (!table.hasColumn(label)) {
            throw new DataException(source, label, "label column not found; columns are " + table.columnNames());
        }
        List<String> featureNames = new ArrayList<>();
        if (options.features().isEmpty()) {
            for (String c : table.columnNames()) {
                if (!c.equals(label)) {
                    featureNames.add(c);
                }
            }
        } else {
            for (String f : options.features()) {
                if (!table.hasColumn(f)) {
                    throw new DataException(source, f, "requested feature column not found; columns are "
                            + table.columnNames());
                }
                if (f.equals(label)) {
                    throw new DataException(source, f, "the label column cannot also be a feature");
                }
                featureNames.add(f);
            }
        }
        if (featureNames.isEmpty()) {
            throw new DataException(source, null, "no feature columns besides the label '" + label + "'");
        }

        // Rows with a missing label carry no signal: drop them.
        int labelCol = table.columnIndex(label);
        List<Integer> keep = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            if (!Values.isMissing(table.value(r, labelCol))) {
                keep.add(r);
            }
        }
        long dropped = table.rowCount() - keep.size();
        Table usable = table.selectRows(keep.stream().mapToInt(Integer::intValue).toArray());
        if (usable.rowCount() == 0) {
            throw new DataException(source, label, "no rows with a label (" + table.rowCount() + " rows read)");
        }

        Task task = options.task() != null ? options.task() : SchemaInference.inferTask(usable, label);
        List<String> classes = List.of();
        int[] allClasses = null;
        if (task == Task.CLASSIFICATION) {
            classes = SchemaInference.classes(usable, label);
            if (classes.size() < 2) {
                throw new DataException(source, label, "label has a single class '" + classes.get(0) + "' in all "
                        + usable.rowCount() + " rows; classification needs at least two classes");
            }
            allClasses = new FeatureEncoder(new FeatureSchema(List.of(), label, task, classes), null)
                    .classIndices(usable);
        } else {
            new FeatureEncoder(new FeatureSchema(List.of(), label, task, List.of()), null).targets(usable);
        }

        if (allClasses != null) {
            long[] perClass = new long[classes.size()];
            for (int c : allClasses) {
                perClass[c]++;
            }
            for (int k = 0; k < perClass.length; k++) {
                if (perClass[k] < 2) {
                    throw new DataException(source, label, "class '" + classes.get(k) + "' has only " + perClass[k]
                            + " row; every class needs at least 2 (one to train on, one to evaluate), so add rows of it,"
                            + " drop it, or use task regression if the label is a measurement");
                }
            }
        }
        int[][] split = split(usable.rowCount(), allClasses, classes.size(), options.validationSplit(), options.seed());
        if (split[0].length < 2 || split[1].length < 1) {
            int needed = (int) Math.ceil(Math.max(1 / options.validationSplit(), 2 / (1 - options.validationSplit())));
            throw new DataException(source, null, usable.rowCount() + " usable rows (" + dropped
                    + " dropped for a missing label) are too few for validationSplit " + options.validationSplit()
                    + ": training got " + split[0].length + " and holdout " + split[1].length
                    + " rows; at least " + Math.max(needed, 3) + " rows are needed");
        }
        Table train = usable.selectRows(split[0]);
        Table holdout = usable.selectRows(split[1]);

        List<Feature> features = new ArrayList<>();
        Map<String, Double> fills = new LinkedHashMap<>();
        for (String typed : options.types().keySet()) {
            if (!featureNames.contains(typed)) {
                throw new DataException(source, typed, "a type was given for column '" + typed
                        + "', which is not one of the features " + featureNames);
            }
        }
        for (String name : featureNames) {
            FeatureType given = options.types().get(name);
            FeatureType type = given != null ? given : SchemaInference.columnType(usable, name);
            if (type == FeatureType.NUMERIC) {
                features.add(Feature.numeric(name));
                fills.put(name, trainingMean(train, name));
            } else {
                features.add(Feature.categorical(name, SchemaInference.vocabulary(train, name)));
            }
        }
        FeatureSchema schema = new FeatureSchema(features, label, task, classes);
        FeatureEncoder encoder = new FeatureEncoder(schema, fills);
        FeatureEncoder.Encoded trainX = encoder.encode(train);
        FeatureEncoder.Encoded holdoutX = encoder.encode(holdout);

        Map<String, Long> imputed = new LinkedHashMap<>(trainX.imputed());
        holdoutX.imputed().forEach((k, v) -> imputed.merge(k, v, Long::sum));
        long imputedTotal = trainX.imputedTotal() + holdoutX.imputedTotal();
        RowCounts counts = new RowCounts(table.rowCount(), usable.rowCount(), dropped, train.rowCount(),
                holdout.rowCount(), imputedTotal, imputed);

        boolean cls = task == Task.CLASSIFICATION;
        return new PreparedDataset(schema, train, holdout, trainX.rows(), holdoutX.rows(),
                cls ? encoder.classIndices(train) : null, cls ? encoder.classIndices(holdout) : null,
                cls ? null : encoder.targets(train), cls ? null : encoder.targets(holdout),
                fills, counts);
    }

    /** Mean of the present values of a numeric column in the training split. */
    private static double trainingMean(Table train, String column) {
        int c = train.columnIndex(column);
        double sum = 0;
        long n = 0;
        for (int r = 0; r < train.rowCount(); r++) {
            String s = train.value(r, c);
            if (!Values.isMissing(s)) {
                Double v = Values.parseNumber(s);
                if (v != null) {
                    sum += v;
                    n++;
                }
            }
        }
        if (n == 0) {
            throw new DataException(train.source(), column, "has no values in the training split (all "
                    + train.rowCount() + " rows are empty or NaN)");
        }
        return sum / n;
    }

    /**
     * Seeded split into {training, holdout} row indices (each ascending). With classes, each
     * class is split on its own so both sides keep the class proportions.
     */
    static int[][] split(int rows, int[] classOf, int classCount, double holdoutShare, long seed) {
        Random random = new Random(seed);
        List<List<Integer>> groups = new ArrayList<>();
        if (classOf == null) {
            groups.add(new ArrayList<>());
            for (int r = 0; r < rows; r++) {
                groups.get(0).add(r);
            }
        } else {
            for (int k = 0; k < classCount; k++) {
                groups.add(new ArrayList<>());
            }
            for (int r = 0; r < rows; r++) {
                groups.get(classOf[r]).add(r);
            }
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> holdout = new ArrayList<>();
        for (List<Integer> group : groups) {
            Collections.shuffle(group, random);
            int n = group.size();
            int h = (int) Math.round(n * holdoutShare);
            if (n >= 2) {
                h = Math.max(1, Math.min(n - 1, h));
            } else {
                h = 0;
            }
            holdout.addAll(group.subList(0, h));
            train.addAll(group.subList(h, n));
        }
        int[] t = train.stream().mapToInt(Integer::intValue).toArray();
        int[] v = holdout.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(t);
        Arrays.sort(v);
        return new int[][] {t, v};
    }
}
