package io.edgemlops.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The columns a model consumes and the label it predicts, as recorded in the model card.
 *
 * <p>Models take one float tensor of shape {@code [batch, inputWidth()]}: numeric features in
 * order, each categorical feature expanded one-hot over its training vocabulary. The schema is
 * what validation compares between versions: a removed or retyped feature breaks devices.
 *
 * @param features input columns in model order
 * @param label name of the label column
 * @param task classification or regression
 * @param classes class names in output order (empty for regression)
 */
public record FeatureSchema(List<Feature> features, String label, Task task, List<String> classes) {

    public FeatureSchema {
        features = List.copyOf(features);
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(task, "task");
        classes = classes == null ? List.of() : List.copyOf(classes);
    }

    /** Width of the model's input tensor after one-hot expansion. */
    public int inputWidth() {
        int width = 0;
        for (Feature f : features) {
            width += f.width();
        }
        return width;
    }

    /** Names of the input tensor's columns, {@code name} or {@code name=category}. */
    public List<String> inputColumns() {
        List<String> columns = new ArrayList<>();
        for (Feature f : features) {
            if (f.type() == FeatureType.NUMERIC) {
                columns.add(f.name());
            } else {
                for (String c : f.categories()) {
                    columns.add(f.name() + "=" + c);
                }
            }
        }
        return columns;
    }

    /** The feature with this name, or null. */
    public Feature feature(String name) {
        for (Feature f : features) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** Whether a column is numeric or categorical. */
    public enum FeatureType { NUMERIC, CATEGORICAL }

    /** What the model predicts. */
    public enum Task { CLASSIFICATION, REGRESSION }

    /**
     * One input column.
     *
     * @param name column name in the dataset
     * @param type numeric or categorical
     * @param categories training vocabulary of a categorical column, in one-hot order (empty for numeric)
     */
    public record Feature(String name, FeatureType type, List<String> categories) {
        public Feature {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            categories = categories == null ? List.of() : List.copyOf(categories);
        }

        public static Feature numeric(String name) {
            return new Feature(name, FeatureType.NUMERIC, List.of());
        }

        public static Feature categorical(String name, List<String> categories) {
            return new Feature(name, FeatureType.CATEGORICAL, categories);
        }

        /** Number of input tensor columns this feature occupies. */
        public int width() {
            return type == FeatureType.NUMERIC ? 1 : categories.size();
        }
    }
}
