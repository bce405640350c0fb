package io.edgemlops.quantize;

/**
 * The calibrated range of one activation tensor and its uint8 quantization parameters.
 *
 * <p>Activations are uint8 with a zero point (asymmetric), as ONNX Runtime's integer kernels on x86
 * and ARM expect for the data side (u8 × s8); after a ReLU the range starts at 0, so all 256 levels
 * cover the values that occur. The range always includes 0, so that 0 (padding, ReLU) is exact.
 *
 * @param min smallest value kept
 * @param max largest value kept
 */
record ActivationRange(float min, float max) {

    /** The range widened to include 0. */
    ActivationRange {
        min = Math.min(min, 0f);
        max = Math.max(max, 0f);
    }

    /** Real value of one uint8 step; 1 for a tensor that was always 0 (any scale is exact then). */
    float scale() {
        float width = max - min;
        return width > 0 && Float.isFinite(width) ? width / 255f : 1f;
    }

    /** The uint8 value that represents 0. */
    int zeroPoint() {
        int zp = Math.round(-min / scale());
        return Math.max(0, Math.min(255, zp));
    }
}
