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
    private final int outputs;
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
        this.outputs = data.isClassification() ? data.schema().classes().size() : 1;
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

    /** The network's outputs: one per class, or the one regression value. */
    int outputs() {
        return outputs;
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

    /** Receives one chunk of a set, in set order, in arrays of exactly the chunk's size. */
    @FunctionalInterface
    interface ChunkVisitor {
        void visit(int from, int count, float[] x, long[] classes, float[] targets);
    }

    /** Hands the whole set to {@code visitor} in chunks of at most {@code chunkRows} rows (evaluation, prediction). */
    void forEachChunk(int chunkRows, ChunkVisitor visitor) {
        int chunk = Math.max(1, Math.min(chunkRows, count()));
        int width = width();
        float[] x = new float[chunk * width];
        long[] classes = classification() ? new long[chunk] : null;
        float[] values = classification() ? null : new float[chunk];
        for (int from = 0; from < count(); from += chunk) {
            int n = Math.min(chunk, count() - from);
            if (n < chunk) {
                x = new float[n * width];
                classes = classes == null ? null : new long[n];
                values = values == null ? null : new float[n];
            }
            fill(null, from, n, x, classes, values);
            visitor.visit(from, n, x, classes, values);
        }
    }
}
