package io.edgemlops.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Memory a model needs at inference, see {@link MemoryEstimator} for the method.
 *
 * @param weightsBytes bytes of all initializers (weights, biases, quantization parameters)
 * @param activationBytes peak bytes of intermediate tensors alive at once, for one input row
 * @param runtimeOverheadBytes fixed allowance for the ONNX Runtime library, environment and session
 * @param estimatedBytes weights + activations + runtime overhead
 * @param measuredSessionBytes resident memory growth (VmRSS) of creating a session and running it
 *     once on this host, or null when it could not be measured (not Linux); informational, it
 *     includes allocator and host effects
 * @param approximate true when some tensor shapes could not be inferred exactly and were taken
 *     from the node's first input
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemoryEstimate(
        long weightsBytes,
        long activationBytes,
        long runtimeOverheadBytes,
        long estimatedBytes,
        Long measuredSessionBytes,
        boolean approximate) {

    /** The same estimate with a measured session growth attached. */
    public MemoryEstimate withMeasured(Long measured) {
        return new MemoryEstimate(weightsBytes, activationBytes, runtimeOverheadBytes, estimatedBytes, measured,
                approximate);
    }

    /**
     * The figure to hold against a device's memory limit: the estimate, or the measured session
     * growth plus the runtime overhead when that is larger (the measurement is the more conservative).
     */
    public long requiredBytes() {
        if (measuredSessionBytes == null) {
            return estimatedBytes;
        }
        return Math.max(estimatedBytes, measuredSessionBytes + runtimeOverheadBytes);
    }
}
