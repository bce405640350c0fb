package io.edgemlops.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.UnknownFieldSet;
import io.edgemlops.data.FeatureSchema;
import io.edgemlops.onnx.proto.OnnxProto;
import io.edgemlops.runtime.OnnxPredictor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The exported graph computes what {@link MlpParameters} documents, in ONNX Runtime. */
class OnnxExporterTest {

    static MlpParameters randomMlp(Random r, int in, int hidden, int out, boolean softmax) {
        float[] mean = new float[in];
        float[] scale = new float[in];
        for (int i = 0; i < in; i++) {
            mean[i] = (float) r.nextGaussian() * 5;
            scale[i] = 0.1f + r.nextFloat();
        }
        return new MlpParameters(mean, scale, List.of(dense(r, in, hidden), dense(r, hidden, out)), softmax,
                2.5f, 10f);
    }

    static MlpParameters.Dense dense(Random r, int in, int out) {
        float[] w = new float[in * out];
        float[] b = new float[out];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian() * 0.5f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) r.nextGaussian() * 0.1f;
        }
        return new MlpParameters.Dense(in, out, w, b);
    }

    /** Straightforward double-precision evaluation of the documented formula. */
    static double[] reference(MlpParameters p, float[] x) {
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            z[i] = (x[i] - p.inputMean()[i]) * p.inputScale()[i];
        }
        for (int l = 0; l < p.layers().size(); l++) {
            MlpParameters.Dense d = p.layers().get(l);
            double[] next = new double[d.outputs()];
            for (int o = 0; o < d.outputs(); o++) {
                double s = d.bias()[o];
                for (int i = 0; i < d.inputs(); i++) {
                    s += z[i] * d.weight()[o * d.inputs() + i];
                }
                next[o] = l < p.layers().size() - 1 ? Math.max(0, s) : s;
            }
            z = next;
        }
        if (p.softmax()) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int i = 0; i < z.length; i++) {
                z[i] = Math.exp(z[i] - max);
                sum += z[i];
            }
            for (int i = 0; i < z.length; i++) {
                z[i] /= sum;
            }
        } else {
            z[0] = z[0] * p.targetScale() + p.targetMean();
        }
        return z;
    }

    static FeatureSchema schema(int width, List<String> classes) {
        List<FeatureSchema.Feature> f = new java.util.ArrayList<>();
        for (int i = 0; i < width; i++) {
            f.add(FeatureSchema.Feature.numeric("f" + i));
        }
        return new FeatureSchema(f, "y", classes.isEmpty() ? FeatureSchema.Task.REGRESSION
                : FeatureSchema.Task.CLASSIFICATION, classes);
    }

    @Test
    void classifierAndRegressorRunInOnnxRuntimeAsDocumented() throws Exception {
        Random r = new Random(1);
        for (boolean softmax : new boolean[] {true, false}) {
            MlpParameters p = randomMlp(r, 6, 8, softmax ? 3 : 1, softmax);
            byte[] onnx = OnnxExporter.export(p, schema(6, softmax ? List.of("a", "b", "c") : List.of()),
                    Map.of("owner", "test"));
            float[][] x = new float[50][6];
            for (float[] row : x) {
                for (int i = 0; i < 6; i++) {
                    row[i] = (float) r.nextGaussian() * 5;
                }
            }
            try (OnnxPredictor predictor = new OnnxPredictor(onnx)) {
                float[][] out = predictor.predict(x);
                for (int n = 0; n < x.length; n++) {
                    double[] expected = reference(p, x[n]);
                    assertEquals(expected.length, out[n].length);
                    for (int k = 0; k < expected.length; k++) {
                        assertEquals(expected[k], out[n][k], 1e-4 * Math.max(1, Math.abs(expected[k])));
                    }
                }
            }
            OnnxModelInfo info = OnnxModelReader.read(onnx);
            assertEquals("test", info.metadata().get("owner"));
            assertTrue(info.metadata().get(OnnxExporter.META_SCHEMA).contains("\"label\":\"y\""));
            assertEquals("edge-mlops " + io.edgemlops.ToolVersions.engine(), info.producer());
        }
    }

    @Test
    void widthMismatchBetweenSchemaAndNetworkIsRejected() {
        MlpParameters p = randomMlp(new Random(2), 4, 3, 2, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExporter.export(p, schema(5, List.of("a", "b")), Map.of()));
        assertEquals("schema has input width 5 but the network takes 4", e.getMessage());
    }

    @Test
    void unknownFieldsSurviveAReadWriteRoundTrip() throws Exception {
        byte[] onnx = OnnxExporter.export(randomMlp(new Random(3), 3, 2, 2, true), schema(3, List.of("a", "b")),
                Map.of());
        // Field 20 (ModelProto.training_info in real ONNX) is not in our subset.
        OnnxProto.Model withExtra = OnnxProto.Model.parseFrom(onnx).toBuilder()
                .setUnknownFields(UnknownFieldSet.newBuilder()
                        .addField(20, UnknownFieldSet.Field.newBuilder()
                                .addLengthDelimited(com.google.protobuf.ByteString.copyFromUtf8("kept")).build())
                        .build())
                .build();
        OnnxProto.Model again = OnnxModelReader.parse(withExtra.toByteArray());
        assertTrue(again.getUnknownFields().hasField(20));
        assertEquals(withExtra.toByteString(), again.toByteString());
    }

    @Test
    void garbageIsNotAnOnnxModel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxModelReader.read("hello, not a model".getBytes()));
        assertTrue(e.getMessage().startsWith("not an ONNX model"), e.getMessage());
    }
}
