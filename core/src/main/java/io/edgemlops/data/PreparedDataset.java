package io.edgemlops.data;

import java.util.Map;

/**
 * A dataset ready for training or evaluation: the schema, both splits as text (for the holdout
 * file and profiles) and encoded, and the bookkeeping of what was dropped or imputed.
 *
 * @param schema features, label, task and classes
 * @param train training rows as read
 * @param holdout holdout rows as read
 * @param trainX encoded training features
 * @param holdoutX encoded holdout features
 * @param trainClasses class index per training row (null for regression)
 * @param holdoutClasses class index per holdout row (null for regression)
 * @param trainTargets target per training row (null for classification)
 * @param holdoutTargets target per holdout row (null for classification)
 * @param fillValues value imputed for a missing numeric feature: its training-split mean
 * @param counts row accounting
 */
public record PreparedDataset(
        FeatureSchema schema,
        Table train,
        Table holdout,
        float[][] trainX,
        float[][] holdoutX,
        int[] trainClasses,
        int[] holdoutClasses,
        double[] trainTargets,
        double[] holdoutTargets,
        Map<String, Double> fillValues,
        RowCounts counts) {

    public boolean isClassification() {
        return schema.task() == FeatureSchema.Task.CLASSIFICATION;
    }
}
