package io.edgemlops.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import io.edgemlops.onnx.proto.OnnxProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Estimates the memory a model needs on a device, for batch size 1.
 *
 * <p>Method:
 * <ol>
 *   <li><b>Weights</b>: the bytes of every initializer (element count × element size).</li>
 *   <li><b>Activations</b>: shapes are propagated through the graph in node order, starting from the
 *       graph inputs with every symbolic or unknown dimension set to 1; Gemm/MatMul take their output
 *       width from the weight shapes, element-wise operators broadcast, quantize/dequantize/cast change
 *       the element type, unknown operators keep their first input's shape (the estimate is then marked
 *       approximate). Each intermediate tensor is alive from the node that produces it to the last node
 *       that reads it (graph outputs to the end); the peak over nodes of the bytes alive at once is the
 *       activation figure. ONNX Runtime reuses buffers in a similar way, so this is close to its arena
 *       need, not the sum of all tensors.</li>
 *   <li><b>Runtime overhead</b>: a fixed {@value #RUNTIME_OVERHEAD_BYTES} bytes for the ONNX Runtime
 *       shared library, environment and session bookkeeping, chosen above the resident growth measured
 *       when loading ONNX Runtime 1.24 and creating a first session for a small MLP on Linux x86-64
 *       (see docs/targets.md); it is an allowance, not a measurement of the device.</li>
 * </ol>
 * Where {@code /proc/self/status} exists, {@link #measureSession(byte[])} also reports the measured
 * growth of resident memory (VmRSS) from creating a session and running one row, after the runtime
 * library is loaded. It is informational: it depends on the host's allocator and page size.
 */
public final class MemoryEstimator {

    /** Fixed allowance for the runtime itself: 32 MiB. */
    public static final long RUNTIME_OVERHEAD_BYTES = 32L * 1024 * 1024;

    private MemoryEstimator() {
    }

    /** Static estimate from the model graph. */
    public static MemoryEstimate estimate(OnnxProto.Model model) {
        OnnxProto.Graph graph = model.getGraph();
        Map<String, TensorShape> known = new HashMap<>();
        long weights = 0;
        Set<String> initializers = new HashSet<>();
        for (OnnxProto.Tensor t : graph.getInitializerList()) {
            TensorShape shape = new TensorShape(toList(t.getDimsList()), t.getDataType());
            known.put(t.getName(), shape);
            initializers.add(t.getName());
            weights += t.hasRawData() ? t.getRawData().size() : shape.bytes();
        }
        ShapeInference inference = new ShapeInference(known);
        for (OnnxProto.ValueInfo input : graph.getInputList()) {
            if (!initializers.contains(input.getName())) {
                known.put(input.getName(), fromValueInfo(input));
            }
        }
        List<OnnxProto.Node> nodes = graph.getNodeList();
        for (OnnxProto.Node node : nodes) {
            inference.infer(node);
        }
        // Liveness: [first, last] node index during which each non-initializer tensor is held.
        Map<String, int[]> live = new HashMap<>();
        for (OnnxProto.ValueInfo input : graph.getInputList()) {
            if (!initializers.contains(input.getName())) {
                live.put(input.getName(), new int[] {0, 0});
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            for (String in : nodes.get(i).getInputList()) {
                int[] span = live.get(in);
                if (span != null) {
                    span[1] = Math.max(span[1], i);
                }
            }
            for (String out : nodes.get(i).getOutputList()) {
                if (!out.isEmpty()) {
                    live.put(out, new int[] {i, i});
                }
            }
        }
        int end = Math.max(0, nodes.size() - 1);
        for (OnnxProto.ValueInfo output : graph.getOutputList()) {
            int[] span = live.get(output.getName());
            if (span != null) {
                span[1] = end;
            }
        }
        long peak = 0;
        for (int i = 0; i <= end; i++) {
            long alive = 0;
            for (Map.Entry<String, int[]> e : live.entrySet()) {
                if (e.getValue()[0] <= i && i <= e.getValue()[1]) {
                    TensorShape shape = known.get(e.getKey());
                    alive += shape == null ? 0 : shape.bytes();
                }
            }
            peak = Math.max(peak, alive);
        }
        long total = weights + peak + RUNTIME_OVERHEAD_BYTES;
        return new MemoryEstimate(weights, peak, RUNTIME_OVERHEAD_BYTES, total, null, inference.approximate);
    }

    /**
     * Resident memory growth (bytes) of creating an ONNX Runtime session for {@code model} and running
     * one all-zero row, measured from VmRSS in {@code /proc/self/status} after the runtime library is
     * loaded; null where that file does not exist.
     */
    public static Long measureSession(byte[] model) throws OrtException {
        OnnxRuntimeNatives.environment();
        Long before = residentBytes();
        if (before == null) {
            return null;
        }
        try (OnnxPredictor predictor = new OnnxPredictor(model);
                OnnxTensor input = predictor.createInput(new float[1][predictor.width()])) {
            predictor.runOnce(input);
            Long after = residentBytes();
            return after == null ? null : Math.max(0, after - before);
        }
    }

    /** This process's resident set size from /proc/self/status, or null when not available. */
    public static Long residentBytes() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return null;
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static TensorShape fromValueInfo(OnnxProto.ValueInfo info) {
        OnnxProto.TypeInfo.TensorType type = info.getType().getTensorType();
        List<Long> dims = new ArrayList<>();
        for (OnnxProto.Shape.Dim d : type.getShape().getDimList()) {
            dims.add(d.hasDimValue() && d.getDimValue() > 0 ? d.getDimValue() : 1L);
        }
        return new TensorShape(dims, type.getElemType());
    }

    private static List<Long> toList(List<Long> dims) {
        return new ArrayList<>(dims);
    }

    /** A tensor's dimensions and element type. */
    record TensorShape(List<Long> dims, int elemType) {
        long elements() {
            long n = 1;
            for (long d : dims) {
                n *= Math.max(1, d);
            }
            return n;
        }

        long bytes() {
            return elements() * DataTypes.size(elemType);
        }
    }

    /** Output shapes of the operators our models use; anything else keeps its first input's shape. */
    private static final class ShapeInference {
        private final Map<String, TensorShape> known;
        private boolean approximate;

        ShapeInference(Map<String, TensorShape> known) {
            this.known = known;
        }

        void infer(OnnxProto.Node node) {
            TensorShape a = input(node, 0);
            TensorShape b = input(node, 1);
            String op = node.getOpType();
            List<TensorShape> outs = new ArrayList<>();
            switch (op) {
                case "Gemm" -> {
                    if (a != null && b != null && a.dims().size() == 2 && b.dims().size() == 2) {
                        long m = attrInt(node, "transA", 0) == 1 ? a.dims().get(1) : a.dims().get(0);
                        long n = attrInt(node, "transB", 0) == 1 ? b.dims().get(0) : b.dims().get(1);
                        outs.add(new TensorShape(List.of(m, n), a.elemType()));
                    }
                }
                case "MatMul", "MatMulInteger", "QLinearMatMul" -> {
                    TensorShape right = op.equals("QLinearMatMul") ? input(node, 3) : b;
                    if (a != null && right != null && a.dims().size() >= 1 && right.dims().size() >= 2) {
                        List<Long> dims = new ArrayList<>(a.dims().subList(0, a.dims().size() - 1));
                        dims.add(right.dims().get(right.dims().size() - 1));
                        int type = switch (op) {
                            case "MatMulInteger" -> 6;
                            case "QLinearMatMul" -> elemTypeOr(input(node, 7), a.elemType());
                            default -> a.elemType();
                        };
                        outs.add(new TensorShape(dims, type));
                    }
                }
                case "Add", "Sub", "Mul", "Div", "Pow", "Max", "Min" -> {
                    if (a != null && b != null) {
                        outs.add(new TensorShape(broadcast(a.dims(), b.dims()), a.elemType()));
                    }
                }
                case "QuantizeLinear" -> {
                    if (a != null) {
                        outs.add(new TensorShape(a.dims(), elemTypeOr(input(node, 2), 2)));
                    }
                }
                case "DequantizeLinear" -> {
                    if (a != null) {
                        outs.add(new TensorShape(a.dims(), 1));
                    }
                }
                case "DynamicQuantizeLinear" -> {
                    if (a != null) {
                        outs.add(new TensorShape(a.dims(), 2));
                        outs.add(new TensorShape(List.of(), 1));
                        outs.add(new TensorShape(List.of(), 2));
                    }
                }
                case "Cast" -> {
                    if (a != null) {
                        outs.add(new TensorShape(a.dims(), (int) attrInt(node, "to", a.elemType())));
                    }
                }
                case "Flatten" -> {
                    if (a != null) {
                        int axis = (int) attrInt(node, "axis", 1);
                        axis = axis < 0 ? axis + a.dims().size() : axis;
                        long outer = 1;
                        long inner = 1;
                        for (int i = 0; i < a.dims().size(); i++) {
                            if (i < axis) {
                                outer *= a.dims().get(i);
                            } else {
                                inner *= a.dims().get(i);
                            }
                        }
                        outs.add(new TensorShape(List.of(outer, inner), a.elemType()));
                    }
                }
                case "ArgMax", "ArgMin" -> {
                    if (a != null) {
                        List<Long> dims = new ArrayList<>(a.dims());
                        int axis = (int) attrInt(node, "axis", 0);
                        axis = axis < 0 ? axis + dims.size() : axis;
                        if (axis >= 0 && axis < dims.size()) {
                            if (attrInt(node, "keepdims", 1) == 1) {
                                dims.set(axis, 1L);
                            } else {
                                dims.remove(axis);
                            }
                        }
                        outs.add(new TensorShape(dims, 7));
                    }
                }
                default -> {
                    // Unary element-wise operators (Relu, Sigmoid, Softmax, Identity, ...) keep the shape.
                    boolean exact = List.of("Relu", "LeakyRelu", "Sigmoid", "Tanh", "Softmax", "LogSoftmax",
                            "Identity", "Clip", "Abs", "Neg", "Exp", "Log", "Sqrt", "Erf", "Elu", "Selu",
                            "HardSigmoid", "Dropout").contains(op);
                    if (a != null) {
                        outs.add(a);
                        if (!exact) {
                            approximate = true;
                        }
                    }
                }
            }
            if (outs.isEmpty()) {
                approximate = true;
                outs.add(a != null ? a : new TensorShape(List.of(), 1));
            }
            for (int i = 0; i < node.getOutputCount(); i++) {
                String name = node.getOutput(i);
                if (!name.isEmpty()) {
                    known.put(name, outs.get(Math.min(i, outs.size() - 1)));
                }
            }
        }

        private TensorShape input(OnnxProto.Node node, int i) {
            return i < node.getInputCount() ? known.get(node.getInput(i)) : null;
        }

        private static int elemTypeOr(TensorShape shape, int fallback) {
            return shape == null ? fallback : shape.elemType();
        }

        private static long attrInt(OnnxProto.Node node, String name, long fallback) {
            for (OnnxProto.Attribute attr : node.getAttributeList()) {
                if (attr.getName().equals(name)) {
                    return attr.getI();
                }
            }
            return fallback;
        }

        private static List<Long> broadcast(List<Long> x, List<Long> y) {
            int rank = Math.max(x.size(), y.size());
            List<Long> out = new ArrayList<>();
            for (int i = 0; i < rank; i++) {
                int xi = i - (rank - x.size());
                int yi = i - (rank - y.size());
                long dx = xi >= 0 ? x.get(xi) : 1;
                long dy = yi >= 0 ? y.get(yi) : 1;
                out.add(Math.max(dx, dy));
            }
            return out;
        }
    }
}
