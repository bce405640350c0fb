package io.edgemlops.quantize;

import io.edgemlops.onnx.OnnxTensors;
import io.edgemlops.onnx.proto.OnnxProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a float graph into QDQ form: int8 weights behind DequantizeLinear, and, for static
 * quantization, QuantizeLinear/DequantizeLinear pairs on the calibrated activations and int32 biases.
 *
 * <p>The pairs sit where ONNX Runtime's QDQ transformers look for them: every quantized node reads
 * its data input, weight and bias through DequantizeLinear, and its output is quantized again when
 * the next quantized node (directly or through a ReLU) consumes it. ONNX Runtime then replaces
 * each group with one integer kernel (QGemm, QLinearMatMul, QLinearConv) and drops the ReLU into
 * the zero point. Everything else keeps its float tensors, so the graph stays valid whatever other
 * operators it holds. Original tensor names are kept: consumers outside the rewrite (subgraphs,
 * graph outputs) still find them.
 */
final class Int8Rewriter {

    private final GraphIndex index;
    private final Map<String, ActivationRange> ranges;
    private final List<String> notes;
    private final List<OnnxProto.Tensor> added = new ArrayList<>();
    private final Set<String> removed = new LinkedHashSet<>();
    private final List<OnnxProto.Node> prologue = new ArrayList<>();
    private final Map<String, List<OnnxProto.Node>> pairsAfter = new HashMap<>();
    private final Map<String, String> dequantized = new HashMap<>();

    private Int8Rewriter(GraphIndex index, Map<String, ActivationRange> ranges, List<String> notes) {
        this.index = index;
        this.ranges = ranges;
        this.notes = notes;
    }

    /**
     * The model with the weights of {@code nodes} in int8; with {@code ranges} (tensor → calibrated
     * range) also the activations and biases, else weights only.
     */
    static OnnxProto.Model rewrite(OnnxProto.Model model, GraphIndex index, List<QuantizableNode> nodes,
                                   Map<String, ActivationRange> ranges, List<String> notes) {
        return new Int8Rewriter(index, ranges == null ? Map.of() : ranges, notes).apply(model, nodes);
    }

    private OnnxProto.Model apply(OnnxProto.Model model, List<QuantizableNode> nodes) {
        ranges.forEach(this::activationPair);
        Map<OnnxProto.Node, Map<Integer, String>> replaced = new IdentityHashMap<>();
        for (QuantizableNode q : nodes) {
            Map<Integer, String> inputs = new HashMap<>();
            PerChannelInt8 w = weight(q, inputs);
            if (q.bias() != null && ranges.containsKey(q.activation())) {
                bias(q, w, ranges.get(q.activation()).scale(), inputs);
            }
            replaced.put(q.node(), inputs);
        }
        OnnxProto.Graph graph = index.graph();
        OnnxProto.Graph.Builder g = graph.toBuilder().clearNode().clearInitializer();
        for (OnnxProto.Tensor t : graph.getInitializerList()) {
            if (!removed.contains(t.getName())) {
                g.addInitializer(t);
            }
        }
        g.addAllInitializer(added);
        g.addAllNode(prologue);
        for (OnnxProto.Node n : graph.getNodeList()) {
            OnnxProto.Node.Builder b = n.toBuilder();
            Map<Integer, String> own = replaced.getOrDefault(n, Map.of());
            for (int i = 0; i < n.getInputCount(); i++) {
                String in = n.getInput(i);
                if (own.containsKey(i)) {
                    b.setInput(i, own.get(i));
                } else if (dequantized.containsKey(in)) {
                    b.setInput(i, dequantized.get(in));
                }
            }
            g.addNode(b);
            for (String out : n.getOutputList()) {
                g.addAllNode(pairsAfter.getOrDefault(out, List.of()));
            }
        }
        return model.toBuilder().setGraph(g).build();
    }

