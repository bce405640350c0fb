package io.edgemlops.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.data.CsvReader;
import io.edgemlops.data.DataException;
import io.edgemlops.data.FeatureEncoder;
import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.data.Table;
import io.edgemlops.onnx.proto.OnnxProto;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A model trained elsewhere: a linear discriminant fitted in plain Java on other data and written
 * by hand as MatMul + Add + Softmax (opset 13, float_data weights, a differently named input),
 * nothing shared with the exporter.
 */
public class ExternalModelEvaluatorTest {

    static final int WIDTH = SensorDataGenerator.FEATURES.size();
    static final List<String> CLASSES = List.of("bearing_wear", "cavitation", "normal");
    static float[] weights; // [WIDTH][3] row-major, the MatMul layout
    static float[] bias;
    public static byte[] onnx;

    @BeforeAll
    public static void fitAndBuild() {
        // Diagonal linear discriminant: per-class means, pooled per-feature variance.
        Table fit = new SensorDataGenerator(99).generate(3000);
        double[][] sum = new double[3][WIDTH];
        double[] n = new double[3];
        double[][] x = new double[fit.rowCount()][WIDTH];
        int[] y = new int[fit.rowCount()];
        for (int r = 0; r < fit.rowCount(); r++) {
            y[r] = CLASSES.indexOf(fit.value(r, "state"));
            n[y[r]]++;
            for (int i = 0; i < WIDTH; i++) {
                x[r][i] = Double.parseDouble(fit.value(r, i));
                sum[y[r]][i] += x[r][i];
            }
        }
        double[] var = new double[WIDTH];
        for (int r = 0; r < x.length; r++) {
            for (int i = 0; i < WIDTH; i++) {
                double d = x[r][i] - sum[y[r]][i] / n[y[r]];
                var[i] += d * d / x.length;
            }
        }
        weights = new float[WIDTH * 3];
        bias = new float[3];
        for (int k = 0; k < 3; k++) {
            double b = Math.log(n[k] / x.length);
            for (int i = 0; i < WIDTH; i++) {
                double mu = sum[k][i] / n[k];
                weights[i * 3 + k] = (float) (mu / var[i]);
                b -= mu * mu / (2 * var[i]);
            }
            bias[k] = (float) b;
        }
        onnx = handBuiltGraph().toByteArray();
    }

    static OnnxProto.Model handBuiltGraph() {
        OnnxProto.Tensor.Builder w = OnnxProto.Tensor.newBuilder().setName("W").addDims(WIDTH).addDims(3)
                .setDataType(OnnxProto.Tensor.DataType.FLOAT_VALUE);
        for (float v : weights) {
            w.addFloatData(v);
        }
        OnnxProto.Tensor.Builder b = OnnxProto.Tensor.newBuilder().setName("B").addDims(3)
                .setDataType(OnnxProto.Tensor.DataType.FLOAT_VALUE);
        for (float v : bias) {
            b.addFloatData(v);
        }
        OnnxProto.Graph graph = OnnxProto.Graph.newBuilder().setName("python-lda")
                .addInput(io("sensor_input", WIDTH))
                .addOutput(io("probabilities", 3))
                .addInitializer(w).addInitializer(b)
                .addNode(OnnxProto.Node.newBuilder().setOpType("MatMul").addInput("sensor_input").addInput("W")
                        .addOutput("xw"))
                .addNode(OnnxProto.Node.newBuilder().setOpType("Add").addInput("xw").addInput("B")
                        .addOutput("logits"))
                .addNode(OnnxProto.Node.newBuilder().setOpType("Softmax").addInput("logits")
                        .addOutput("probabilities"))
                .build();
        return OnnxProto.Model.newBuilder().setIrVersion(7).setProducerName("handmade").setGraph(graph)
                .addOpsetImport(OnnxProto.OpsetId.newBuilder().setDomain("").setVersion(13)).build();
    }

