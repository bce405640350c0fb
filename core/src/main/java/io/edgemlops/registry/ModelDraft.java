package io.edgemlops.registry;

import io.edgemlops.data.DatasetProfile;
import io.edgemlops.data.FeatureSchema;
import io.edgemlops.store.BlobRef;
import io.edgemlops.train.Metrics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything about a new model version except its number and time, which the registry assigns.
 * The blobs it references must already be in the store ({@link ModelRegistry#storeVariant} puts them
 * there): blobs are always written before anything points at them.
 *
 * @param task classification or regression
 * @param schema input features and label
 * @param metrics quality on the holdout split
 * @param baseline holdout profile that drift is measured against
 * @param lineage data and build provenance
 * @param variants variant name to variant (at least one, usually {@code fp32})
 * @param holdout the holdout rows used for validation, or null
 * @param fillValues value used for a missing numeric feature (its training mean), applied before inference
 */
public record ModelDraft(FeatureSchema.Task task, FeatureSchema schema, Metrics metrics, DatasetProfile baseline,
                         Lineage lineage, Map<String, Variant> variants, BlobRef holdout,
                         Map<String, Double> fillValues) {

    public ModelDraft {
        fillValues = fillValues == null ? Map.of() : Map.copyOf(fillValues);
        variants = variants == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variants));
    }
}
