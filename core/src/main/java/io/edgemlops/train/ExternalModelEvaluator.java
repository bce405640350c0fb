package io.edgemlops.train;

import io.edgemlops.data.DataException;
import io.edgemlops.data.CompactDataset;
import io.edgemlops.data.Table;
import io.edgemlops.onnx.OnnxModelInfo;
import io.edgemlops.onnx.OnnxModelReader;

/**
 * Brings a model trained elsewhere (e.g. PyTorch or scikit-learn in Python, exported to ONNX)
 * into the same loop: the dataset is prepared exactly as for training (same schema inference,
 * seeded split and imputation), the model runs in ONNX Runtime on the holdout, and the result
 * has the same metrics, baseline and holdout file as a model trained here.
 *
 * <p>The model must take one float input {@code [N, width]} of the encoded features (numeric
 * columns raw, not standardised; categorical columns one-hot in vocabulary order, see
 * {@link io.edgemlops.data.FeatureSchema#inputColumns()}) and produce {@code [N, classes]} scores
 * (probabilities or logits, in the sorted class order of {@code FeatureSchema#classes()}) or
 * {@code [N, 1]} regression values.
 */
public final class ExternalModelEvaluator {

    private ExternalModelEvaluator() {
    }

    /**
     * Evaluates ONNX bytes on a dataset. Only the label, features, task, seed and validationSplit
     * of {@code options} matter.
     *
     * @param source name of the ONNX file for error messages
     * @throws IllegalArgumentException when the model is not ONNX or its input/output widths do not fit the data
     */
    public static TrainingResult evaluate(byte[] onnx, String source, Table table, TrainingOptions options) {
        return evaluate(onnx, source, ModelTrainer.prepare(table, options.dataOptions()), table.source(), options);
    }

    /**
     * Evaluates ONNX bytes on a prepared dataset.
     *
     * @param dataSource names the dataset in error messages
     */
    public static TrainingResult evaluate(byte[] onnx, String source, CompactDataset data, String dataSource,
                                          TrainingOptions options) {
        OnnxModelInfo info;
        try {
            info = OnnxModelReader.read(onnx);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        if (info.inputs().size() != 1) {
            throw new IllegalArgumentException(source + ": the model has " + info.inputs().size()
                    + " inputs; expected one float input [batch, features]");
        }
        int width = data.schema().inputWidth();
        int modelWidth = info.inputWidth();
        if (modelWidth != width) {
            throw new DataException(dataSource, null, "the model " + source + " expects "
                    + (modelWidth < 0 ? "an unknown number of" : Integer.toString(modelWidth))
                    + " input columns but the dataset encodes to " + width + " " + data.schema().inputColumns());
        }
        int expectedOut = data.isClassification() ? data.schema().classes().size() : 1;
        int modelOut = info.outputWidth();
        if (modelOut >= 0 && modelOut != expectedOut) {
            throw new DataException(dataSource, data.schema().label(), "the model " + source + " outputs "
                    + modelOut + " values per row but the label has " + expectedOut
                    + (data.isClassification() ? " classes " + data.schema().classes() : " target"));
        }
        HoldoutEvaluator.Evaluation eval = HoldoutEvaluator.evaluate(onnx, data);
        return new TrainingResult(data.schema(), onnx, eval.metrics(), eval.baseline(),
                data.holdoutCsv(CompactDataset.HOLDOUT_SAMPLE_ROWS, options.seed()),
                data.counts(), data.fillValues(), null, null, null, null, null, options, Double.NaN, true);
    }
}
