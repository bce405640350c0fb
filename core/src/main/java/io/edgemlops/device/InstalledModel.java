package io.edgemlops.device;

import ai.onnxruntime.OrtException;
import io.edgemlops.runtime.OnnxPredictor;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model file on the device, loaded in ONNX Runtime, with what it is.
 *
 * @param slot what the file is
 * @param predictor its ONNX Runtime session
 */
record InstalledModel(ModelSlot slot, OnnxPredictor predictor) implements AutoCloseable {

    /** Loads {@code folder/model.onnx}. */
    static InstalledModel load(Path folder, ModelSlot slot) {
        try {
            return new InstalledModel(slot, new OnnxPredictor(Files.readAllBytes(folder.resolve(ModelSlot.FILE))));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + folder.resolve(ModelSlot.FILE) + ": " + e.getMessage(), e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load version " + slot.version() + " ("
                    + slot.variant() + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            predictor.close();
        } catch (OrtException ignored) {
            // the session is gone either way
        }
    }
}
