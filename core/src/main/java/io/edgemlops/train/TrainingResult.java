package io.edgemlops.train;

import io.edgemlops.data.DatasetProfile;
import io.edgemlops.data.FeatureSchema;
import io.edgemlops.data.RowCounts;
import java.util.List;
import java.util.Map;

/**
 * Everything a training run (or the evaluation of a model trained elsewhere) produced, as plain
 * values for the registry to store.
 *
 * @param schema features, label, task and classes; the model's input contract
 * @param onnx the fp32 ONNX model
 * @param metrics quality on the holdout, measured with ONNX Runtime on the exported model
 * @param baseline drift baseline (training-split bin edges, holdout counts and predictions)
 * @param holdoutCsv the holdout rows as UTF-8 CSV with the original columns, label included,
 *     for later validation and quantization calibration
 * @param rows where the dataset's rows went (used, dropped, imputed)
 * @param fillValues value imputed per numeric feature for missing inputs (training-split mean)
 * @param history per-epoch progress (empty for an external model)
 * @param epochsRun epochs trained (null for an external model)
 * @param maxEpochs the epoch limit of the run: the user's {@code epochs} or the automatic limit
 *     (null for an external model)
 * @param bestEpoch the epoch whose weights the model has: lowest loss on the validation slice of
 *     the training split (null for an external model)
 * @param stopReason why training ended, as one sentence (null for an external model)
 * @param parameters the options used
 * @param exportMaxAbsDiff max |ONNX Runtime - DJL| over the holdout outputs (NaN for an external model)
 * @param external whether the model was trained elsewhere and only evaluated here
 */
public record TrainingResult(
        FeatureSchema schema,
        byte[] onnx,
        Metrics metrics,
        DatasetProfile baseline,
        byte[] holdoutCsv,
        RowCounts rows,
        Map<String, Double> fillValues,
        List<EpochStats> history,
        Integer epochsRun,
        Integer maxEpochs,
        Integer bestEpoch,
        String stopReason,
        TrainingOptions parameters,
        double exportMaxAbsDiff,
        boolean external) {

    public TrainingResult {
        fillValues = fillValues == null ? Map.of() : Map.copyOf(fillValues);
        history = history == null ? List.of() : List.copyOf(history);
    }
}
