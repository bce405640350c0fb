package io.edgemlops.target;

import com.google.protobuf.InvalidProtocolBufferException;
import io.edgemlops.onnx.proto.OnnxProto;
import io.edgemlops.runtime.DataTypes;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a model file declares, as far as device compatibility is concerned: opset versions per
 * domain, the operators its graph (and any subgraphs) uses, and the element types of its
 * initializers, inputs, outputs and declared intermediate values.
 *
 * @param model the parsed model
 * @param opsets opset version per domain ({@code ""} for ai.onnx)
 * @param operators operator ids ({@code Op} or {@code domain:Op}) in order of first use
 * @param dataTypes element type names in order of first appearance
 */
public record ModelFacts(OnnxProto.Model model, Map<String, Long> opsets, Set<String> operators,
        Set<String> dataTypes) {

    /** Reads a model file; a file that is not ONNX protobuf is an IllegalArgumentException. */
    public static ModelFacts of(byte[] onnx) {
        OnnxProto.Model model;
        try {
            model = OnnxProto.Model.parseFrom(onnx);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an ONNX model (" + onnx.length + " bytes): " + e.getMessage());
        }
        if (!model.hasGraph()) {
            throw new IllegalArgumentException("not an ONNX model: no graph");
        }
        Map<String, Long> opsets = new LinkedHashMap<>();
        for (OnnxProto.OpsetId id : model.getOpsetImportList()) {
            String domain = id.getDomain().equals("ai.onnx") ? "" : id.getDomain();
            opsets.put(domain, id.getVersion());
        }
        Set<String> operators = new LinkedHashSet<>();
        Set<String> types = new LinkedHashSet<>();
        collect(model.getGraph(), operators, types);
        return new ModelFacts(model, opsets, operators, types);
    }

    /** The ai.onnx opset the model imports (0 when it declares none). */
    public long onnxOpset() {
        return opsets.getOrDefault("", 0L);
    }

    private static void collect(OnnxProto.Graph graph, Set<String> operators, Set<String> types) {
        for (OnnxProto.ValueInfo v : graph.getInputList()) {
            addType(v, types);
        }
        for (OnnxProto.Tensor t : graph.getInitializerList()) {
            types.add(DataTypes.name(t.getDataType()));
        }
        for (OnnxProto.ValueInfo v : graph.getOutputList()) {
            addType(v, types);
        }
        for (OnnxProto.ValueInfo v : graph.getValueInfoList()) {
            addType(v, types);
        }
        for (OnnxProto.Node node : graph.getNodeList()) {
            operators.add(OperatorId.of(node.getDomain(), node.getOpType()));
            for (OnnxProto.Attribute attr : node.getAttributeList()) {
                if (attr.hasT()) {
                    types.add(DataTypes.name(attr.getT().getDataType()));
                }
                if (attr.hasG()) {
                    collect(attr.getG(), operators, types);
                }
                for (OnnxProto.Graph g : attr.getGraphsList()) {
                    collect(g, operators, types);
                }
            }
        }
    }

    private static void addType(OnnxProto.ValueInfo v, Set<String> types) {
        if (v.hasType() && v.getType().hasTensorType() && v.getType().getTensorType().hasElemType()) {
            types.add(DataTypes.name(v.getType().getTensorType().getElemType()));
        }
    }
}
