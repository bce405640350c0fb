package io.edgemlops.quantize;

import io.edgemlops.onnx.OnnxModelReader;
import io.edgemlops.onnx.proto.OnnxProto;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Post-training quantization of fp32 ONNX models into the variants edge devices run. Only the
 * weights of Gemm, MatMul and Conv nodes (and, for static int8, their inputs, outputs and biases)
 * change; every other operator and field is kept as it was, so any model ONNX Runtime runs in
 * fp32 still runs quantized.
 */
public final class ModelQuantizer {

    /** Per-channel DequantizeLinear (its {@code axis} attribute) exists from this default-domain opset on. */
    static final long MIN_INT8_OPSET = 13;

    public static final String INT8_STATIC = "int8-static";
    public static final String INT8_WEIGHT_ONLY = "int8-weight-only";
    public static final String FP16 = "fp16";

    private ModelQuantizer() {
    }

    /**
     * Static int8 in QDQ form, activation ranges calibrated by running the model on
     * {@code calibrationRows} (model inputs); falls back to weight-only int8 with a note when the
     * graph cannot be statically quantized.
     */
    public static QuantizedModel int8Static(byte[] fp32Onnx, float[][] calibrationRows, CalibrationMethod method,
                                            double percentile) {
        OnnxProto.Model model = OnnxModelReader.parse(fp32Onnx);
        GraphIndex index = quantizableGraph(model, "int8");
        List<QuantizableNode> nodes = QuantizableNode.find(index);
        requireSome(nodes);
        List<String> notes = new ArrayList<>();
        Map<String, ActivationRange> ranges;
        try {
            Map<String, String> sameRangeAs = new java.util.HashMap<>();
            ranges = ActivationCalibrator.calibrate(model, activations(index, nodes, sameRangeAs), calibrationRows,
                    method, percentile);
            sameRangeAs.forEach((tensor, reluOutput) -> ranges.put(tensor, ranges.get(reluOutput)));
        } catch (ActivationCalibrator.CannotCalibrate e) {
            notes.add("static int8 is not possible for this model (" + e.getMessage() + "); quantized the weights only");
            return new QuantizedModel(Int8Rewriter.rewrite(model, index, nodes, null, notes).toByteArray(),
                    INT8_WEIGHT_ONLY, notes);
        }
        notes.add(summary("quantized ", "", index, nodes));
        return new QuantizedModel(Int8Rewriter.rewrite(model, index, nodes, ranges, notes).toByteArray(), INT8_STATIC,
                notes);
    }

    /** int8 weights dequantized at load; activations stay float. */
    public static QuantizedModel int8WeightOnly(byte[] fp32Onnx) {
        OnnxProto.Model model = OnnxModelReader.parse(fp32Onnx);
        GraphIndex index = quantizableGraph(model, "int8");
        List<QuantizableNode> nodes = QuantizableNode.find(index);
        requireSome(nodes);
        List<String> notes = new ArrayList<>();
        notes.add(summary("quantized ", "", index, nodes));
        return new QuantizedModel(Int8Rewriter.rewrite(model, index, nodes, null, notes).toByteArray(),
                INT8_WEIGHT_ONLY, notes);
    }

    /** float16 weights; inputs and outputs stay float32. */
    public static QuantizedModel fp16(byte[] fp32Onnx) {
        OnnxProto.Model model = OnnxModelReader.parse(fp32Onnx);
        GraphIndex index = new GraphIndex(model.getGraph());
        List<QuantizableNode> nodes = QuantizableNode.find(index);
        requireSome(nodes);
        List<String> notes = new ArrayList<>();
        notes.add(summary("stored the weights of ", " in float16", index, nodes));
        return new QuantizedModel(Fp16Rewriter.rewrite(model, index, nodes, notes).toByteArray(), FP16, notes);
    }