    /** A QuantizeLinear → DequantizeLinear pair on an activation; its consumers read the dequantized copy. */
    private void activationPair(String tensor, ActivationRange range) {
        String scale = index.freshName(tensor + "_scale");
        String zeroPoint = index.freshName(tensor + "_zp");
        String quantized = index.freshName(tensor + "_q");
        String restored = index.freshName(tensor + "_dq");
        added.add(OnnxTensors.floatScalar(scale, range.scale()));
        added.add(OnnxTensors.uint8Scalar(zeroPoint, range.zeroPoint()));
        List<OnnxProto.Node> pair = List.of(
                node("QuantizeLinear", index.freshName(tensor + "_Q"), List.of(tensor, scale, zeroPoint),
                        quantized, null),
                node("DequantizeLinear", index.freshName(tensor + "_DQ"),
                        List.of(quantized, scale, zeroPoint), restored, null));
        if (index.isGraphInput(tensor)) {
            prologue.addAll(pair);
        } else {
            pairsAfter.put(tensor, pair);
        }
        dequantized.put(tensor, restored);
    }

    private PerChannelInt8 weight(QuantizableNode q, Map<Integer, String> inputs) {
        OnnxProto.Tensor w = index.constant(q.weight());
        long[] dims = w.getDimsList().stream().mapToLong(Long::longValue).toArray();
        PerChannelInt8 pc = PerChannelInt8.of(OnnxTensors.floats(w), dims, q.weightAxis());
        String values = index.freshName(q.weight() + "_int8");
        String scales = index.freshName(q.weight() + "_scale");
        String zeroPoints = index.freshName(q.weight() + "_zp");
        String restored = index.freshName(q.weight() + "_dq");
        long[] channels = {pc.scales().length};
        added.add(OnnxTensors.int8Tensor(values, dims, pc.values()));
        added.add(OnnxTensors.floatTensor(scales, channels, pc.scales()));
        // Explicit zeros: ONNX Runtime's fused kernels require the zero point's shape to match the scale's.
        added.add(OnnxTensors.int8Tensor(zeroPoints, channels, new byte[pc.scales().length]));
        prologue.add(node("DequantizeLinear", index.freshName(q.weight() + "_DQ"),
                List.of(values, scales, zeroPoints), restored, q.weightAxis()));
        dropIfOnlyUse(q.weight());
        inputs.put(1, restored);
        return pc;
    }

    /**
     * The bias as int32 in the scale ONNX Runtime's integer kernels accumulate in (activation scale ×
     * the channel's weight scale); left in float, with a note, if a value does not fit in int32.
     */
    private void bias(QuantizableNode q, PerChannelInt8 w, float activationScale, Map<Integer, String> inputs) {
        OnnxProto.Tensor b = index.constant(q.bias());
        float[] values = OnnxTensors.floats(b);
        float[] scales = new float[values.length];
        int[] quantized = new int[values.length];
        for (int c = 0; c < values.length; c++) {
            scales[c] = activationScale * w.scales()[c];
            double v = Math.rint(values[c] / (double) scales[c]);
            if (!(Math.abs(v) <= Integer.MAX_VALUE)) {
                notes.add("bias '" + q.bias() + "' kept in float: its value " + values[c] + " does not fit int32 at scale "
                        + scales[c]);
                return;
            }
            quantized[c] = (int) v;
        }
        String name = index.freshName(q.bias() + "_int32");
        String scale = index.freshName(q.bias() + "_scale");
        String restored = index.freshName(q.bias() + "_dq");
        added.add(OnnxTensors.int32Tensor(name, new long[] {values.length}, quantized));
        added.add(OnnxTensors.floatTensor(scale, new long[] {values.length}, scales));
        prologue.add(node("DequantizeLinear", index.freshName(q.bias() + "_DQ"), List.of(name, scale),
                restored, 0));
        dropIfOnlyUse(q.bias());
        inputs.put(2, restored);
    }

    private void dropIfOnlyUse(String initializer) {
        if (index.consumers(initializer).size() == 1 && !index.isGraphOutput(initializer)) {
            removed.add(initializer);
        }
    }

    private static OnnxProto.Node node(String op, String name, List<String> inputs, String output, Integer axis) {
        OnnxProto.Node.Builder b = OnnxProto.Node.newBuilder().setOpType(op).setName(name).addAllInput(inputs)
                .addOutput(output);
        if (axis != null) {
            b.addAttribute(GraphIndex.intAttr("axis", axis));
        }
        return b.build();
    }
}
