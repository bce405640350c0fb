package io.edgemlops.train;

import io.edgemlops.data.CompactDataset;

/**
 * Per-column standardisation fitted on the training split: {@code (x - mean) * scale} with
 * {@code scale = 1 / std}. A column with no spread keeps scale 1, so it passes through centred.
 * The arithmetic is done in float exactly as the exported ONNX graph's Sub and Mul do it, so DJL
 * and ONNX Runtime see the same inputs.
 *
 * @param mean column means
 * @param scale column reciprocal standard deviations (population)
 */
record Standardiser(float[] mean, float[] scale) {

    /**
     * Fits on the encoded inputs of {@code rows} of a dataset, in two passes over the rows (means,
     * then deviations), each column summed in row order, so the same rows give the same statistics
     * bit for bit as when they were held as one matrix.
     */
    static Standardiser fit(CompactDataset data, int[] rows) {
        CompactDataset.RowEncoder encoder = data.encoder();
        int width = encoder.width();
        float[] x = new float[width];
        double[] sum = new double[width];
        for (int r : rows) {
            encoder.encode(r, x, 0);
            for (int c = 0; c < width; c++) {
                sum[c] += x[c];
            }
        }
        double[] mean = new double[width];
        for (int c = 0; c < width; c++) {
            mean[c] = rows.length == 0 ? 0 : sum[c] / rows.length;
        }
        double[] ss = new double[width];
        for (int r : rows) {
            encoder.encode(r, x, 0);
            for (int c = 0; c < width; c++) {
                double d = x[c];
                ss[c] += (d - mean[c]) * (d - mean[c]);
            }
        }
        float[] m = new float[width];
        float[] scale = new float[width];
        for (int c = 0; c < width; c++) {
            double std = rows.length == 0 ? 0 : Math.sqrt(ss[c] / rows.length);
            m[c] = (float) mean[c];
            scale[c] = std > 1e-12 ? (float) (1 / std) : 1f;
        }
        return new Standardiser(m, scale);
    }

    /** Mean and population standard deviation. */
    static double[] meanStd(double[] v) {
        double sum = 0;
        for (double d : v) {
            sum += d;
        }
        double mean = v.length == 0 ? 0 : sum / v.length;
        double ss = 0;
        for (double d : v) {
            ss += (d - mean) * (d - mean);
        }
        return new double[] {mean, v.length == 0 ? 0 : Math.sqrt(ss / v.length)};
    }

    /**
     * Scaling of a regression target: the network learns {@code (y - mean) / scale} and the
     * exported graph maps its output back with {@code out * scale + mean}. Classification uses
     * {@link #IDENTITY}.
     */
    record Target(float mean, float scale) {

        static final Target IDENTITY = new Target(0, 1);

        static Target fit(double[] y) {
            double[] ms = meanStd(y);
            return new Target((float) ms[0], (float) (ms[1] > 0 ? ms[1] : 1));
        }

        /** Fits on the targets of {@code rows}. */
        static Target fit(double[] targets, int[] rows) {
            double[] y = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                y[i] = targets[rows[i]];
            }
            return fit(y);
        }

        float toNetwork(double y) {
            return (float) ((y - mean) / scale);
        }
    }
}
