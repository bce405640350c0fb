package io.edgemlops.bench;

import io.edgemlops.data.CompactDataset;
import io.edgemlops.data.CsvReader;
import io.edgemlops.data.FeatureSchema.Feature;
import io.edgemlops.data.FeatureSchema.FeatureType;
import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.data.Table;
import io.edgemlops.onnx.OnnxModelInfo;
import io.edgemlops.onnx.OnnxModelReader;
import io.edgemlops.quantize.CalibrationMethod;
import io.edgemlops.quantize.ModelQuantizer;
import io.edgemlops.quantize.QuantizedModel;
import io.edgemlops.runtime.LatencyMeter;
import io.edgemlops.runtime.LatencyStats;
import io.edgemlops.runtime.OnnxPredictor;
import io.edgemlops.train.ModelTrainer;
import io.edgemlops.train.TrainingListener;
import io.edgemlops.train.TrainingOptions;
import io.edgemlops.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Our side of {@code bench/quantize-bench.sh}: trains an MLP with the engine ({@link ModelTrainer},
 * the code {@code trainModel} runs), quantizes its fp32 ONNX with {@link ModelQuantizer} (int8
 * static, int8 weight-only, fp16), and compares each variant with fp32 on the holdout: file size,
 * accuracy, agreement, and single-row latency in ONNX Runtime (one thread, {@link LatencyMeter}).
 *
 * <pre>
 * QuantizeBench run --data pump.csv --hidden 1024,1024 --epochs 3 --seed 1 --out DIR
 *     [--calibration 500] [--percentile 99.99] [--rounds 5] [--seconds 0.5] [--fp32 model.onnx]
 * </pre>
 *
 * Writes the split it used ({@code train.csv}, {@code holdout.csv}: the engine's own seeded split,
 * for the PyTorch side) and every model file into {@code DIR}, and prints one JSON object on stdout.
 * {@code --fp32} skips training and quantizes a model from an earlier run on the same data.
 *
 * <p>Latency: all variants' sessions are open at once and measured in {@code rounds} rounds; each
 * round measures every variant once, starting with a different one each round, so a busy spell of
 * the machine does not land on one variant only. Reported per variant: the median over rounds of
 * p50 and of p95, and the median over rounds of (variant p50 / fp32 p50 of the same round).
 */
public final class QuantizeBench {

    static final String FP32 = "fp32";

