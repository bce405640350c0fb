package io.edgemlops.runtime;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.platform.Fp16Conversions;
import io.edgemlops.onnx.OnnxModelInfo;
import io.edgemlops.onnx.OnnxModelReader;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
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
    private final OnnxJavaType inputType;

    public OnnxPredictor(byte[] model) throws OrtException {
        this.env = OnnxRuntimeNatives.environment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            if (isWeightOnlyQuantized(model)) {
                options.addConfigEntry(DISABLE_QDQ_FUSION, "1");
            }
            this.session = env.createSession(model, options);
        }
        try {
            this.inputName = session.getInputNames().iterator().next();
            if (!(session.getInputInfo().get(inputName).getInfo() instanceof TensorInfo info)) {
                throw new IllegalArgumentException("model input '" + inputName + "' is not a tensor");
            }
            long[] shape = info.getShape();
            this.width = (int) shape[shape.length - 1];
            this.inputType = info.type;
        } catch (OrtException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** ONNX Runtime session setting that turns off its QDQ transformers (and with them, its refusal to fold DequantizeLinear). */
    static final String DISABLE_QDQ_FUSION = "session.disable_quant_qdq";

    /**
     * Whether the model stores int8 weights behind DequantizeLinear with no QuantizeLinear anywhere
     * (weight-only int8). ONNX Runtime keeps such DequantizeLinear nodes in the graph for its QDQ
     * fusions and runs them on every call, which made a 16→1024→1024→3 model 3× slower than fp32; with
     * the QDQ transformers off it folds them into float weights at load, and the model runs at fp32
     * speed from a 4× smaller file. A device loading such a variant needs the same setting.
     */
    public static boolean isWeightOnlyQuantized(byte[] model) {
        OnnxModelInfo info;
        try {
            info = OnnxModelReader.read(model);
        } catch (IllegalArgumentException notOnnx) {
            return false;   // ONNX Runtime reports what is wrong with it
        }
        boolean dequantize = false;
        for (OnnxModelInfo.Operator op : info.operators()) {
            if (op.opType().equals("QuantizeLinear")) {
                return false;
            }
            dequantize |= op.opType().equals("DequantizeLinear");
        }
        return dequantize;
    }

    /** Input width the model expects. */
    public int width() {
        return width;
    }

    /** The underlying session, for callers that inspect inputs and outputs. */
    public OrtSession session() {
        return session;
    }

    /**
     * An input tensor {@code [rows, width]} for these rows, in the model's input element type
     * (float32, or float16 for models converted with float16 inputs). The caller closes it.
     */
    public OnnxTensor createInput(float[][] rows) throws OrtException {
        int n = rows.length;
        FloatBuffer buffer = FloatBuffer.allocate(n * width);
        for (float[] row : rows) {
            if (row.length != width) {
                throw new IllegalArgumentException("row has " + row.length + " values, model expects " + width);
            }
            buffer.put(row);
        }
        buffer.flip();
        long[] shape = {n, width};
        if (inputType == OnnxJavaType.FLOAT16) {
            ShortBuffer half = Fp16Conversions.convertFloatBufferToFp16Buffer(buffer);
            return OnnxTensor.createTensor(env, half, shape, OnnxJavaType.FLOAT16);
        }
        return OnnxTensor.createTensor(env, buffer, shape);
    }

    /**
     * Runs the model once on a prepared input and discards the outputs: the unit of work that
     * latency measurement times, without the cost of copying results into Java arrays.
     */
    public void runOnce(OnnxTensor input) throws OrtException {
        try (OrtSession.Result result = session.run(Map.of(inputName, input))) {
            if (result.size() == 0) {
                throw new IllegalStateException("model produced no output");
            }
        }
    }

    /** Scores for each row: {@code [rows][k]}. */
    public float[][] predict(float[][] rows) throws OrtException {
        int n = rows.length;
        try (OnnxTensor input = createInput(rows);
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
            out[i] = argmax(scores[i]);
        }
        return out;
    }

    /** Index of the highest score of one row (the first one on a tie). */
    public static int argmax(float[] scores) {
        int best = 0;
        for (int j = 1; j < scores.length; j++) {
            if (scores[j] > scores[best]) {
                best = j;
            }
        }
        return best;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