    private static GraphIndex quantizableGraph(OnnxProto.Model model, String mode) {
        long opset = GraphIndex.defaultOpset(model);
        if (opset < MIN_INT8_OPSET) {
            throw new IllegalArgumentException("the model imports ONNX opset " + opset + "; " + mode + " needs opset "
                    + MIN_INT8_OPSET + " or newer (per-channel DequantizeLinear). Export the model again with "
                    + "opset_version=" + MIN_INT8_OPSET + " or newer");
        }
        return new GraphIndex(model.getGraph());
    }

    private static void requireSome(List<QuantizableNode> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("nothing to quantize: the model has no Gemm, MatMul or Conv node whose "
                    + "weight is a constant float initializer (weights listed as graph inputs can change at run time "
                    + "and are left alone)");
        }
    }

    /** Operators that only move or clip values: a quantized tensor passes through them unchanged in scale. */
    static final Set<String> PASS_THROUGH = Set.of("Relu", "Flatten", "Reshape", "Squeeze", "Unsqueeze", "Transpose",
            "MaxPool");

    /**
     * The tensors that get a QuantizeLinear/DequantizeLinear pair: each quantized node's data input,
     * and its output when that output's only way on is into another quantized node, directly or
     * through ReLU, Flatten, Reshape and similar operators that only move or clip values. A float
     * consumer such as Softmax keeps full precision.
     *
     * <p>The tensors along such a path all take the range of its end, the next node's input (after
     * the ReLU, zero point 0, which clips negatives exactly as the ReLU does): ONNX Runtime then
     * drops the ReLU and the identical back-to-back pairs and chains the integer kernels without a
     * float step between. Those tensors are put in {@code sameRangeAs} (tensor → end of its path).
     */
    static Set<String> activations(GraphIndex index, List<QuantizableNode> nodes, Map<String, String> sameRangeAs) {
        Map<OnnxProto.Node, QuantizableNode> byNode = new IdentityHashMap<>();
        Set<String> tensors = new LinkedHashSet<>();
        for (QuantizableNode q : nodes) {
            byNode.put(q.node(), q);
            tensors.add(q.activation());
        }
        for (QuantizableNode q : nodes) {
            List<String> path = new ArrayList<>();
            String end = pathToQuantized(index, byNode, q.node().getOutput(0), path);
            if (end != null) {
                for (String t : path) {
                    tensors.add(t);
                    sameRangeAs.put(t, end);
                }
            }
        }
        return tensors;
    }

    /**
     * Follows {@code tensor} through single-consumer pass-through operators; the input tensor of the
     * quantized node it reaches, or null when it reaches anything else. {@code path} receives the
     * tensors before that end.
     */
    private static String pathToQuantized(GraphIndex index, Map<OnnxProto.Node, QuantizableNode> byNode, String tensor,
                                          List<String> path) {
        for (int step = 0; step < 64; step++) {
            List<OnnxProto.Node> consumers = index.consumers(tensor);
            if (index.isGraphOutput(tensor) || consumers.size() != 1) {
                return null;
            }
            OnnxProto.Node next = consumers.get(0);
            QuantizableNode q = byNode.get(next);
            if (q != null) {
                return q.activation().equals(tensor) ? tensor : null;
            }
            if (!PASS_THROUGH.contains(next.getOpType()) || next.getOutputCount() != 1
                    || !next.getInput(0).equals(tensor)) {
                return null;
            }
            path.add(tensor);
            tensor = next.getOutput(0);
        }
        return null;
    }

    private static String summary(String done, String how, GraphIndex index, List<QuantizableNode> nodes) {
        Map<String, int[]> byOp = new java.util.TreeMap<>();
        nodes.forEach(q -> byOp.computeIfAbsent(q.node().getOpType(), k -> new int[1])[0]++);
        long others = index.graph().getNodeCount() - nodes.size();
        StringBuilder s = new StringBuilder(done);
        byOp.forEach((op, n) -> s.append(n[0]).append(' ').append(op).append(", "));
        s.setLength(s.length() - 2);
        return s.append(how).append("; ").append(others).append(" other node(s) unchanged").toString();
    }
}
