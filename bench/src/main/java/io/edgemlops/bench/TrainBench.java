package io.edgemlops.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgemlops.data.CompactDataset;
import io.edgemlops.data.DatasetLoader;
import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.train.EpochStats;
import io.edgemlops.train.ModelTrainer;
import io.edgemlops.train.TrainingListener;
import io.edgemlops.train.TrainingOptions;
import io.edgemlops.train.TrainingResult;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training throughput harness, driven by {@code bench/train-bench.sh}.
 *
 * <pre>
 * TrainBench generate --rows 20000 --seed 1 --out pump.csv
 * TrainBench djl --data pump.csv --hidden 64,32 --batch 64 --epochs 10 --lr 0.001 --seed 1
 * </pre>
 *
 * The {@code djl} command prints one JSON object on stdout: rows/s over the training steps of all
 * epochs but the first (warm-up), the same measure {@code train_bench.py} reports for PyTorch.
 */
public final class TrainBench {

    private TrainBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchArgs a = BenchArgs.parse(args);
        switch (a.command()) {
            case "generate" -> {
                new SensorDataGenerator(a.seed()).writeCsv(Path.of(a.require("out")), a.rows());
                System.err.println("wrote " + a.rows() + " rows to " + a.require("out"));
            }
            case "djl" -> System.out.println(new ObjectMapper().writeValueAsString(runDjl(a)));
            default -> throw new IllegalArgumentException("unknown command '" + a.command()
                    + "'; use generate or djl");
        }
    }

    static Map<String, Object> runDjl(BenchArgs a) {
        TrainingOptions options = TrainingOptions.of(SensorDataGenerator.LABEL)
                .withHidden(a.hidden()).withBatchSize(a.batch()).withEpochs(a.epochs())
                .withLearningRate(a.learningRate()).withSeed(a.seed());
        // Read as the engine reads a dataset (streamed into the compact store), so the heap the
        // training loop runs beside is the engine's.
        Path data = Path.of(a.require("data")).toAbsolutePath();
        CompactDataset rows = DatasetLoader.load(data.toString(), null, data.getParent(), null,
                options.dataOptions(), Clock.systemUTC(), System.err::println).data();
        TrainingResult r = ModelTrainer.train(rows, options, TrainingListener.lines(System.err::println));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("framework", "djl-" + ai.djl.engine.Engine.getDjlVersion() + "-pytorch");
        out.put("rowsPerSecond", steadyRowsPerSecond(r.history()));
        out.put("epochRowsPerSecond", r.history().stream().map(e -> Math.round(e.rowsPerSecond())).toList());
        // Rows the optimizer saw per epoch: the training split minus the early-stopping slice.
        out.put("trainRows", Math.round(r.history().get(0).rowsPerSecond() * r.history().get(0).seconds()));
        out.put("epochs", r.epochsRun());
        out.put("accuracy", r.metrics().accuracy());
        return out;
    }

    /** Training rows per second over all epochs but the first (or the only one). */
    static double steadyRowsPerSecond(List<EpochStats> history) {
        List<EpochStats> steady = history.size() > 1 ? history.subList(1, history.size()) : history;
        double seconds = steady.stream().mapToDouble(EpochStats::seconds).sum();
        double rows = steady.stream().mapToDouble(s -> s.rowsPerSecond() * s.seconds()).sum();
        return rows / seconds;
    }
}
