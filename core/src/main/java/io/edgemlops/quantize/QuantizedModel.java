package io.edgemlops.quantize;

import java.util.List;

/**
 * A quantized ONNX model and how it was made.
 *
 * @param onnx the model file's bytes
 * @param method {@code int8-static}, {@code int8-weight-only} or {@code fp16}
 * @param notes what a user should know about the result (a fallback taken, operators left in float)
 */
public record QuantizedModel(byte[] onnx, String method, List<String> notes) {

    public QuantizedModel {
        notes = List.copyOf(notes);
    }
}
