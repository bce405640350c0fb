package io.edgemlops.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgemlops.data.CompactDataset;
import io.edgemlops.data.CsvReader;
import io.edgemlops.data.Table;
import io.edgemlops.train.ModelTrainer;
import io.edgemlops.train.TrainingListener;
import io.edgemlops.train.TrainingOptions;
import io.edgemlops.train.TrainingResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Our side of {@code bench/sklearn-compare.sh}: trains with the engine's defaults through
 * {@link ModelTrainer} (the code {@code trainModel} runs) and writes each run's holdout row ids,
 * which {@code sklearn_compare.py} reads to train scikit-learn on exactly the same split.
 *
 * <pre>
 * SklearnCompare generate --out DIR --pump examples/data/pump.csv
 * SklearnCompare train --dir DIR --seeds 5
 * </pre>
 *
 * {@code train} prints one JSON object per data set and seed on stdout.
 */
public final class SklearnCompare {

    /** A data set of the comparison: its file in the work directory and its label column. */
    record DataSet(String name, String label) {
    }

    static final List<DataSet> DATA_SETS = List.of(
            new DataSet("blobs3", CompareData.LABEL),
            new DataSet("blobs10", CompareData.LABEL),
            new DataSet("winelike", CompareData.LABEL),
            new DataSet("pump", "state"));

    private SklearnCompare() {
    }

    public static void main(String[] args) throws Exception {
        BenchArgs a = BenchArgs.parse(args);
        switch (a.command()) {
            case "generate" -> generate(Path.of(a.require("out")), Path.of(a.require("pump")));
            case "train" -> train(Path.of(a.require("dir")), Integer.parseInt(a.options().getOrDefault("seeds", "5")),
                    a.options().get("only"));
            default -> throw new IllegalArgumentException("unknown command '" + a.command()
                    + "'; use generate or train");
        }
    }

    static void generate(Path dir, Path pump) throws IOException {
        Files.createDirectories(dir);
        for (CompareData.Spec spec : CompareData.SPECS) {
            CompareData.write(spec, dir.resolve(spec.name() + ".csv"));
        }
        CompareData.withRowIds(pump, dir.resolve("pump.csv"));
        System.err.println("wrote " + (CompareData.SPECS.size() + 1) + " data sets to " + dir);
    }

    static void train(Path dir, int seeds, String only) throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (DataSet set : DATA_SETS) {
            if (only != null && !only.equals(set.name())) {
                continue;
            }
            Table table = CsvReader.read(dir.resolve(set.name() + ".csv"));
            List<String> features = new ArrayList<>(table.columnNames());
            features.remove(CompareData.ROW_ID);
            features.remove(set.label());
            for (int seed = 1; seed <= seeds; seed++) {
                TrainingOptions options = TrainingOptions.of(set.label()).withFeatures(features).withSeed(seed);
                long start = System.nanoTime();
                CompactDataset data = ModelTrainer.prepare(table, options.dataOptions());
                TrainingResult r = ModelTrainer.train(data, options, TrainingListener.NONE);
                double seconds = (System.nanoTime() - start) / 1e9;
                Files.writeString(dir.resolve("split-" + set.name() + "-" + seed + ".txt"),
                        String.join("\n", holdoutRowIds(table, data)) + "\n", StandardCharsets.UTF_8);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("dataset", set.name());
                out.put("seed", seed);
                out.put("rows", r.rows().used());
                out.put("holdout", r.rows().holdout());
                out.put("accuracy", r.metrics().accuracy());
                out.put("epochsRun", r.epochsRun());
                out.put("bestEpoch", r.bestEpoch());
                out.put("maxEpochs", r.maxEpochs());
                out.put("seconds", seconds);
                System.out.println(json.writeValueAsString(out));
                System.err.println(set.name() + " seed " + seed + ": accuracy " + r.metrics().accuracy() + ", "
                        + r.stopReason());
            }
        }
    }

    /**
     * The row ids of the holdout rows. The prepared rows are the table's rows in order (every
     * generated row has a label, which is checked), so a holdout row index is a table row index.
     */
    static List<String> holdoutRowIds(Table table, CompactDataset data) {
        if (data.values().rows() != table.rowCount()) {
            throw new IllegalStateException("the prepared data has " + data.values().rows() + " rows, the table "
                    + table.rowCount() + ": rows without a label cannot be mapped to row ids");
        }
        List<String> ids = table.column(CompareData.ROW_ID);
        List<String> out = new ArrayList<>(data.holdoutRows().length);
        for (int row : data.holdoutRows()) {
            out.add(ids.get(row));
        }
        return out;
    }
}