    private QuantizeBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchArgs a = BenchArgs.parse(args);
        if (!a.command().equals("run")) {
            throw new IllegalArgumentException("unknown command '" + a.command() + "'; use run");
        }
        System.out.println(io.edgemlops.store.Json.toString(run(a)));
    }

    /** A model variant under comparison. */
    record Candidate(String name, String method, byte[] onnx, List<String> notes, double seconds, String error) {
    }

    static Map<String, Object> run(BenchArgs a) throws Exception {
        Path out = Path.of(a.require("out"));
        Files.createDirectories(out);
        int calibrationRows = Integer.parseInt(a.options().getOrDefault("calibration", "500"));
        double percentile = Double.parseDouble(a.options().getOrDefault("percentile", "99.99"));
        int rounds = Integer.parseInt(a.options().getOrDefault("rounds", "5"));
        double seconds = Double.parseDouble(a.options().getOrDefault("seconds", "0.5"));

        Table table = CsvReader.read(Path.of(a.require("data")));
        TrainingOptions options = TrainingOptions.of(SensorDataGenerator.LABEL)
                .withHidden(a.hidden()).withBatchSize(a.batch()).withEpochs(a.epochs())
                .withLearningRate(a.learningRate()).withSeed(a.seed());
        // The dataset ModelTrainer trains on: its seeded split is what the PyTorch side trains and evaluates on.
        CompactDataset data = ModelTrainer.prepare(table, options.dataOptions());
        Files.write(out.resolve("train.csv"), rowsCsv(data, data.trainRows()));
        Files.write(out.resolve("holdout.csv"), rowsCsv(data, data.holdoutRows()));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("side", "engine (ONNX Runtime " + io.edgemlops.runtime.OnnxRuntimeNatives.environment().getVersion() + ")");
        result.put("hidden", a.hidden());
        result.put("trainRows", data.trainRows().length);
        result.put("holdoutRows", data.holdoutRows().length);

        byte[] fp32;
        if (a.options().containsKey("fp32")) {
            fp32 = Files.readAllBytes(Path.of(a.options().get("fp32")));
            result.put("trainSeconds", null);
            System.err.println("using the fp32 model " + a.options().get("fp32") + " (no training)");
        } else {
            long t0 = System.nanoTime();
            TrainingResult trained = ModelTrainer.train(data, options, TrainingListener.lines(System.err::println));
            result.put("trainSeconds", (System.nanoTime() - t0) / 1e9);
            result.put("epochs", trained.epochsRun());
            result.put("engineHoldoutAccuracy", trained.metrics().accuracy());
            fp32 = trained.onnx();
        }
        Files.write(out.resolve("fp32.onnx"), fp32);

        float[][] calibration = inputs(data, sample(data.trainRows(), calibrationRows, a.seed()));
        result.put("calibrationRows", calibration.length);
        result.put("calibration", "percentile " + percentile + " on training rows");
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(new Candidate(FP32, FP32, fp32, List.of(), 0, null));
        candidates.add(quantize("int8-static", () -> ModelQuantizer.int8Static(fp32, calibration,
                CalibrationMethod.PERCENTILE, percentile)));
        candidates.add(quantize("int8-weight-only", () -> ModelQuantizer.int8WeightOnly(fp32)));
        candidates.add(quantize("fp16", () -> ModelQuantizer.fp16(fp32)));
        for (Candidate c : candidates) {
            if (c.onnx() != null) {
                Files.write(out.resolve(c.name() + ".onnx"), c.onnx());
            }
        }
        result.put("variants", compare(candidates, data, rounds, seconds));
        result.put("rounds", rounds);
        result.put("secondsPerMeasurement", seconds);
        return result;
    }

    static Candidate quantize(String name, Supplier<QuantizedModel> how) {
        long t0 = System.nanoTime();
        try {
            QuantizedModel q = how.get();
            double s = (System.nanoTime() - t0) / 1e9;
            System.err.println(name + ": " + q.onnx().length + " bytes in " + String.format("%.2f", s) + " s, method "
                    + q.method() + (q.notes().isEmpty() ? "" : ", notes: " + q.notes()));
            return new Candidate(name, q.method(), q.onnx(), q.notes(), s, null);
        } catch (RuntimeException e) {
            System.err.println(name + " failed: " + e);
            return new Candidate(name, null, null, List.of(), (System.nanoTime() - t0) / 1e9,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** {@code n} rows drawn without replacement with a seeded shuffle (all rows when there are fewer). */
    static int[] sample(int[] rows, int n, long seed) {
        List<Integer> list = new ArrayList<>(Arrays.stream(rows).boxed().toList());
        java.util.Collections.shuffle(list, new Random(seed));
        return list.subList(0, Math.min(n, list.size())).stream().mapToInt(Integer::intValue).toArray();
    }

    /** The model inputs of the given rows, one array per row. */
    static float[][] inputs(CompactDataset data, int[] rows) {
        CompactDataset.RowEncoder encoder = data.encoder();
        float[][] out = new float[rows.length][encoder.width()];
        for (int i = 0; i < rows.length; i++) {
            encoder.encode(rows[i], out[i], 0);
        }
        return out;
    }

    /**
     * The given rows as UTF-8 CSV, written as {@link CompactDataset#holdoutCsv} writes its sample: the feature
     * columns, then the label; numbers as the model read them (float32), a missing value as an empty cell.
     */
    static byte[] rowsCsv(CompactDataset data, int[] rows) {
        List<Feature> features = data.schema().features();
        List<String> header = new ArrayList<>(features.stream().map(Feature::name).toList());
        header.add(data.schema().label());
        List<String[]> cells = new ArrayList<>(rows.length);
        for (int row : rows) {
            String[] line = new String[features.size() + 1];
            for (int f = 0; f < features.size(); f++) {
                float v = data.values().get(row, f);
                line[f] = Float.isNaN(v) ? ""
                        : features.get(f).type() == FeatureType.NUMERIC ? Float.toString(v)
                        : data.dictionaries().get(f).get((int) v);
            }
            line[features.size()] = data.isClassification() ? data.schema().classes().get(data.classes()[row])
                    : Double.toString(data.targets()[row]);
            cells.add(line);
        }
        return Table.ofRows("rows.csv", header, cells).toCsv();
    }

    static List<Map<String, Object>> compare(List<Candidate> candidates, CompactDataset data, int rounds,
                                             double seconds) throws Exception {
        int[] holdout = data.holdoutRows();
        float[][] x = inputs(data, holdout);
        int[] y = Arrays.stream(holdout).map(r -> data.classes()[r]).toArray();
        List<Candidate> ok = candidates.stream().filter(c -> c.onnx() != null).toList();
        List<OnnxPredictor> predictors = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        try {
            for (Candidate c : ok) {
                predictors.add(new OnnxPredictor(c.onnx()));
            }
            int[] reference = OnnxPredictor.argmax(predictors.get(0).predict(x));
            double fp32Accuracy = accuracy(reference, y);
            LatencyStats[][] stats = measure(predictors, x, rounds, seconds);
            for (Candidate c : candidates) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", c.name());
                row.put("method", c.method());
                row.put("notes", c.notes());
                row.put("quantizeSeconds", c.seconds());
                if (c.onnx() == null) {
                    row.put("error", c.error());
                    rows.add(row);
                    continue;
                }
                int i = ok.indexOf(c);
                int[] predicted = OnnxPredictor.argmax(predictors.get(i).predict(x));
                double acc = accuracy(predicted, y);
                OnnxModelInfo info = OnnxModelReader.read(c.onnx());
                row.put("sizeBytes", c.onnx().length);
                row.put("sizeVsFp32", (double) c.onnx().length / ok.get(0).onnx().length);
                row.put("operators", info.operators().stream().map(o -> o.opType() + "x" + o.count()).toList());
                row.put("initializerTypes", info.initializerTypes());
                row.put("accuracy", acc);
                row.put("accuracyDrop", fp32Accuracy - acc);
                row.put("agreement", agreement(predicted, reference));
                double[] p50 = new double[rounds];
                double[] p95 = new double[rounds];
                double[] ratio = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    p50[r] = stats[r][i].p50Ms();
                    p95[r] = stats[r][i].p95Ms();
                    ratio[r] = stats[r][i].p50Ms() / stats[r][0].p50Ms();
                }
                row.put("p50Ms", median(p50));
                row.put("p95Ms", median(p95));
                row.put("p50VsFp32", median(ratio));
                row.put("p50MsPerRound", p50);
                row.put("iterations", Arrays.stream(stats).mapToInt(s -> s[i].iterations()).sum());
                rows.add(row);
            }
        } finally {
            for (OnnxPredictor p : predictors) {
                p.close();
            }
        }
        return rows;
    }

    /** {@code [round][variant]}: every variant once per round, round r starting with variant r mod n. */
    static LatencyStats[][] measure(List<OnnxPredictor> predictors, float[][] rows, int rounds, double seconds)
            throws Exception {
        int n = predictors.size();
        LatencyMeter meter = new LatencyMeter(new LatencyMeter.Settings(200, 300,
                Duration.ofNanos((long) (seconds * 1e9)), 2_000_000));
        LatencyStats[][] out = new LatencyStats[rounds][n];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < n; k++) {
                int i = (r + k) % n;
                out[r][i] = meter.measureSingleRow(predictors.get(i), rows);
            }
            System.err.printf("latency round %d/%d (load average %s): p50 ms %s%n", r + 1, rounds, loadAverage(),
                    Arrays.stream(out[r]).map(s -> String.format("%.4f", s.p50Ms())).toList());
        }
        return out;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static double accuracy(int[] predicted, int[] truth) {
        int hit = 0;
        for (int i = 0; i < truth.length; i++) {
            hit += predicted[i] == truth[i] ? 1 : 0;
        }
        return (double) hit / truth.length;
    }

    static double agreement(int[] a, int[] b) {
        return accuracy(a, b);
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
