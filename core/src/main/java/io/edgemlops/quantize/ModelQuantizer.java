package io.edgemlops.quantize;

/** Post-training quantization of fp32 ONNX models into the variants edge devices run. */
public final class ModelQuantizer {

    private ModelQuantizer() {
    }

    /**
     * Static int8 in QDQ form, activation ranges calibrated by running the model on
     * {@code calibrationRows} (model inputs); falls back to weight-only int8 with a note when the
     * graph cannot be statically quantized.
     */
    public static QuantizedModel int8Static(byte[] fp32Onnx, float[][] calibrationRows, CalibrationMethod method,
                                            double percentile) {
        throw new UnsupportedOperationException("being built");
    }

    /** int8 weights dequantized at load; activations stay float. */
    public static QuantizedModel int8WeightOnly(byte[] fp32Onnx) {
        throw new UnsupportedOperationException("being built");
    }

    /** float16 weights; inputs and outputs stay float32. */
    public static QuantizedModel fp16(byte[] fp32Onnx) {
        throw new UnsupportedOperationException("being built");
    }
}
