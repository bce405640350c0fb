package io.edgemlops.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import io.edgemlops.onnx.proto.OnnxProto;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads an ONNX file into an {@link OnnxModelInfo} (structure only; nothing is executed). */
public final class OnnxModelReader {

    private OnnxModelReader() {
    }

    /** Parses ONNX bytes; a file that is not ONNX gives an {@link IllegalArgumentException}. */
    public static OnnxProto.Model parse(byte[] onnx) {
        try {
            OnnxProto.Model model = OnnxProto.Model.parseFrom(onnx);
            if (!model.hasGraph()) {
                throw new IllegalArgumentException("not an ONNX model: no graph");
            }
            return model;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an ONNX model: " + e.getMessage(), e);
        }
    }

    /** Structure of the model in {@code onnx}. */
    public static OnnxModelInfo read(byte[] onnx) {
        return describe(parse(onnx));
    }

    /** Structure of a parsed model. */
    public static OnnxModelInfo describe(OnnxProto.Model model) {
        OnnxProto.Graph g = model.getGraph();
        Map<String, Long> opsets = new LinkedHashMap<>();
        for (OnnxProto.OpsetId o : model.getOpsetImportList()) {
            opsets.put(domain(o.getDomain()), o.getVersion());
        }
        Set<String> initializerNames = new HashSet<>();
        Set<String> types = new TreeSet<>();
        long count = 0;
        long bytes = 0;
        for (OnnxProto.Tensor t : g.getInitializerList()) {
            initializerNames.add(t.getName());
            types.add(typeName(t.getDataType()));
            long elements = 1;
            for (long d : t.getDimsList()) {
                elements *= d;
            }
            count += elements;
            bytes += t.hasRawData() ? t.getRawData().size() : elements * elementSize(t.getDataType());
        }
        List<OnnxModelInfo.TensorSpec> inputs = new ArrayList<>();
        for (OnnxProto.ValueInfo v : g.getInputList()) {
            if (!initializerNames.contains(v.getName())) {
                inputs.add(spec(v));
            }
        }
        List<OnnxModelInfo.TensorSpec> outputs = new ArrayList<>();
        for (OnnxProto.ValueInfo v : g.getOutputList()) {
            outputs.add(spec(v));
        }
        Map<String, int[]> ops = new LinkedHashMap<>();
        for (OnnxProto.Node n : g.getNodeList()) {
            ops.computeIfAbsent(domain(n.getDomain()) + "\u0000" + n.getOpType(), k -> new int[1])[0]++;
        }
        List<OnnxModelInfo.Operator> operators = new ArrayList<>();
        ops.forEach((k, v) -> {
            String[] parts = k.split("\u0000", 2);
            operators.add(new OnnxModelInfo.Operator(parts[0], parts[1], v[0]));
        });
        Map<String, String> metadata = new LinkedHashMap<>();
        for (OnnxProto.StringEntry e : model.getMetadataPropsList()) {
            metadata.put(e.getKey(), e.getValue());
        }
        String producer = (model.getProducerName() + " " + model.getProducerVersion()).trim();
        return new OnnxModelInfo(model.getIrVersion(), producer, opsets, inputs, outputs, operators,
                List.copyOf(types), count, bytes, metadata);
    }

    private static String domain(String d) {
        return d == null || d.isEmpty() || d.equals("ai.onnx") ? OnnxModelInfo.DEFAULT_DOMAIN : d;
    }

    private static OnnxModelInfo.TensorSpec spec(OnnxProto.ValueInfo v) {
        List<String> shape = new ArrayList<>();
        String type = "UNDEFINED";
        if (v.hasType() && v.getType().hasTensorType()) {
            OnnxProto.TypeInfo.TensorType tt = v.getType().getTensorType();
            type = typeName(tt.getElemType());
            for (OnnxProto.Shape.Dim d : tt.getShape().getDimList()) {
                shape.add(d.hasDimValue() ? Long.toString(d.getDimValue())
                        : d.hasDimParam() ? d.getDimParam() : "?");
            }
        }
        return new OnnxModelInfo.TensorSpec(v.getName(), type, shape);
    }

    /** Name of an ONNX element type number, e.g. 1 → FLOAT. */
    public static String typeName(int dataType) {
        OnnxProto.Tensor.DataType t = OnnxProto.Tensor.DataType.forNumber(dataType);
        return t == null ? "TYPE_" + dataType : t.name();
    }

    /** Bytes per element of an ONNX element type (0 for strings and unknown types). */
    public static int elementSize(int dataType) {
        OnnxProto.Tensor.DataType t = OnnxProto.Tensor.DataType.forNumber(dataType);
        if (t == null) {
            return 0;
        }
        return switch (t) {
            case FLOAT, INT32, UINT32 -> 4;
            case UINT8, INT8, BOOL -> 1;
            case UINT16, INT16, FLOAT16, BFLOAT16 -> 2;
            case INT64, UINT64, DOUBLE -> 8;
            default -> 0;
        };
    }
}
