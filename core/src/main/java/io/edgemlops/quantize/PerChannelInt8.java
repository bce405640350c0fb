package io.edgemlops.quantize;

/**
 * Symmetric int8 quantization of a weight tensor with one scale per output channel.
 *
 * <p>Symmetric (zero point 0) because weights centre on 0 and integer kernels are fastest without a
 * weight zero point; the range is -127..127 so that negation never overflows. One scale per
 * channel because channels of a trained layer differ in magnitude by orders: a single scale would
 * leave the small channels with a handful of levels.
 *
 * @param values quantized values, in the weight's element order
 * @param scales real value of one step, per channel
 */
record PerChannelInt8(byte[] values, float[] scales) {

    /** Quantizes {@code weights} of shape {@code dims} with channels along {@code axis}. */
    static PerChannelInt8 of(float[] weights, long[] dims, int axis) {
        int channels = (int) dims[axis];
        long inner = 1;
        for (int d = axis + 1; d < dims.length; d++) {
            inner *= dims[d];
        }
        float[] maxAbs = new float[channels];
        for (int i = 0; i < weights.length; i++) {
            int c = (int) ((i / inner) % channels);
            maxAbs[c] = Math.max(maxAbs[c], Math.abs(weights[i]));
        }
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            scales[c] = maxAbs[c] > 0 && Float.isFinite(maxAbs[c]) ? maxAbs[c] / 127f : 1f;
        }
        byte[] q = new byte[weights.length];
        for (int i = 0; i < weights.length; i++) {
            int c = (int) ((i / inner) % channels);
            q[i] = (byte) Math.max(-127, Math.min(127, Math.round(weights[i] / scales[c])));
        }
        return new PerChannelInt8(q, scales);
    }
}
