import ai.onnxruntime.OrtEnvironment;
import com.google.protobuf.ByteString;
import io.edgemlops.onnx.proto.OnnxProto;
import io.edgemlops.runtime.LatencyMeter;
import io.edgemlops.runtime.LatencyStats;
import io.edgemlops.runtime.OnnxPredictor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;

/**
 * ONNX Runtime latency of a 16 -> 64 -> 32 -> 3 MLP (Gemm/Relu/Softmax, opset 17), one intra-op
 * thread, measured with the engine's LatencyMeter. Prints single-row p50/p95/p99 and, as a baseline
 * from the same run, the per-row cost inside a batch of 64: their ratio is the price of answering
 * one reading at a time, which is what an edge device does.
 *
 * Run with bench/ort-latency/run.sh (it builds core and puts its dependencies on the class path).
 * Arguments: [rounds] [seconds per measurement], default 3 and 2.
 */
public class OrtLatencyBench {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        byte[] model = mlp(new int[] {16, 64, 32, 3}, 2026).toByteArray();
        float[][] rows = new float[4096][16];
        Random random = new Random(1);
        for (float[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        LatencyMeter meter = new LatencyMeter(new LatencyMeter.Settings(2000, 1000, Duration.ofSeconds(seconds),
                5_000_000));
        System.out.printf(Locale.ROOT, "ONNX Runtime %s, Java %s, %s %s, %d cpus; model 16->64->32->3, %d bytes%n",
                OrtEnvironment.getEnvironment().getVersion(), System.getProperty("java.version"),
                System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), model.length);
        System.out.println("round  single-row p50/p95/p99 (us)    batch-64 per-row p50/p95 (us)  ratio p50  ratio p95  iterations");
        try (OnnxPredictor predictor = new OnnxPredictor(model)) {
            for (int r = 1; r <= rounds; r++) {
                LatencyStats single = meter.measureSingleRow(predictor, rows);
                LatencyStats batch = meter.measure(predictor, rows, 64).scaled(1.0 / 64);
                System.out.printf(Locale.ROOT, "%5d  %7.2f / %7.2f / %7.2f       %7.3f / %7.3f             %6.1fx    %6.1fx   %d + %d%n",
                        r, us(single.p50Ms()), us(single.p95Ms()), us(single.p99Ms()),
                        us(batch.p50Ms()), us(batch.p95Ms()), single.p50Ms() / batch.p50Ms(),
                        single.p95Ms() / batch.p95Ms(), single.iterations(), batch.iterations());
            }
            // End to end through predict(): tensor creation and copying the scores back included.
            long start = System.nanoTime();
            int n = 0;
            while (System.nanoTime() - start < seconds * 1_000_000_000L) {
                predictor.predict(new float[][] {rows[n % rows.length]});
                n++;
            }
            System.out.printf(Locale.ROOT, "predict() one row incl. tensor creation and output copy: mean %.2f us over %d calls%n",
                    (System.nanoTime() - start) / 1e3 / n, n);
        }
    }

    private static double us(double ms) {
        return ms * 1000;
    }

    /** Gemm + Relu layers with seeded weights, Softmax at the end; input "features" [N, 16]. */
    private static OnnxProto.Model mlp(int[] sizes, long seed) {
        Random random = new Random(seed);
        OnnxProto.Graph.Builder g = OnnxProto.Graph.newBuilder().setName("bench-mlp");
        g.addInput(io("features", sizes[0]));
        String x = "features";
        for (int l = 0; l + 1 < sizes.length; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            ByteBuffer w = ByteBuffer.allocate(in * out * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < in * out; i++) {
                w.putFloat((float) (random.nextGaussian() / Math.sqrt(in)));
            }
            ByteBuffer b = ByteBuffer.allocate(out * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < out; i++) {
                b.putFloat((float) (random.nextGaussian() * 0.1));
            }
            g.addInitializer(OnnxProto.Tensor.newBuilder().setName("W" + l).setDataType(1).addDims(in).addDims(out)
                    .setRawData(ByteString.copyFrom(w.array())));
            g.addInitializer(OnnxProto.Tensor.newBuilder().setName("B" + l).setDataType(1).addDims(out)
                    .setRawData(ByteString.copyFrom(b.array())));
            g.addNode(OnnxProto.Node.newBuilder().setOpType("Gemm").addInput(x).addInput("W" + l).addInput("B" + l)
                    .addOutput("h" + l));
            x = "h" + l;
            if (l + 2 < sizes.length) {
                g.addNode(OnnxProto.Node.newBuilder().setOpType("Relu").addInput(x).addOutput("r" + l));
                x = "r" + l;
            }
        }
        g.addNode(OnnxProto.Node.newBuilder().setOpType("Softmax").addInput(x).addOutput("scores")
                .addAttribute(OnnxProto.Attribute.newBuilder().setName("axis").setI(-1)
                        .setType(OnnxProto.Attribute.Type.INT)));
        g.addOutput(io("scores", sizes[sizes.length - 1]));
        return OnnxProto.Model.newBuilder().setIrVersion(8)
                .addOpsetImport(OnnxProto.OpsetId.newBuilder().setDomain("").setVersion(17)).setGraph(g).build();
    }

    private static OnnxProto.ValueInfo io(String name, int width) {
        return OnnxProto.ValueInfo.newBuilder().setName(name).setType(OnnxProto.TypeInfo.newBuilder()
                .setTensorType(OnnxProto.TypeInfo.TensorType.newBuilder().setElemType(1)
                        .setShape(OnnxProto.Shape.newBuilder()
                                .addDim(OnnxProto.Shape.Dim.newBuilder().setDimParam("N"))
                                .addDim(OnnxProto.Shape.Dim.newBuilder().setDimValue(width)))))
                .build();
    }
}
