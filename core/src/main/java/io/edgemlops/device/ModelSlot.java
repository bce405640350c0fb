package io.edgemlops.device;

/**
 * What a model folder on the device holds ({@code slot.json} beside {@code model.onnx}).
 *
 * @param version model version
 * @param rollout rollout that brought it
 * @param variant variant name
 * @param sha256 SHA-256 of model.onnx, checked on download
 */
record ModelSlot(int version, String rollout, String variant, String sha256) {

    static final String FILE = "model.onnx";
    static final String META = "slot.json";
}
