package io.edgemlops.onnx;

import java.util.List;
import java.util.Map;

/**
 * What a check needs to know about an ONNX model without running it: inputs and outputs,
 * operators (with their domains), opsets, the element types of its weights and their size.
 *
 * @param irVersion ONNX IR version
 * @param producer producer name and version, e.g. "edge-mlops 0.1.0"
 * @param opsets opset version per domain ("ai.onnx" for the default domain)
 * @param inputs graph inputs that are not initializers
 * @param outputs graph outputs
 * @param operators distinct operators in first-use order, with how often each is used
 * @param initializerTypes element type names of the initializers (e.g. FLOAT, INT8), sorted
 * @param parameterCount total elements over all initializers
 * @param parameterBytes total bytes of initializer data
 * @param metadata model metadata properties
 */
public record OnnxModelInfo(
        long irVersion,
        String producer,
        Map<String, Long> opsets,
        List<TensorSpec> inputs,
        List<TensorSpec> outputs,
        List<Operator> operators,
        List<String> initializerTypes,
        long parameterCount,
        long parameterBytes,
        Map<String, String> metadata) {

    /** The default ONNX operator domain's name (stored as "" in files). */
    public static final String DEFAULT_DOMAIN = "ai.onnx";

    /**
     * Width of the first input's last dimension, or -1 when it is symbolic or absent.
     * For tabular models this is the number of encoded feature columns.
     */
    public int inputWidth() {
        if (inputs.isEmpty() || inputs.get(0).shape().isEmpty()) {
            return -1;
        }
        List<String> shape = inputs.get(0).shape();
        String last = shape.get(shape.size() - 1);
        try {
            return Integer.parseInt(last);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Width of the first output's last dimension, or -1 when symbolic or absent. */
    public int outputWidth() {
        if (outputs.isEmpty() || outputs.get(0).shape().isEmpty()) {
            return -1;
        }
        List<String> shape = outputs.get(0).shape();
        try {
            return Integer.parseInt(shape.get(shape.size() - 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * A graph input or output.
     *
     * @param name tensor name
     * @param elementType element type name (FLOAT, INT64, ...)
     * @param shape dimensions: a number, or the symbolic name (e.g. "N"), or "?" when unknown
     */
    public record TensorSpec(String name, String elementType, List<String> shape) {
    }

    /**
     * One operator type used by the graph.
     *
     * @param domain operator domain ("ai.onnx" for the default domain)
     * @param opType operator name, e.g. Gemm
     * @param count nodes using it
     */
    public record Operator(String domain, String opType, int count) {
    }
}