    static OnnxProto.ValueInfo io(String name, int width) {
        return OnnxProto.ValueInfo.newBuilder().setName(name).setType(OnnxProto.TypeInfo.newBuilder()
                .setTensorType(OnnxProto.TypeInfo.TensorType.newBuilder().setElemType(1)
                        .setShape(OnnxProto.Shape.newBuilder()
                                .addDim(OnnxProto.Shape.Dim.newBuilder().setDimParam("batch"))
                                .addDim(OnnxProto.Shape.Dim.newBuilder().setDimValue(width)))))
                .build();
    }

    @Test
    void evaluatesTheForeignModelLikeATrainedOne() {
        Table data = new SensorDataGenerator(1).generate(3000);
        TrainingResult r = ExternalModelEvaluator.evaluate(onnx, "lda.onnx", data, TrainingOptions.of("state"));
        assertTrue(r.external());
        assertTrue(r.history().isEmpty());
        assertTrue(Double.isNaN(r.exportMaxAbsDiff()));
        assertEquals(CLASSES, r.schema().classes());
        assertEquals(600, r.metrics().rows());
        assertTrue(r.metrics().accuracy() > 0.8, "accuracy " + r.metrics().accuracy());

        // The reported accuracy is this model's: recompute it in Java from the returned holdout file.
        Table holdout = CsvReader.read(new ByteArrayInputStream(r.holdoutCsv()), "holdout.csv");
        float[][] x = new FeatureEncoder(r.schema(), r.fillValues()).encode(holdout).rows();
        int[] actual = new FeatureEncoder(r.schema(), Map.of()).classIndices(holdout);
        int[] predicted = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 3; k++) {
                double s = bias[k];
                for (int j = 0; j < WIDTH; j++) {
                    s += x[i][j] * weights[j * 3 + k];
                }
                if (s > best) {
                    best = s;
                    predicted[i] = k;
                }
            }
        }
        assertEquals(Metrics.classification(actual, predicted, CLASSES).accuracy(), r.metrics().accuracy(), 0.002);
        long predictedTotal = r.baseline().predictedClassCounts().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(600, predictedTotal);
    }

    @Test
    void inputWidthMismatchNamesBothNumbers() {
        Table data = new SensorDataGenerator(1).generate(500);
        TrainingOptions fewer = TrainingOptions.of("state").withFeatures(SensorDataGenerator.FEATURES.subList(0, 15));
        DataException e = assertThrows(DataException.class,
                () -> ExternalModelEvaluator.evaluate(onnx, "lda.onnx", data, fewer));
        assertTrue(e.getMessage().startsWith("generated-pump-1.csv: the model lda.onnx expects 16 input columns but "
                + "the dataset encodes to 15 "), e.getMessage());
    }

    @Test
    void outputWidthMismatchNamesTheClasses() {
        Table data = new SensorDataGenerator(1).generate(500);
        Table twoClasses = Table.ofRows("two.csv", data.columnNames(), java.util.stream.IntStream
                .range(0, data.rowCount()).filter(r -> !data.value(r, "state").equals("cavitation"))
                .mapToObj(r -> data.columnNames().stream().map(c -> data.value(r, c)).toArray(String[]::new))
                .toList());
        DataException e = assertThrows(DataException.class,
                () -> ExternalModelEvaluator.evaluate(onnx, "lda.onnx", twoClasses, TrainingOptions.of("state")));
        assertEquals("two.csv: column 'state': the model lda.onnx outputs 3 values per row but the label has 2 "
                + "classes [bearing_wear, normal]", e.getMessage());
    }

    @Test
    void notOnnxIsRejectedWithTheFileName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExternalModelEvaluator
                .evaluate(new byte[] {1, 2, 3}, "model.onnx", new SensorDataGenerator(1).generate(50),
                        TrainingOptions.of("state")));
        assertTrue(e.getMessage().startsWith("model.onnx: not an ONNX model"), e.getMessage());
    }
}
