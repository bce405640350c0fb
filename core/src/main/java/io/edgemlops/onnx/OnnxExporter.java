package io.edgemlops.onnx;

import com.google.protobuf.ByteString;
import io.edgemlops.data.FeatureSchema;
import io.edgemlops.onnx.proto.OnnxProto;
import io.edgemlops.store.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link MlpParameters} network as an ONNX model (IR version 8, default-domain opset 17).
 *
 * <p>Graph: input {@value #INPUT} float {@code [N, width]} (symbolic batch {@code N}) →
 * {@code Sub(mean)} → {@code Mul(1/std)} → ({@code Gemm(transB=1)} → {@code Relu})* → {@code Gemm}
 * → {@code Softmax(axis=1)} for classification, or {@code Mul(scale)} → {@code Add(mean)} for
 * regression → output {@value #OUTPUT} float {@code [N, k]}.
 *
 * <p>Standardisation stays as explicit Sub/Mul nodes instead of being folded into the first Gemm:
 * the graph then computes exactly what training computed (bit-identical standardised inputs),
 * the raw feature space stays visible to calibration and quantization, and the first layer's
 * weights keep their trained range (folding 1/std into them would widen it and hurt int8).
 * Weights are stored as little-endian {@code raw_data}, in PyTorch's {@code [out, in]} layout.
 *
 * <p>Metadata properties: {@value #META_SCHEMA} (the {@link FeatureSchema} as JSON),
 * {@value #META_CLASSES} (class names as a JSON array, output column order) and any extra entries
 * given by the caller.
 */
public final class OnnxExporter {

    public static final String INPUT = "features";
    public static final String OUTPUT = "scores";
    public static final String META_SCHEMA = "edge-mlops.schema";
    public static final String META_CLASSES = "edge-mlops.classes";
    public static final long IR_VERSION = 8;
    public static final long OPSET = 17;


    private OnnxExporter() {
    }

    /** The ONNX model bytes for a network, with the schema and extra metadata recorded in it. */
    public static byte[] export(MlpParameters mlp, FeatureSchema schema, Map<String, String> extraMetadata) {
        return build(mlp, schema, extraMetadata).toByteArray();
    }

    /** The ONNX model as a protobuf message. */
    public static OnnxProto.Model build(MlpParameters mlp, FeatureSchema schema, Map<String, String> extraMetadata) {
        if (schema.inputWidth() != mlp.inputs()) {
            throw new IllegalArgumentException("schema has input width " + schema.inputWidth()
                    + " but the network takes " + mlp.inputs());
        }
        OnnxProto.Graph.Builder g = OnnxProto.Graph.newBuilder().setName("edge-mlops-mlp");
        g.addInput(valueInfo(INPUT, mlp.inputs()));
        g.addInitializer(tensor("standardise.mean", new long[] {mlp.inputs()}, mlp.inputMean()));
        g.addInitializer(tensor("standardise.scale", new long[] {mlp.inputs()}, mlp.inputScale()));
        g.addNode(node("Sub", "standardise.sub", List.of(INPUT, "standardise.mean"), "features.centred"));
        g.addNode(node("Mul", "standardise.mul", List.of("features.centred", "standardise.scale"),
                "features.standardised"));
        String current = "features.standardised";
        List<MlpParameters.Dense> layers = mlp.layers();
        for (int i = 0; i < layers.size(); i++) {
            MlpParameters.Dense d = layers.get(i);
            String w = "dense" + i + ".weight";
            String b = "dense" + i + ".bias";
            g.addInitializer(tensor(w, new long[] {d.outputs(), d.inputs()}, d.weight()));
            g.addInitializer(tensor(b, new long[] {d.outputs()}, d.bias()));
            String out = "dense" + i + ".out";
            g.addNode(node("Gemm", "dense" + i, List.of(current, w, b), out).toBuilder()
                    .addAttribute(OnnxProto.Attribute.newBuilder().setName("transB").setI(1)
                            .setType(OnnxProto.Attribute.Type.INT))
                    .build());
            current = out;
            if (i < layers.size() - 1) {
                String act = "relu" + i + ".out";
                g.addNode(node("Relu", "relu" + i, List.of(current), act));
                current = act;
            }
        }
        if (mlp.softmax()) {
            g.addNode(node("Softmax", "softmax", List.of(current), OUTPUT).toBuilder()
                    .addAttribute(OnnxProto.Attribute.newBuilder().setName("axis").setI(1)
                            .setType(OnnxProto.Attribute.Type.INT))
                    .build());
        } else {
            g.addInitializer(tensor("target.scale", new long[] {1}, new float[] {mlp.targetScale()}));
            g.addInitializer(tensor("target.mean", new long[] {1}, new float[] {mlp.targetMean()}));
            g.addNode(node("Mul", "target.mul", List.of(current, "target.scale"), "target.scaled"));
            g.addNode(node("Add", "target.add", List.of("target.scaled", "target.mean"), OUTPUT));
        }
        g.addOutput(valueInfo(OUTPUT, mlp.outputs()));

        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(META_SCHEMA, Json.toString(schema));
        metadata.put(META_CLASSES, Json.toString(schema.classes()));
        if (extraMetadata != null) {
            metadata.putAll(extraMetadata);
        }
        OnnxProto.Model.Builder model = OnnxProto.Model.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("edge-mlops")
                .setProducerVersion(io.edgemlops.ToolVersions.engine())
                .setGraph(g)
                .addOpsetImport(OnnxProto.OpsetId.newBuilder().setDomain("").setVersion(OPSET));
        metadata.forEach((k, v) -> model.addMetadataProps(OnnxProto.StringEntry.newBuilder().setKey(k).setValue(v)));
        return model.build();
    }

    private static OnnxProto.Node node(String op, String name, List<String> inputs, String output) {
        return OnnxProto.Node.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addOutput(output).build();
    }

    /** A float tensor value with shape {@code [N, width]}. */
    private static OnnxProto.ValueInfo valueInfo(String name, int width) {
        OnnxProto.Shape shape = OnnxProto.Shape.newBuilder()
                .addDim(OnnxProto.Shape.Dim.newBuilder().setDimParam("N"))
                .addDim(OnnxProto.Shape.Dim.newBuilder().setDimValue(width))
                .build();
        return OnnxProto.ValueInfo.newBuilder().setName(name)
                .setType(OnnxProto.TypeInfo.newBuilder().setTensorType(OnnxProto.TypeInfo.TensorType.newBuilder()
                        .setElemType(OnnxProto.Tensor.DataType.FLOAT_VALUE).setShape(shape)))
                .build();
    }

    /** A float initializer stored as little-endian raw data. */
    public static OnnxProto.Tensor tensor(String name, long[] dims, float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        OnnxProto.Tensor.Builder t = OnnxProto.Tensor.newBuilder().setName(name)
                .setDataType(OnnxProto.Tensor.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(buf.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }
}
