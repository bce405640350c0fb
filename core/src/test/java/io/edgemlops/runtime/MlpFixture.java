package io.edgemlops.runtime;

import com.google.protobuf.ByteString;
import io.edgemlops.onnx.proto.OnnxProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/**
 * Test fixture: small MLPs as real ONNX files (opset 17, IR 8), Gemm + Relu layers with seeded
 * random weights and an optional final Softmax. Input "features" float [N, width] with a symbolic
 * batch dimension, output "scores" float [N, k]. Also computes the same forward pass in Java so
 * tests can produce labels the model gets right.
 */
public final class MlpFixture {

    private final int[] sizes;
    private final float[][][] weights;
    private final float[][] biases;
    private final boolean softmax;

    /** {@code sizes} = input width, hidden widths..., output width. */
    public MlpFixture(long seed, boolean softmax, int... sizes) {
        this.sizes = sizes.clone();
        this.softmax = softmax;
        Random random = new Random(seed);
        weights = new float[sizes.length - 1][][];
        biases = new float[sizes.length - 1][];
        for (int l = 0; l < sizes.length - 1; l++) {
            double scale = 1.0 / Math.sqrt(sizes[l]);
            weights[l] = new float[sizes[l]][sizes[l + 1]];
            biases[l] = new float[sizes[l + 1]];
            for (int i = 0; i < sizes[l]; i++) {
                for (int j = 0; j < sizes[l + 1]; j++) {
                    weights[l][i][j] = (float) (random.nextGaussian() * scale);
                }
            }
            for (int j = 0; j < sizes[l + 1]; j++) {
                biases[l][j] = (float) (random.nextGaussian() * 0.1);
            }
        }
    }

    /** A classifier 16 -> 64 -> 32 -> 3 with Softmax. */
    public static MlpFixture classifier(long seed) {
        return new MlpFixture(seed, true, 16, 64, 32, 3);
    }

    public int width() {
        return sizes[0];
    }

    public int outputs() {
        return sizes[sizes.length - 1];
    }

    /** Serialized ONNX model. */
    public byte[] onnx() {
        return model().toByteArray();
    }

    /** The model as a protobuf message. */
    public OnnxProto.Model model() {
        OnnxProto.Graph.Builder graph = OnnxProto.Graph.newBuilder().setName("mlp");
        graph.addInput(valueInfo("features", width()));
        String current = "features";
        for (int l = 0; l < weights.length; l++) {
            graph.addInitializer(tensor("W" + l, weights[l]));
            graph.addInitializer(vector("B" + l, biases[l]));
            boolean last = l == weights.length - 1;
            String out = last && !softmax ? "scores" : "gemm" + l;
            graph.addNode(OnnxProto.Node.newBuilder().setOpType("Gemm").setName("gemm" + l)
                    .addInput(current).addInput("W" + l).addInput("B" + l).addOutput(out));
            current = out;
            if (!last) {
                graph.addNode(OnnxProto.Node.newBuilder().setOpType("Relu").setName("relu" + l)
                        .addInput(current).addOutput("relu" + l));
                current = "relu" + l;
            }
        }
        if (softmax) {
            graph.addNode(OnnxProto.Node.newBuilder().setOpType("Softmax").setName("softmax")
                    .addInput(current).addOutput("scores")
                    .addAttribute(OnnxProto.Attribute.newBuilder().setName("axis").setI(-1)
                            .setType(OnnxProto.Attribute.Type.INT)));
        }
        graph.addOutput(valueInfo("scores", outputs()));
        return OnnxProto.Model.newBuilder()
                .setIrVersion(8)
                .setProducerName("edge-mlops-test")
                .addOpsetImport(OnnxProto.OpsetId.newBuilder().setDomain("").setVersion(17))
                .setGraph(graph)
                .build();
    }

    /** A float16 model: input "features" float16 [N, width], two Casts, output "scores" float16. */
    public static OnnxProto.Model castModel(int width) {
        OnnxProto.Graph.Builder graph = OnnxProto.Graph.newBuilder().setName("cast");
        graph.addInput(valueInfo("features", width, OnnxProto.Tensor.DataType.FLOAT16_VALUE));
        graph.addNode(OnnxProto.Node.newBuilder().setOpType("Cast").addInput("features").addOutput("f32")
                .addAttribute(OnnxProto.Attribute.newBuilder().setName("to").setI(1)
                        .setType(OnnxProto.Attribute.Type.INT)));
        graph.addNode(OnnxProto.Node.newBuilder().setOpType("Cast").addInput("f32").addOutput("scores")
                .addAttribute(OnnxProto.Attribute.newBuilder().setName("to").setI(10)
                        .setType(OnnxProto.Attribute.Type.INT)));
        graph.addOutput(valueInfo("scores", width, OnnxProto.Tensor.DataType.FLOAT16_VALUE));
        return OnnxProto.Model.newBuilder().setIrVersion(8)
                .addOpsetImport(OnnxProto.OpsetId.newBuilder().setDomain("").setVersion(17))
                .setGraph(graph).build();
    }

