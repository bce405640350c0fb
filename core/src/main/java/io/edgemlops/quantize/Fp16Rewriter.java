package io.edgemlops.quantize;

import io.edgemlops.onnx.OnnxTensors;
import io.edgemlops.onnx.proto.OnnxProto;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Stores the weights and biases of Gemm, MatMul and Conv nodes in float16, each followed by a
 * Cast back to float32; inputs, outputs and every other tensor stay float32.
 *
 * <p>Why compute stays float32: ONNX Runtime's CPU provider has no float16 Gemm, MatMul or Conv
 * kernels on x86 (a fully float16 graph fails to load there), and a device without them would
 * fail the same way. With the Cast, ONNX Runtime folds the weights back to float32 at load time:
 * the file is half the size and runs everywhere, at fp32 speed. Small constants such as
 * normalisation means stay float32 because they are few bytes and float16's 11-bit mantissa would
 * shift a mean of 56.85 by up to 0.03, a large error for a feature whose spread is small.
 */
final class Fp16Rewriter {

    private Fp16Rewriter() {
    }

    static OnnxProto.Model rewrite(OnnxProto.Model model, GraphIndex index, List<QuantizableNode> nodes,
                                   List<String> notes) {
        Set<String> weights = new LinkedHashSet<>();
        for (QuantizableNode q : nodes) {
            weights.add(q.weight());
            if (q.bias() != null) {
                weights.add(q.bias());
            }
        }
        OnnxProto.Graph graph = index.graph();
        OnnxProto.Graph.Builder g = graph.toBuilder().clearNode().clearInitializer();
        List<OnnxProto.Node> casts = new ArrayList<>();
        for (OnnxProto.Tensor t : graph.getInitializerList()) {
            if (!weights.contains(t.getName())) {
                g.addInitializer(t);
                continue;
            }
            float[] values = OnnxTensors.floats(t);
            if (!fitsFloat16(values)) {
                notes.add("'" + t.getName() + "' kept in float32: it holds values beyond float16's range (±65504)");
                g.addInitializer(t);
                continue;
            }
            String half = index.freshName(t.getName() + "_fp16");
            long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
            g.addInitializer(OnnxTensors.float16Tensor(half, dims, values));
            casts.add(OnnxProto.Node.newBuilder().setOpType("Cast").setName(index.freshName(t.getName() + "_Cast"))
                    .addInput(half).addOutput(t.getName())
                    .addAttribute(GraphIndex.intAttr("to", OnnxProto.Tensor.DataType.FLOAT_VALUE)).build());
        }
        g.addAllNode(casts);
        g.addAllNode(graph.getNodeList());
        return model.toBuilder().setGraph(g).build();
    }

    private static boolean fitsFloat16(float[] values) {
        for (float v : values) {
            if (Float.isFinite(v) && Math.abs(v) > 65504f) {
                return false;
            }
        }
        return true;
    }
}
