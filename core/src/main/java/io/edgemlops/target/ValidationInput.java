package io.edgemlops.target;

import io.edgemlops.data.FeatureSchema;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything {@link TargetValidator} needs: the model variant, its schema, the schema now in
 * production and the evaluation rows. No storage: the caller loads these from the registry.
 *
 * @param profile the device profile to validate against
 * @param variant variant name, e.g. fp32, int8, fp16
 * @param onnx the model file
 * @param candidate the model's feature schema
 * @param production the schema of the version in production, or null when there is none
 * @param x evaluation rows, already encoded to the model's input width
 * @param classIndices actual class index per row (classification), or null
 * @param targets actual value per row (regression), or null
 * @param classNames class names in output order (classification), or empty
 * @param minAccuracy overrides the profile's minimum accuracy (or minimum R² for regression), or null
 * @param onTarget true when validation runs on the device itself: latency is reported as measured,
 *     not multiplied by the profile's relative speed
 * @param progress receives one-line progress messages; may be null
 */
public record ValidationInput(
        TargetProfile profile,
        String variant,
        byte[] onnx,
        FeatureSchema candidate,
        FeatureSchema production,
        float[][] x,
        int[] classIndices,
        double[] targets,
        List<String> classNames,
        Double minAccuracy,
        boolean onTarget,
        Consumer<String> progress) {

    public ValidationInput {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(onnx, "onnx");
        Objects.requireNonNull(candidate, "candidate");
        variant = variant == null || variant.isBlank() ? "fp32" : variant;
        x = x == null ? new float[0][] : x;
        classNames = classNames == null ? candidate.classes() : List.copyOf(classNames);
        progress = progress == null ? message -> { } : progress;
        if (classIndices != null && classIndices.length != x.length) {
            throw new IllegalArgumentException("classIndices has " + classIndices.length + " entries for "
                    + x.length + " evaluation rows");
        }
        if (targets != null && targets.length != x.length) {
            throw new IllegalArgumentException("targets has " + targets.length + " entries for " + x.length
                    + " evaluation rows");
        }
    }
}
