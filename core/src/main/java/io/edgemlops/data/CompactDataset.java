package io.edgemlops.data;

import io.edgemlops.data.FeatureSchema.Feature;
import io.edgemlops.data.FeatureSchema.FeatureType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A dataset ready for training, held compactly: the scanned values ({@link FloatRows}), the seeded
 * split as row indices, a class or target per row, and what encoding needs. Rows are encoded as the
 * model's inputs only when asked ({@link #encode}), a batch at a time, so the whole dataset never
 * exists twice.
 *
 * @param schema features (with vocabularies), label, task and classes
 * @param values one row per used row: numbers, or dictionary codes of categorical features; NaN when missing
 * @param dictionaries per feature, the text of each dictionary code (empty for numeric features)
 * @param trainRows indices of the training rows, ascending
 * @param holdoutRows indices of the holdout rows, ascending
 * @param classes class index per row (classification), or null
 * @param targets target per row (regression), or null
 * @param fillValues per numeric feature, the training mean imputed for a missing value
 * @param counts where the rows went
 */
public record CompactDataset(FeatureSchema schema, FloatRows values, List<List<String>> dictionaries,
                             int[] trainRows, int[] holdoutRows, int[] classes, double[] targets,
                             Map<String, Double> fillValues, RowCounts counts) {

    /** Holdout rows registered with a version at most: enough to validate and calibrate on. */
    public static final int HOLDOUT_SAMPLE_ROWS = 50_000;

    public boolean isClassification() {
        return schema.task() == FeatureSchema.Task.CLASSIFICATION;
    }

    /**
     * For a categorical feature, the position in its vocabulary of each dictionary code, -1 for a value the
     * training rows did not have (it encodes as all zeros and counts as unseen in the baseline).
     */
    public int[] slotsOfCodes(int feature) {
        List<String> dictionary = dictionaries.get(feature);
        List<String> categories = schema.features().get(feature).categories();
        int[] slots = new int[dictionary.size()];
        for (int code = 0; code < slots.length; code++) {
            slots[code] = categories.indexOf(dictionary.get(code));
        }
        return slots;
    }

    /** An encoder of rows into the model's input columns. */
    public RowEncoder encoder() {
        return new RowEncoder(this);
    }

    /** Encodes rows as the model's inputs: numeric values (missing ones imputed), categories one-hot. */
    public static final class RowEncoder {
        private final FloatRows values;
        private final int features;
        private final int width;
        private final float[] fill;
        private final int[][] slotOfCode;
        private final int[] offset;
        private final float[] raw;

        private RowEncoder(CompactDataset data) {
            this.values = data.values();
            List<Feature> list = data.schema().features();
            this.features = list.size();
            this.width = data.schema().inputWidth();
            this.fill = new float[features];
            this.slotOfCode = new int[features][];
            this.offset = new int[features];
            this.raw = new float[features];
            int at = 0;
            for (int f = 0; f < features; f++) {
                Feature feature = list.get(f);
                offset[f] = at;
                at += feature.width();
                if (feature.type() == FeatureType.NUMERIC) {
                    fill[f] = data.fillValues().getOrDefault(feature.name(), 0.0).floatValue();
                } else {
                    slotOfCode[f] = data.slotsOfCodes(f);
                }
            }
        }

        /** Input columns per row. */
        public int width() {
            return width;
        }

        /** Writes row {@code row}'s inputs into {@code out} from {@code at}. */
        public void encode(int row, float[] out, int at) {
            values.copyRow(row, raw, 0);
            for (int f = 0; f < features; f++) {
                float v = raw[f];
                int[] slots = slotOfCode[f];
                if (slots == null) {
                    out[at + offset[f]] = Float.isNaN(v) ? fill[f] : v;
                } else {
                    int base = at + offset[f];
                    int slot = Float.isNaN(v) ? -1 : slots[(int) v];
                    int categories = (f + 1 < features ? offset[f + 1] : width) - offset[f];
                    Arrays.fill(out, base, base + categories, 0f);
                    if (slot >= 0) {
                        out[base + slot] = 1f;
                    }
                }
            }
        }

        /** The inputs of the given rows, row-major. */
        public float[] encode(int[] rows, int from, int count) {
            float[] out = new float[count * width];
            for (int i = 0; i < count; i++) {
                encode(rows[from + i], out, i * width);
            }
            return out;
        }
    }

    /**
     * A seeded uniform sample of at most {@code cap} holdout rows (all of them when fewer), in
     * dataset order, as UTF-8 CSV with the feature columns and the label: what the version keeps for
     * later validation and calibration. Numbers are written as the model read them (float32); a
     * missing value as an empty cell.
     */
    public byte[] holdoutCsv(int cap, long seed) {
        int[] rows = RowSample.uniform(holdoutRows, cap, seed ^ 0x5DEECE66DL);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            List<Feature> features = schema.features();
            String[] cells = new String[features.size() + 1];
            for (int f = 0; f < features.size(); f++) {
                cells[f] = features.get(f).name();
            }
            cells[features.size()] = schema.label();
            Table.writeRow(w, cells);
            for (int row : rows) {
                for (int f = 0; f < features.size(); f++) {
                    float v = values.get(row, f);
                    cells[f] = Float.isNaN(v) ? ""
                            : features.get(f).type() == FeatureType.NUMERIC ? Float.toString(v)
                            : dictionaries.get(f).get((int) v);
                }
                cells[features.size()] = isClassification() ? schema.classes().get(classes[row])
                        : Double.toString(targets[row]);
                Table.writeRow(w, cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
