package io.edgemlops.train;

import ai.onnxruntime.OrtException;
import io.edgemlops.data.DatasetProfile;
import io.edgemlops.data.DatasetProfiler;
import io.edgemlops.data.PreparedDataset;
import io.edgemlops.runtime.OnnxPredictor;

/**
 * Runs an ONNX model on the holdout split with ONNX Runtime (as a device would) and derives the
 * metrics and the drift baseline from its predictions.
 */
final class HoldoutEvaluator {

    /** Model outputs on the holdout with the metrics and baseline derived from them. */
    record Evaluation(float[][] outputs, Metrics metrics, DatasetProfile baseline) {
    }

    private HoldoutEvaluator() {
    }

    static Evaluation evaluate(byte[] onnx, PreparedDataset data) {
        float[][] outputs;
        try (OnnxPredictor predictor = new OnnxPredictor(onnx)) {
            outputs = predictor.predict(data.holdoutX());
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not run the model: " + e.getMessage(), e);
        }
        Metrics metrics;
        int[] predicted = null;
        if (data.isClassification()) {
            predicted = OnnxPredictor.argmax(outputs);
            metrics = Metrics.classification(data.holdoutClasses(), predicted, data.schema().classes());
        } else {
            double[] values = new double[outputs.length];
            for (int i = 0; i < outputs.length; i++) {
                values[i] = outputs[i][0];
            }
            metrics = Metrics.regression(data.holdoutTargets(), values);
        }
        DatasetProfile baseline = DatasetProfiler.profile(data.schema(), data.train(), data.holdout(), predicted,
                DatasetProfiler.DEFAULT_BINS);
        return new Evaluation(outputs, metrics, baseline);
    }
}
