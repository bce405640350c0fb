package io.edgemlops.data;

import java.util.List;
import java.util.Map;

/**
 * The baseline a model version is judged against for drift: per-feature distributions and the
 * distribution of predicted classes, both on the holdout split.
 *
 * @param rows rows profiled
 * @param features one profile per input feature, in schema order
 * @param predictedClassCounts predicted class name to count (empty for regression)
 */
public record DatasetProfile(long rows, List<FeatureProfile> features, Map<String, Long> predictedClassCounts) {

    public DatasetProfile {
        features = List.copyOf(features);
        predictedClassCounts = predictedClassCounts == null ? Map.of() : Map.copyOf(predictedClassCounts);
    }
}
