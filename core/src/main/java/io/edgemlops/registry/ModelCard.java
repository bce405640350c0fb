package io.edgemlops.registry;

import io.edgemlops.data.DatasetProfile;
import io.edgemlops.data.FeatureSchema;
import io.edgemlops.store.BlobRef;
import io.edgemlops.train.Metrics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A registered model version: what it is, how good it is, where it came from and where its files
 * are. Stored as {@code models/<name>/versions/<n>/model.json}.
 *
 * @param name model name
 * @param version version number, from 1
 * @param createdAt registration time
 * @param task classification or regression
 * @param schema input features and label
 * @param metrics quality on the holdout split
 * @param baseline holdout profile for drift
 * @param lineage provenance
 * @param variants variant name to variant
 * @param holdout holdout rows blob, or null
 * @param fillValues value used for a missing numeric feature (its training mean), applied before inference
 */
public record ModelCard(String name, int version, Instant createdAt, FeatureSchema.Task task, FeatureSchema schema,
                        Metrics metrics, DatasetProfile baseline, Lineage lineage, Map<String, Variant> variants,
                        BlobRef holdout, Map<String, Double> fillValues) {

    public ModelCard {
        fillValues = fillValues == null ? Map.of() : Map.copyOf(fillValues);
        variants = variants == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variants));
    }

    /** This card with {@code variant} added (or replaced). */
    public ModelCard withVariant(Variant variant) {
        Map<String, Variant> v = new LinkedHashMap<>(variants);
        v.put(variant.name(), variant);
        return new ModelCard(name, version, createdAt, task, schema, metrics, baseline, lineage, v, holdout, fillValues);
    }

    /** The variant with this name, or throws naming the model, version and the variants that exist. */
    public Variant variant(String variantName) {
        Variant v = variants.get(variantName);
        if (v == null) {
            throw new IllegalArgumentException("model " + name + " version " + version + " has no variant '" + variantName
                    + "' (has " + variants.keySet() + ")");
        }
        return v;
    }

    /** {@code name@version}. */
    public String ref() {
        return name + "@" + version;
    }
}