    /**
     * A QDQ-style model: int8 weights [width, k] with a per-tensor scale and zero point go through
     * DequantizeLinear into a Gemm; output "scores" float [N, k].
     */
    public static OnnxProto.Model dequantizedLinear(int width, int k, long seed) {
        Random random = new Random(seed);
        byte[] q = new byte[width * k];
        random.nextBytes(q);
        OnnxProto.Graph.Builder graph = OnnxProto.Graph.newBuilder().setName("qdq");
        graph.addInput(valueInfo("features", width));
        graph.addInitializer(OnnxProto.Tensor.newBuilder().setName("Wq").addDims(width).addDims(k)
                .setDataType(OnnxProto.Tensor.DataType.INT8_VALUE).setRawData(ByteString.copyFrom(q)));
        graph.addInitializer(OnnxProto.Tensor.newBuilder().setName("scale")
                .setDataType(OnnxProto.Tensor.DataType.FLOAT_VALUE).addFloatData(0.01f));
        graph.addInitializer(OnnxProto.Tensor.newBuilder().setName("zp")
                .setDataType(OnnxProto.Tensor.DataType.INT8_VALUE).setRawData(ByteString.copyFrom(new byte[1])));
        graph.addInitializer(vector("B", new float[k]));
        graph.addNode(OnnxProto.Node.newBuilder().setOpType("DequantizeLinear").addInput("Wq").addInput("scale")
                .addInput("zp").addOutput("W"));
        graph.addNode(OnnxProto.Node.newBuilder().setOpType("Gemm").addInput("features").addInput("W")
                .addInput("B").addOutput("scores"));
        graph.addOutput(valueInfo("scores", k));
        return OnnxProto.Model.newBuilder().setIrVersion(8)
                .addOpsetImport(OnnxProto.OpsetId.newBuilder().setDomain("").setVersion(17))
                .setGraph(graph).build();
    }

    /** Output scores computed in Java (same maths as the ONNX graph). */
    public float[] forward(float[] x) {
        float[] h = x;
        for (int l = 0; l < weights.length; l++) {
            float[] next = biases[l].clone();
            for (int i = 0; i < h.length; i++) {
                for (int j = 0; j < next.length; j++) {
                    next[j] += h[i] * weights[l][i][j];
                }
            }
            if (l < weights.length - 1) {
                for (int j = 0; j < next.length; j++) {
                    next[j] = Math.max(0, next[j]);
                }
            }
            h = next;
        }
        return h;
    }

    /** Class index the model predicts for each row. */
    public int[] predictedClasses(float[][] rows) {
        int[] out = new int[rows.length];
        for (int r = 0; r < rows.length; r++) {
            float[] s = forward(rows[r]);
            int best = 0;
            for (int j = 1; j < s.length; j++) {
                if (s[j] > s[best]) {
                    best = j;
                }
            }
            out[r] = best;
        }
        return out;
    }

    /** Seeded standard-normal input rows. */
    public static float[][] rows(long seed, int n, int width) {
        Random random = new Random(seed);
        float[][] rows = new float[n][width];
        for (float[] row : rows) {
            for (int j = 0; j < width; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        return rows;
    }

    private static OnnxProto.ValueInfo valueInfo(String name, int width) {
        return valueInfo(name, width, OnnxProto.Tensor.DataType.FLOAT_VALUE);
    }

    private static OnnxProto.ValueInfo valueInfo(String name, int width, int elemType) {
        OnnxProto.Shape shape = OnnxProto.Shape.newBuilder()
                .addDim(OnnxProto.Shape.Dim.newBuilder().setDimParam("N"))
                .addDim(OnnxProto.Shape.Dim.newBuilder().setDimValue(width))
                .build();
        return OnnxProto.ValueInfo.newBuilder().setName(name)
                .setType(OnnxProto.TypeInfo.newBuilder().setTensorType(OnnxProto.TypeInfo.TensorType.newBuilder()
                        .setElemType(elemType).setShape(shape)))
                .build();
    }

    private static OnnxProto.Tensor tensor(String name, float[][] m) {
        ByteBuffer buf = ByteBuffer.allocate(m.length * m[0].length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : m) {
            for (float v : row) {
                buf.putFloat(v);
            }
        }
        return OnnxProto.Tensor.newBuilder().setName(name).setDataType(OnnxProto.Tensor.DataType.FLOAT_VALUE)
                .addDims(m.length).addDims(m[0].length).setRawData(ByteString.copyFrom(buf.array())).build();
    }

    private static OnnxProto.Tensor vector(String name, float[] v) {
        ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            buf.putFloat(x);
        }
        return OnnxProto.Tensor.newBuilder().setName(name).setDataType(OnnxProto.Tensor.DataType.FLOAT_VALUE)
                .addDims(v.length).setRawData(ByteString.copyFrom(buf.array())).build();
    }
}
