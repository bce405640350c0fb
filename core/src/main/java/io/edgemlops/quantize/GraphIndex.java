package io.edgemlops.quantize;

import io.edgemlops.onnx.proto.OnnxProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Lookups over one ONNX graph that the rewriters need: initializers, consumers, graph inputs and outputs. */
final class GraphIndex {

    private final OnnxProto.Graph graph;
    private final Map<String, OnnxProto.Tensor> initializers = new LinkedHashMap<>();
    private final Map<String, List<OnnxProto.Node>> consumers = new HashMap<>();
    private final Set<String> graphInputs = new HashSet<>();
    private final Set<String> graphOutputs = new HashSet<>();
    private final Set<String> names = new HashSet<>();

    GraphIndex(OnnxProto.Graph graph) {
        this.graph = graph;
        for (OnnxProto.Tensor t : graph.getInitializerList()) {
            initializers.put(t.getName(), t);
            names.add(t.getName());
        }
        for (OnnxProto.ValueInfo v : graph.getInputList()) {
            graphInputs.add(v.getName());
            names.add(v.getName());
        }
        for (OnnxProto.ValueInfo v : graph.getOutputList()) {
            graphOutputs.add(v.getName());
            names.add(v.getName());
        }
        for (OnnxProto.Node n : graph.getNodeList()) {
            for (String in : n.getInputList()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
            names.addAll(n.getOutputList());
            names.add(n.getName());
        }
        for (OnnxProto.ValueInfo v : graph.getValueInfoList()) {
            names.add(v.getName());
        }
    }

    OnnxProto.Graph graph() {
        return graph;
    }

    /**
     * The initializer called {@code name} if it is a true constant: a graph input of the same name
     * could override it at run time, so such a tensor does not count.
     */
    OnnxProto.Tensor constant(String name) {
        return graphInputs.contains(name) ? null : initializers.get(name);
    }

    List<OnnxProto.Node> consumers(String tensor) {
        return consumers.getOrDefault(tensor, List.of());
    }

    boolean isGraphInput(String tensor) {
        return graphInputs.contains(tensor) && !initializers.containsKey(tensor);
    }

    boolean isGraphOutput(String tensor) {
        return graphOutputs.contains(tensor);
    }

    /** A name not used anywhere in the graph yet, starting from {@code base}; reserved once returned. */
    String freshName(String base) {
        String candidate = base;
        for (int i = 2; names.contains(candidate); i++) {
            candidate = base + "_" + i;
        }
        names.add(candidate);
        return candidate;
    }

    /** Integer attribute of a node, or {@code fallback} when absent. */
    static long intAttribute(OnnxProto.Node node, String name, long fallback) {
        for (OnnxProto.Attribute a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getI();
            }
        }
        return fallback;
    }

    /** Float attribute of a node, or {@code fallback} when absent. */
    static float floatAttribute(OnnxProto.Node node, String name, float fallback) {
        for (OnnxProto.Attribute a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getF();
            }
        }
        return fallback;
    }

    /** Default-domain opset version the model imports (0 when none is declared). */
    static long defaultOpset(OnnxProto.Model model) {
        for (OnnxProto.OpsetId o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                return o.getVersion();
            }
        }
        return 0;
    }

    static OnnxProto.Attribute intAttr(String name, long value) {
        return OnnxProto.Attribute.newBuilder().setName(name).setI(value).setType(OnnxProto.Attribute.Type.INT).build();
    }
}
