package io.edgemlops.train;

import ai.onnxruntime.OrtException;
import io.edgemlops.data.CompactDataset;
import io.edgemlops.data.DatasetProfile;
import io.edgemlops.data.DatasetProfiler;
import io.edgemlops.runtime.OnnxPredictor;

/**
 * Runs an ONNX model on the whole holdout split with ONNX Runtime (as a device would) and derives
 * the metrics and the drift baseline from its predictions. The holdout goes through in chunks, so a
 * holdout of millions of rows costs one chunk of memory plus its outputs.
 */
final class HoldoutEvaluator {

    /** Rows per ONNX Runtime call. */
    private static final int CHUNK = 8192;

    /** Model outputs on the holdout (row-major, {@code width} per row) with the metrics and baseline. */
    record Evaluation(float[] outputs, int width, Metrics metrics, DatasetProfile baseline) {
    }

    private HoldoutEvaluator() {
    }

    static Evaluation evaluate(byte[] onnx, CompactDataset data) {
        int[] rows = data.holdoutRows();
        CompactDataset.RowEncoder encoder = data.encoder();
        float[] outputs = null;
        int k = 0;
        try (OnnxPredictor predictor = new OnnxPredictor(onnx)) {
            float[][] chunk = new float[Math.min(CHUNK, rows.length)][encoder.width()];
            for (int from = 0; from < rows.length; from += CHUNK) {
                int count = Math.min(CHUNK, rows.length - from);
                if (count < chunk.length) {
                    chunk = new float[count][encoder.width()];
                }
                for (int i = 0; i < count; i++) {
                    encoder.encode(rows[from + i], chunk[i], 0);
                }
                float[][] scores = predictor.predict(chunk);
                k = scores[0].length;
                if (outputs == null) {
                    outputs = new float[rows.length * k];
                }
                for (int i = 0; i < count; i++) {
                    System.arraycopy(scores[i], 0, outputs, (from + i) * k, k);
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not run the model: " + e.getMessage(), e);
        }
        Metrics metrics;
        int[] predicted = null;
        if (data.isClassification()) {
            predicted = new int[rows.length];
            int[] actual = new int[rows.length];
            float[] row = new float[k];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(outputs, i * k, row, 0, k);
                predicted[i] = OnnxPredictor.argmax(row);
                actual[i] = data.classes()[rows[i]];
            }
            metrics = Metrics.classification(actual, predicted, data.schema().classes());
        } else {
            double[] values = new double[rows.length];
            double[] actual = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                values[i] = outputs[i * k];
                actual[i] = data.targets()[rows[i]];
            }
            metrics = Metrics.regression(actual, values);
        }
        DatasetProfile baseline = DatasetProfiler.profile(data, predicted, DatasetProfiler.DEFAULT_BINS);
        return new Evaluation(outputs, k, metrics, baseline);
    }
}
