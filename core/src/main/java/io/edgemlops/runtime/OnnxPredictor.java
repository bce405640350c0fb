package io.edgemlops.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * Runs an ONNX model with one float input {@code [batch, width]} and a float first output
 * {@code [batch, k]} (class scores, or one regression value) in ONNX Runtime, single-threaded as
 * on an edge device.
 */
public final class OnnxPredictor implements AutoCloseable {

    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final int width;

    public OnnxPredictor(byte[] model) throws OrtException {
        this.env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            this.session = env.createSession(model, options);
        }
        this.inputName = session.getInputNames().iterator().next();
        long[] shape = ((ai.onnxruntime.TensorInfo) session.getInputInfo().get(inputName).getInfo()).getShape();
        this.width = (int) shape[shape.length - 1];
    }

    /** Input width the model expects. */
    public int width() {
        return width;
    }

    /** The underlying session, for callers that inspect inputs and outputs. */
    public OrtSession session() {
        return session;
    }

    /** Scores for each row: {@code [rows][k]}. */
    public float[][] predict(float[][] rows) throws OrtException {
        int n = rows.length;
        FloatBuffer buffer = FloatBuffer.allocate(n * width);
        for (float[] row : rows) {
            if (row.length != width) {
                throw new IllegalArgumentException("row has " + row.length + " values, model expects " + width);
            }
            buffer.put(row);
        }
        buffer.flip();
        try (OnnxTensor input = OnnxTensor.createTensor(env, buffer, new long[] {n, width});
                OrtSession.Result result = session.run(Map.of(inputName, input))) {
            Object value = result.get(0).getValue();
            if (value instanceof float[][] matrix) {
                return matrix;
            }
            if (value instanceof float[] vector) {
                float[][] out = new float[n][1];
                for (int i = 0; i < n; i++) {
                    out[i][0] = vector[i];
                }
                return out;
            }
            throw new IllegalStateException("model output is " + value.getClass().getSimpleName()
                    + ", expected float [batch, k]");
        }
    }

    /** Index of the highest score per row. */
    public static int[] argmax(float[][] scores) {
        int[] out = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            int best = 0;
            for (int j = 1; j < scores[i].length; j++) {
                if (scores[i][j] > scores[i][best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
