package io.edgemlops.rollout;

/**
 * The file a target class of devices runs.
 *
 * @param variant variant name, e.g. int8
 * @param sha256 SHA-256 of the ONNX file, which is stored at {@code blobs/sha256/<sha256>}
 * @param sizeBytes file size
 * @param weightOnly whether it is a weight-only int8 model, which a device loads with ONNX Runtime's
 *     QDQ transformers off so that its weights fold into float at load
 */
public record TargetVariant(String variant, String sha256, long sizeBytes, boolean weightOnly) {
}
