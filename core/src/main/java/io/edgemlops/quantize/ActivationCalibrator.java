package io.edgemlops.quantize;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.edgemlops.onnx.proto.OnnxProto;
import io.edgemlops.runtime.OnnxRuntimeNatives;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Finds the value range of intermediate tensors by running the fp32 model in ONNX Runtime on
 * calibration rows, with those tensors exposed as extra graph outputs.
 *
 * <p>Each tensor keeps its exact minimum and maximum and a uniform sample of at most
 * {@value #SAMPLE_CAP} values (seeded), from which percentiles are read: exact for a 500-row
 * calibration of layers up to about 4,000 units, and a sample's estimate beyond that. Values that are
 * not finite are skipped: one overflow must not make the whole range infinite.
 */
final class ActivationCalibrator {

    static final int SAMPLE_CAP = 1 << 21;
    private static final int BATCH = 256;

    private ActivationCalibrator() {
    }

    /**
     * The range of each tensor in {@code tensors} over {@code rows}, fed to the model's single float
     * input {@code [N, width]}.
     *
     * @throws CannotCalibrate when the model cannot be run this way (the caller falls back)
     */
    static Map<String, ActivationRange> calibrate(OnnxProto.Model model, Set<String> tensors, float[][] rows,
                                                  CalibrationMethod method, double percentile) {
        if (rows.length == 0) {
            throw new CannotCalibrate("no calibration rows");
        }
        OnnxProto.Graph graph = model.getGraph();
        Set<String> initializers = new LinkedHashSet<>();
        graph.getInitializerList().forEach(t -> initializers.add(t.getName()));
        List<OnnxProto.ValueInfo> inputs = graph.getInputList().stream()
                .filter(v -> !initializers.contains(v.getName())).toList();
        if (inputs.size() != 1) {
            throw new CannotCalibrate("the model has " + inputs.size() + " inputs; calibration feeds one");
        }
        String input = inputs.get(0).getName();
        int inputType = inputs.get(0).getType().getTensorType().getElemType();
        if (inputType != OnnxProto.Tensor.DataType.FLOAT_VALUE) {
            throw new CannotCalibrate("the model's input '" + input + "' is not float32");
        }
        Set<String> existingOutputs = new LinkedHashSet<>();
        graph.getOutputList().forEach(v -> existingOutputs.add(v.getName()));
        OnnxProto.Graph.Builder probe = graph.toBuilder();
        for (String t : tensors) {
            if (!t.equals(input) && !existingOutputs.contains(t)) {
                probe.addOutput(OnnxProto.ValueInfo.newBuilder().setName(t).setType(OnnxProto.TypeInfo.newBuilder()
                        .setTensorType(OnnxProto.TypeInfo.TensorType.newBuilder()
                                .setElemType(OnnxProto.Tensor.DataType.FLOAT_VALUE))));
            }
        }
        byte[] probeModel = model.toBuilder().setGraph(probe).build().toByteArray();

        Map<String, ValueSample> samples = new LinkedHashMap<>();
        for (String t : tensors) {
            samples.put(t, new ValueSample(t.hashCode()));
        }
        OrtEnvironment env = OnnxRuntimeNatives.environment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(probeModel, options)) {
                Set<String> wanted = new LinkedHashSet<>(tensors);
                wanted.remove(input);
                int width = rows[0].length;
                for (int start = 0; start < rows.length; start += BATCH) {
                    int n = Math.min(BATCH, rows.length - start);
                    FloatBuffer buffer = FloatBuffer.allocate(n * width);
                    for (int i = 0; i < n; i++) {
                        buffer.put(rows[start + i]);
                    }
                    buffer.flip();
                    if (samples.containsKey(input)) {
                        samples.get(input).addAll(buffer.duplicate());
                    }
                    try (OnnxTensor in = OnnxTensor.createTensor(env, buffer, new long[] {n, width});
                            OrtSession.Result result = session.run(Map.of(input, in), wanted)) {
                        for (String t : wanted) {
                            Optional<OnnxValue> v = result.get(t);
                            if (v.isEmpty() || !(v.get() instanceof OnnxTensor tensor)) {
                                throw new CannotCalibrate("tensor '" + t + "' produced no value");
                            }
                            samples.get(t).addAll(tensor.getFloatBuffer());
                        }
                    }
                }
            }
        } catch (OrtException e) {
            throw new CannotCalibrate("ONNX Runtime could not run the model with its intermediate tensors exposed: "
                    + e.getMessage());
        }
        Map<String, ActivationRange> ranges = new LinkedHashMap<>();
        samples.forEach((t, s) -> ranges.put(t, s.range(method, percentile)));
        return ranges;
    }

    /** Calibration is not possible for this model; static int8 falls back to weight-only. */
    static final class CannotCalibrate extends RuntimeException {
        CannotCalibrate(String message) {
            super(message);
        }
    }

    /** Exact extremes plus a bounded uniform sample (reservoir) of one tensor's finite values. */
    private static final class ValueSample {
        private float[] values = new float[1024];
        private int size;
        private long seen;
        private float min = Float.POSITIVE_INFINITY;
        private float max = Float.NEGATIVE_INFINITY;
        private final SplittableRandom random;

        ValueSample(long seed) {
            this.random = new SplittableRandom(seed);
        }

        void addAll(FloatBuffer buffer) {
            while (buffer.hasRemaining()) {
                add(buffer.get());
            }
        }

        private void add(float v) {
            if (!Float.isFinite(v)) {
                return;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
            seen++;
            if (size < SAMPLE_CAP) {
                if (size == values.length) {
                    values = Arrays.copyOf(values, Math.min(SAMPLE_CAP, values.length * 2));
                }
                values[size++] = v;
            } else {
                long slot = random.nextLong(seen);
                if (slot < SAMPLE_CAP) {
                    values[(int) slot] = v;
                }
            }
        }

        ActivationRange range(CalibrationMethod method, double percentile) {
            if (seen == 0) {
                return new ActivationRange(0f, 0f);
            }
            if (method == CalibrationMethod.MINMAX) {
                return new ActivationRange(min, max);
            }
            float[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            double tail = (100.0 - percentile) / 100.0;
            return new ActivationRange(at(sorted, tail), at(sorted, 1.0 - tail));
        }

        /** Nearest-rank quantile q of sorted values. */
        private static float at(float[] sorted, double q) {
            int rank = (int) Math.ceil(q * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }
    }
}
