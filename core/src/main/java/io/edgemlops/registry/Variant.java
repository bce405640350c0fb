package io.edgemlops.registry;

import io.edgemlops.store.BlobRef;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One deployable form of a model version (fp32, int8, fp16...), stored as a content-addressed blob.
 *
 * @param name variant name, e.g. {@code fp32}
 * @param blob the model file
 * @param sizeBytes file size in bytes
 * @param format file format, e.g. {@code onnx}
 * @param details free-form facts (accuracy, quantization mode, opset...)
 */
public record Variant(String name, BlobRef blob, long sizeBytes, String format, Map<String, Object> details) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    public Variant {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid variant name '" + name + "' (lower-case letters, digits, '.', '_', '-')");
        }
        java.util.Objects.requireNonNull(blob, "blob of variant " + name);
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }
}
