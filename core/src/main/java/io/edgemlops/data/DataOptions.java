package io.edgemlops.data;

import io.edgemlops.data.FeatureSchema.FeatureType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.edgemlops.data.FeatureSchema.Task;
import java.util.List;

/**
 * What to take from a table: the label, optionally the features (default: every other column),
 * optionally the task (default: inferred, see {@link SchemaInference}), and how to split off the
 * holdout.
 *
 * @param label label column name
 * @param features feature columns in model order, or null/empty for all columns but the label
 * @param task forced task, or null to infer it
 * @param validationSplit share of rows held out for evaluation and the baseline, in (0, 1)
 * @param seed seed of the split
 * @param types column types given by the user, overriding inference (e.g. a zone coded 1/2/3 is categorical)
 */
public record DataOptions(String label, List<String> features, Task task, double validationSplit, long seed,
                          Map<String, FeatureType> types) {

    /** Options with every column type inferred. */
    public DataOptions(String label, List<String> features, Task task, double validationSplit, long seed) {
        this(label, features, task, validationSplit, seed, Map.of());
    }

    public DataOptions {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("label: a label column name is required");
        }
        features = features == null ? List.of() : List.copyOf(features);
        types = types == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(types));
        if (types.containsKey(label)) {
            throw new IllegalArgumentException("label '" + label + "' cannot also be given a feature type");
        }
        if (!(validationSplit > 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validationSplit: must be between 0 and 1 (exclusive), got "
                    + validationSplit);
        }
    }
}
