package io.edgemlops.train;

import io.edgemlops.data.CompactDataset;

/**
 * A set of a dataset's rows (the fit rows, the validation slice, the holdout) as the network sees
 * them: encoded, standardised, with their answers. Rows are produced a chunk at a time into
 * buffers the caller reuses, so no set is ever held encoded as a whole.
 */
final class TrainingRows {

    private final CompactDataset.RowEncoder encoder;
    private final Standardiser inputs;
    private final Standardiser.Target target;
    private final int[] rows;
    private final int[] classes;
    private final double[] targets;

    /**
     * @param data the dataset
     * @param rows dataset row indices in this set, in set order
     */
    TrainingRows(CompactDataset data, int[] rows, Standardiser inputs, Standardiser.Target target) {
        this.encoder = data.encoder();
        this.inputs = inputs;
        this.target = target;
        this.rows = rows;
        this.classes = data.classes();
        this.targets = data.targets();
    }

    int count() {
        return rows.length;
    }

    int width() {
        return encoder.width();
    }

    boolean classification() {
        return classes != null;
    }

    /**
     * Writes set positions {@code order[from .. from+count)} into {@code x} (row-major,
     * standardised) and their class indices into {@code labels} (classification) or network-scale
     * targets into {@code values} (regression).
     */
    void fill(int[] order, int from, int count, float[] x, long[] labels, float[] values) {
        int width = encoder.width();
        float[] mean = inputs.mean();
        float[] scale = inputs.scale();
        for (int i = 0; i < count; i++) {
            int row = rows[order == null ? from + i : order[from + i]];
            int at = i * width;
            encoder.encode(row, x, at);
            for (int c = 0; c < width; c++) {
                // Float arithmetic as the exported graph's Sub and Mul: DJL and ONNX Runtime see the same inputs.
                x[at + c] = (x[at + c] - mean[c]) * scale[c];
            }
            if (classes != null) {
                labels[i] = classes[row];
            } else {
                values[i] = target.toNetwork(targets[row]);
            }
        }
    }
}
