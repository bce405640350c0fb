package io.edgemlops.data;

import io.edgemlops.data.FeatureSchema.Feature;
import io.edgemlops.data.FeatureSchema.FeatureType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns table rows into the model's input matrix per a {@link FeatureSchema}, and labels into
 * class indices or target values.
 *
 * <p>Numeric features are parsed; a missing numeric value is replaced by the feature's fill
 * value (the training-split mean, see {@link CompactDataset#fillValues()}) and counted.
 * Categorical features are one-hot over the schema's vocabulary; a category not in the vocabulary,
 * or a missing one, encodes as all zeros. A non-numeric value in a numeric column is an error
 * naming the row and column.
 */
public final class FeatureEncoder {

    private final FeatureSchema schema;
    private final Map<String, Double> fillValues;

    /**
     * @param schema the model's features
     * @param fillValues value used for a missing numeric feature, by name; absent features use 0
     */
    public FeatureEncoder(FeatureSchema schema, Map<String, Double> fillValues) {
        this.schema = schema;
        this.fillValues = fillValues == null ? Map.of() : Map.copyOf(fillValues);
    }

    /** The encoded matrix and how many values per feature were imputed. */
    public record Encoded(float[][] rows, Map<String, Long> imputed) {
        /** Total imputed values over all features. */
        public long imputedTotal() {
            long sum = 0;
            for (long v : imputed.values()) {
                sum += v;
            }
            return sum;
        }
    }

    /** Encodes every row of the table; throws {@link DataException} on unusable values. */
    public Encoded encode(Table table) {
        int n = table.rowCount();
        float[][] out = new float[n][schema.inputWidth()];
        Map<String, Long> imputed = new LinkedHashMap<>();
        int offset = 0;
        for (Feature f : schema.features()) {
            int c = table.columnIndex(f.name());
            if (c < 0) {
                throw new DataException(table.source(), f.name(),
                        "feature column not found; columns are " + table.columnNames());
            }
            if (f.type() == FeatureType.NUMERIC) {
                long missing = 0;
                float fill = fillValues.getOrDefault(f.name(), 0.0).floatValue();
                for (int r = 0; r < n; r++) {
                    String s = table.value(r, c);
                    if (Values.isMissing(s)) {
                        out[r][offset] = fill;
                        missing++;
                        continue;
                    }
                    Double v = Values.parseNumber(s);
                    if (v == null) {
                        throw table.error(r, f.name(), "'" + s + "' is not a number (the column is numeric)");
                    }
                    out[r][offset] = v.floatValue();
                }
                if (missing > 0) {
                    imputed.put(f.name(), missing);
                }
            } else {
                List<String> vocab = f.categories();
                Map<String, Integer> pos = new java.util.HashMap<>();
                for (int i = 0; i < vocab.size(); i++) {
                    pos.put(vocab.get(i), i);
                }
                for (int r = 0; r < n; r++) {
                    String s = table.value(r, c);
                    if (!Values.isMissing(s)) {
                        Integer i = pos.get(Values.category(s));
                        if (i != null) {
                            out[r][offset + i] = 1f;
                        }
                    }
                }
            }
            offset += f.width();
        }
        return new Encoded(out, imputed);
    }

    /** Class index of each row's label in {@code schema.classes()}; unknown or missing labels are errors. */
    public int[] classIndices(Table table) {
        int c = labelColumn(table);
        Map<String, Integer> pos = new java.util.HashMap<>();
        for (int i = 0; i < schema.classes().size(); i++) {
            pos.put(schema.classes().get(i), i);
        }
        int[] out = new int[table.rowCount()];
        for (int r = 0; r < out.length; r++) {
            String s = table.value(r, c);
            if (Values.isMissing(s)) {
                throw table.error(r, schema.label(), "label is missing");
            }
            Integer i = pos.get(Values.category(s));
            if (i == null) {
                throw table.error(r, schema.label(), "label '" + s + "' is not one of the classes " + schema.classes());
            }
            out[r] = i;
        }
        return out;
    }

    /** Numeric target of each row (regression); missing or non-numeric labels are errors. */
    public double[] targets(Table table) {
        int c = labelColumn(table);
        double[] out = new double[table.rowCount()];
        for (int r = 0; r < out.length; r++) {
            String s = table.value(r, c);
            Double v = Values.isMissing(s) ? null : Values.parseNumber(s);
            if (v == null) {
                throw table.error(r, schema.label(), "label '" + s + "' is not a number (the task is regression)");
            }
            out[r] = v;
        }
        return out;
    }

    private int labelColumn(Table table) {
        int c = table.columnIndex(schema.label());
        if (c < 0) {
            throw new DataException(table.source(), schema.label(),
                    "label column not found; columns are " + table.columnNames());
        }
        return c;
    }
}
