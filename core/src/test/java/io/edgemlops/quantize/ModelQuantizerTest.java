package io.edgemlops.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession;
import com.google.protobuf.UnknownFieldSet;
import io.edgemlops.data.FeatureSchema;
import io.edgemlops.onnx.MlpParameters;
import io.edgemlops.onnx.OnnxExporter;
import io.edgemlops.onnx.OnnxModelInfo;
import io.edgemlops.onnx.OnnxModelReader;
import io.edgemlops.onnx.OnnxTensors;
import io.edgemlops.onnx.proto.OnnxProto;
import io.edgemlops.runtime.OnnxPredictor;
import io.edgemlops.runtime.OnnxRuntimeNatives;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rewritten graphs: what ONNX Runtime makes of them, and how close they stay to fp32. */
class ModelQuantizerTest {

    static final int WIDTH = 16;

    @TempDir
    Path dir;

    static MlpParameters mlp(Random r, int... sizes) {
        float[] mean = new float[WIDTH];
        float[] scale = new float[WIDTH];
        for (int i = 0; i < WIDTH; i++) {
            mean[i] = (float) r.nextGaussian() * 3;
            scale[i] = 0.5f + r.nextFloat();
        }
        List<MlpParameters.Dense> layers = new ArrayList<>();
        int in = WIDTH;
        for (int out : sizes) {
            float[] w = new float[in * out];
            float[] b = new float[out];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (r.nextGaussian() / Math.sqrt(in));
            }
            for (int i = 0; i < out; i++) {
                b[i] = (float) r.nextGaussian() * 0.1f;
            }
            layers.add(new MlpParameters.Dense(in, out, w, b));
            in = out;
        }
        return new MlpParameters(mean, scale, layers, true, 1, 0);
    }

    static byte[] export(MlpParameters p) {
        List<FeatureSchema.Feature> f = new ArrayList<>();
        for (int i = 0; i < WIDTH; i++) {
            f.add(FeatureSchema.Feature.numeric("f" + i));
        }
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < p.outputs(); i++) {
            classes.add("c" + i);
        }
        return OnnxExporter.export(p, new FeatureSchema(f, "y", FeatureSchema.Task.CLASSIFICATION, classes), Map.of());
    }

    static float[][] rows(Random r, int n, MlpParameters p) {
        float[][] x = new float[n][WIDTH];
        for (float[] row : x) {
            for (int i = 0; i < WIDTH; i++) {
                row[i] = p.inputMean()[i] + (float) r.nextGaussian() / p.inputScale()[i];
            }
        }
        return x;
    }

    /** Operator counts of the graph ONNX Runtime actually runs after its optimizations. */
    Map<String, Integer> optimizedOperators(byte[] model) throws Exception {
        Path out = dir.resolve("optimized-" + System.nanoTime() + ".onnx");
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setOptimizedModelFilePath(out.toString());
            OnnxRuntimeNatives.environment().createSession(model, o).close();
        }
        return OnnxModelReader.read(Files.readAllBytes(out)).operators().stream()
                .collect(Collectors.toMap(OnnxModelInfo.Operator::opType, OnnxModelInfo.Operator::count));
    }

    static double agreement(byte[] a, byte[] b, float[][] x) throws Exception {
        try (OnnxPredictor pa = new OnnxPredictor(a); OnnxPredictor pb = new OnnxPredictor(b)) {
            int[] ya = OnnxPredictor.argmax(pa.predict(x));
            int[] yb = OnnxPredictor.argmax(pb.predict(x));
            int same = 0;
            for (int i = 0; i < ya.length; i++) {
                same += ya[i] == yb[i] ? 1 : 0;
            }
            return (double) same / ya.length;
        }
    }

    @Test
    void staticInt8RunsAsIntegerKernelsInOnnxRuntimeWithTheReluFolded() throws Exception {
        Random r = new Random(3);
        MlpParameters p = mlp(r, 64, 32, 3);
        byte[] fp32 = export(p);

        QuantizedModel q = ModelQuantizer.int8Static(fp32, rows(r, 500, p), CalibrationMethod.PERCENTILE, 99.99);

        assertEquals(ModelQuantizer.INT8_STATIC, q.method());
        Map<String, Integer> ops = optimizedOperators(q.onnx());
        assertEquals(3, ops.get("QGemm"), ops.toString());
        assertFalse(ops.containsKey("Gemm") || ops.containsKey("FusedGemm") || ops.containsKey("Relu"), ops.toString());
        assertEquals(1, ops.get("QuantizeLinear"), "one quantization of the input, then integers throughout: " + ops);
        assertTrue(agreement(fp32, q.onnx(), rows(r, 1000, p)) >= 0.97);
        OnnxModelInfo info = OnnxModelReader.read(q.onnx());
        assertEquals(List.of("FLOAT", "INT32", "INT8", "UINT8"), info.initializerTypes());
        assertEquals(OnnxModelReader.read(fp32).metadata(), info.metadata(), "schema and classes travel with the variant");
    }

    @Test
    void weightsAreInt8PerOutputChannelAndBiasesInt32() {
        Random r = new Random(4);
        MlpParameters p = mlp(r, 8, 3);
        QuantizedModel q = ModelQuantizer.int8Static(export(p), rows(r, 200, p), CalibrationMethod.MINMAX, 100);
        Map<String, OnnxProto.Tensor> init = new HashMap<>();
        OnnxModelReader.parse(q.onnx()).getGraph().getInitializerList().forEach(t -> init.put(t.getName(), t));

        OnnxProto.Tensor w = init.get("dense0.weight_int8");
        assertEquals(List.of(8L, (long) WIDTH), w.getDimsList());
        assertEquals(List.of(8L), init.get("dense0.weight_scale").getDimsList());
        float[] scales = OnnxTensors.floats(init.get("dense0.weight_scale"));
        float[] original = p.layers().get(0).weight();
        for (int c = 0; c < 8; c++) {
            float maxAbs = 0;
            for (int i = 0; i < WIDTH; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(original[c * WIDTH + i]));
            }
            assertEquals(maxAbs / 127f, scales[c], 1e-7, "channel " + c + " uses its own range");
        }
        assertEquals(OnnxProto.Tensor.DataType.INT32_VALUE, init.get("dense0.bias_int32").getDataType());
        assertFalse(init.containsKey("dense0.weight"), "the float weight is gone from the file");
    }

    @Test
    void operatorsThatAreNotQuantizedStayFloatAndTheModelStaysValid() throws Exception {
        Random r = new Random(5);
        MlpParameters p = mlp(r, 32, 3);
        OnnxProto.Model model = OnnxModelReader.parse(export(p));
        OnnxProto.Graph.Builder g = model.getGraph().toBuilder();
        // relu0 becomes a Sigmoid: nothing about it is quantized, and dense0's output keeps float precision.
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getOpType().equals("Relu")) {
                g.setNode(i, g.getNode(i).toBuilder().setOpType("Sigmoid"));
            }
        }
        byte[] fp32 = model.toBuilder().setGraph(g).build().toByteArray();

        QuantizedModel q = ModelQuantizer.int8Static(fp32, rows(r, 300, p), CalibrationMethod.PERCENTILE, 99.99);

        Map<String, Integer> ops = optimizedOperators(q.onnx());
        assertEquals(1, ops.get("Sigmoid"), ops.toString());
        assertEquals(2, ops.get("QGemm"), ops.toString());
        assertTrue(agreement(fp32, q.onnx(), rows(r, 500, p)) >= 0.97);
    }

    @Test
    void fieldsWeDoNotModelSurviveQuantization() throws Exception {
        Random r = new Random(6);
        MlpParameters p = mlp(r, 16, 3);
        OnnxProto.Model model = OnnxModelReader.parse(export(p));
        OnnxProto.Graph.Builder g = model.getGraph().toBuilder();
        // Tensor field 14 (data_location = DEFAULT) is not in our schema; ONNX Runtime knows it.
        UnknownFieldSet dataLocation = UnknownFieldSet.newBuilder()
                .addField(14, UnknownFieldSet.Field.newBuilder().addVarint(0).build()).build();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            if (g.getInitializer(i).getName().equals("standardise.mean")) {
                g.setInitializer(i, g.getInitializer(i).toBuilder().setUnknownFields(dataLocation));
            }
        }
        byte[] fp32 = model.toBuilder().setGraph(g).build().toByteArray();

        byte[] q = ModelQuantizer.int8Static(fp32, rows(r, 100, p), CalibrationMethod.MINMAX, 100).onnx();

        OnnxProto.Tensor mean = OnnxModelReader.parse(q).getGraph().getInitializerList().stream()
                .filter(t -> t.getName().equals("standardise.mean")).findFirst().orElseThrow();
        assertTrue(mean.getUnknownFields().hasField(14));
        assertTrue(agreement(fp32, q, rows(r, 200, p)) >= 0.95);
    }

    @Test
    void unmodifiedRoundTripGivesIdenticalOutputs() throws Exception {
        Random r = new Random(7);
        MlpParameters p = mlp(r, 24, 3);
        byte[] fp32 = export(p);
        byte[] again = OnnxModelReader.parse(fp32).toByteArray();
        float[][] x = rows(r, 100, p);
        try (OnnxPredictor a = new OnnxPredictor(fp32); OnnxPredictor b = new OnnxPredictor(again)) {
            float[][] ya = a.predict(x);
            float[][] yb = b.predict(x);
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(Float.floatToIntBits(ya[i][j]), Float.floatToIntBits(yb[i][j]));
                }
            }
        }
    }

    @Test
    void weightOnlyKeepsActivationsFloat() throws Exception {
        Random r = new Random(8);
        MlpParameters p = mlp(r, 32, 3);
        byte[] fp32 = export(p);

        QuantizedModel q = ModelQuantizer.int8WeightOnly(fp32);

        assertEquals(ModelQuantizer.INT8_WEIGHT_ONLY, q.method());
        OnnxModelInfo info = OnnxModelReader.read(q.onnx());
        assertTrue(info.operators().stream().noneMatch(o -> o.opType().equals("QuantizeLinear")));
        assertEquals(2, info.operators().stream().filter(o -> o.opType().equals("DequantizeLinear"))
                .mapToInt(OnnxModelInfo.Operator::count).sum());
        long fp32Weights = OnnxModelReader.read(fp32).parameterBytes();
        assertTrue(info.parameterBytes() < fp32Weights * 0.45, info.parameterBytes() + " vs " + fp32Weights);
        assertTrue(agreement(fp32, q.onnx(), rows(r, 500, p)) >= 0.98);
        assertTrue(OnnxPredictor.isWeightOnlyQuantized(q.onnx()), "so that ONNX Runtime folds the weights at load");
        assertFalse(OnnxPredictor.isWeightOnlyQuantized(fp32));
        assertFalse(OnnxPredictor.isWeightOnlyQuantized(
                ModelQuantizer.int8Static(fp32, rows(r, 50, p), CalibrationMethod.MINMAX, 100).onnx()));
    }

    @Test
    void staticFallsBackToWeightOnlyWhenTheModelCannotBeCalibratedAndSaysWhy() {
        Random r = new Random(9);
        MlpParameters p = mlp(r, 8, 3);
        OnnxProto.Model model = OnnxModelReader.parse(export(p));
        OnnxProto.Graph.Builder g = model.getGraph().toBuilder().addInput(model.getGraph().getInput(0).toBuilder()
                .setName("second_input"));
        byte[] twoInputs = model.toBuilder().setGraph(g).build().toByteArray();

        QuantizedModel q = ModelQuantizer.int8Static(twoInputs, rows(r, 50, p), CalibrationMethod.MINMAX, 100);

        assertEquals(ModelQuantizer.INT8_WEIGHT_ONLY, q.method());
        assertTrue(q.notes().get(0).startsWith("static int8 is not possible for this model (the model has 2 inputs"),
                q.notes().toString());
    }

    @Test
    void fp16StoresWeightsInHalfPrecisionAndKeepsFloatInputsAndOutputs() throws Exception {
        Random r = new Random(10);
        MlpParameters p = mlp(r, 64, 32, 3);
        byte[] fp32 = export(p);

        QuantizedModel q = ModelQuantizer.fp16(fp32);

        OnnxModelInfo info = OnnxModelReader.read(q.onnx());
        assertEquals(List.of("FLOAT", "FLOAT16"), info.initializerTypes());
        assertEquals("FLOAT", info.inputs().get(0).elementType());
        assertEquals("FLOAT", info.outputs().get(0).elementType());
        long fp32Weights = OnnxModelReader.read(fp32).parameterBytes();
        assertTrue(info.parameterBytes() < fp32Weights * 0.52, info.parameterBytes() + " vs " + fp32Weights);
        assertEquals(1.0, agreement(fp32, q.onnx(), rows(r, 500, p)), 0.004);
    }

    @Test
    void oldOpsetsAndGraphsWithoutWeightsAreRefusedWithTheReason() {
        Random r = new Random(11);
        MlpParameters p = mlp(r, 4, 3);
        OnnxProto.Model model = OnnxModelReader.parse(export(p));
        byte[] opset11 = model.toBuilder().setOpsetImport(0, model.getOpsetImport(0).toBuilder().setVersion(11)).build()
                .toByteArray();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelQuantizer.int8WeightOnly(opset11));
        assertTrue(e.getMessage().startsWith("the model imports ONNX opset 11; int8 needs opset 13 or newer"),
                e.getMessage());

        OnnxProto.Graph.Builder g = model.getGraph().toBuilder();
        g.addAllInput(g.getInitializerList().stream().filter(t -> t.getName().endsWith(".weight"))
                .map(t -> OnnxProto.ValueInfo.newBuilder().setName(t.getName()).build()).toList());
        byte[] weightsAsInputs = model.toBuilder().setGraph(g).build().toByteArray();
        e = assertThrows(IllegalArgumentException.class, () -> ModelQuantizer.fp16(weightsAsInputs));
        assertTrue(e.getMessage().startsWith("nothing to quantize"), e.getMessage());
    }
    @Test
    void convolutionsAreQuantizedToo() throws Exception {
        Random r = new Random(12);
        // features [N,16] -> Reshape [N,1,4,4] -> Conv 4x(3x3) -> Relu -> Flatten [N,16] -> Gemm -> Softmax
        float[] kernel = new float[4 * 9];
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = (float) r.nextGaussian() / 3;
        }
        float[] dense = new float[3 * 16];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = (float) r.nextGaussian() / 4;
        }
        OnnxProto.Graph.Builder g = OnnxProto.Graph.newBuilder().setName("conv")
                .addInput(tensorInfo("features", 16)).addOutput(tensorInfo("scores", 3))
                .addInitializer(OnnxProto.Tensor.newBuilder().setName("shape").addDims(4)
                        .setDataType(OnnxProto.Tensor.DataType.INT64_VALUE).addAllInt64Data(List.of(-1L, 1L, 4L, 4L)))
                .addInitializer(OnnxTensors.floatTensor("conv.weight", new long[] {4, 1, 3, 3}, kernel))
                .addInitializer(OnnxTensors.floatTensor("conv.bias", new long[] {4}, new float[] {0.1f, -0.1f, 0, 0.2f}))
                .addInitializer(OnnxTensors.floatTensor("fc.weight", new long[] {3, 16}, dense))
                .addInitializer(OnnxTensors.floatTensor("fc.bias", new long[] {3}, new float[3]))
                .addNode(node("Reshape", List.of("features", "shape"), "image"))
                .addNode(node("Conv", List.of("image", "conv.weight", "conv.bias"), "conv.out"))
                .addNode(node("Relu", List.of("conv.out"), "relu.out"))
                .addNode(node("Flatten", List.of("relu.out"), "flat"))
                .addNode(node("Gemm", List.of("flat", "fc.weight", "fc.bias"), "logits").toBuilder()
                        .addAttribute(GraphIndex.intAttr("transB", 1)))
                .addNode(node("Softmax", List.of("logits"), "scores"));
        byte[] fp32 = OnnxProto.Model.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OnnxProto.OpsetId.newBuilder().setVersion(17)).build().toByteArray();
        float[][] x = new float[400][16];
        for (float[] row : x) {
            for (int i = 0; i < 16; i++) {
                row[i] = (float) r.nextGaussian();
            }
        }

        QuantizedModel q = ModelQuantizer.int8Static(fp32, x, CalibrationMethod.PERCENTILE, 99.99);

        assertEquals(ModelQuantizer.INT8_STATIC, q.method());
        Map<String, Integer> ops = optimizedOperators(q.onnx());
        assertEquals(1, ops.get("QLinearConv"), ops.toString());
        assertTrue(agreement(fp32, q.onnx(), x) >= 0.95);
    }

    static OnnxProto.ValueInfo tensorInfo(String name, int width) {
        return OnnxProto.ValueInfo.newBuilder().setName(name).setType(OnnxProto.TypeInfo.newBuilder()
                .setTensorType(OnnxProto.TypeInfo.TensorType.newBuilder().setElemType(1)
                        .setShape(OnnxProto.Shape.newBuilder()
                                .addDim(OnnxProto.Shape.Dim.newBuilder().setDimParam("N"))
                                .addDim(OnnxProto.Shape.Dim.newBuilder().setDimValue(width))))).build();
    }

    static OnnxProto.Node node(String op, List<String> inputs, String output) {
        return OnnxProto.Node.newBuilder().setOpType(op).setName(output).addAllInput(inputs).addOutput(output).build();
    }
}
