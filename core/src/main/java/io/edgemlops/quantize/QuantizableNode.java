package io.edgemlops.quantize;

import io.edgemlops.onnx.proto.OnnxProto;
import java.util.ArrayList;
import java.util.List;

/**
 * A node whose weight can be stored in int8: a Gemm, MatMul or Conv with a constant float weight.
 *
 * @param node the node
 * @param activation its non-constant data input
 * @param weight name of its constant weight initializer
 * @param weightAxis the weight's output-channel axis (per-channel scales run along it)
 * @param bias name of its constant 1-D bias with one value per output channel, or null
 */
record QuantizableNode(OnnxProto.Node node, String activation, String weight, int weightAxis, String bias) {

    /** The nodes of a graph that can be quantized, in graph order; others are left in float. */
    static List<QuantizableNode> find(GraphIndex index) {
        List<QuantizableNode> found = new ArrayList<>();
        for (OnnxProto.Node n : index.graph().getNodeList()) {
            if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
                continue;
            }
            QuantizableNode q = switch (n.getOpType()) {
                case "Gemm" -> gemm(index, n);
                case "MatMul" -> matMul(index, n);
                case "Conv" -> conv(index, n);
                default -> null;
            };
            if (q != null) {
                found.add(q);
            }
        }
        return found;
    }

    private static QuantizableNode gemm(GraphIndex index, OnnxProto.Node n) {
        if (n.getInputCount() < 2 || GraphIndex.intAttribute(n, "transA", 0) != 0
                || GraphIndex.floatAttribute(n, "alpha", 1f) != 1f || GraphIndex.floatAttribute(n, "beta", 1f) != 1f) {
            return null;
        }
        OnnxProto.Tensor w = floatConstant(index, n.getInput(1), 2);
        if (w == null || index.constant(n.getInput(0)) != null) {
            return null;
        }
        int axis = GraphIndex.intAttribute(n, "transB", 0) == 1 ? 0 : 1;
        return new QuantizableNode(n, n.getInput(0), w.getName(), axis, bias(index, n, 2, w.getDims(axis)));
    }

    private static QuantizableNode matMul(GraphIndex index, OnnxProto.Node n) {
        if (n.getInputCount() != 2) {
            return null;
        }
        OnnxProto.Tensor w = floatConstant(index, n.getInput(1), 2);
        if (w == null || index.constant(n.getInput(0)) != null) {
            return null;
        }
        return new QuantizableNode(n, n.getInput(0), w.getName(), 1, null);
    }

    private static QuantizableNode conv(GraphIndex index, OnnxProto.Node n) {
        if (n.getInputCount() < 2) {
            return null;
        }
        OnnxProto.Tensor w = index.constant(n.getInput(1));
        if (w == null || w.getDataType() != OnnxProto.Tensor.DataType.FLOAT_VALUE || w.getDimsCount() < 3
                || index.constant(n.getInput(0)) != null) {
            return null;
        }
        return new QuantizableNode(n, n.getInput(0), w.getName(), 0, bias(index, n, 2, w.getDims(0)));
    }

    private static OnnxProto.Tensor floatConstant(GraphIndex index, String name, int rank) {
        OnnxProto.Tensor t = index.constant(name);
        return t != null && t.getDataType() == OnnxProto.Tensor.DataType.FLOAT_VALUE && t.getDimsCount() == rank ? t : null;
    }

    private static String bias(GraphIndex index, OnnxProto.Node n, int input, long channels) {
        if (n.getInputCount() <= input || n.getInput(input).isEmpty()) {
            return null;
        }
        OnnxProto.Tensor b = floatConstant(index, n.getInput(input), 1);
        return b != null && b.getDims(0) == channels ? b.getName() : null;
    }
}
