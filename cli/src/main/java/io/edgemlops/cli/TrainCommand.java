package io.edgemlops.cli;

import io.edgemlops.data.FeatureSchema;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.store.OpenStore;
import io.edgemlops.train.Metrics;
import io.edgemlops.train.TrainAndRegister;
import io.edgemlops.train.TrainingOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edge-mlops train}: the {@code trainModel} step from the command line. */
@Command(name = "train", description = "Train a model on a CSV dataset (or register an ONNX model trained elsewhere) "
        + "and register it as a new version.")
final class TrainCommand extends StoreCommand {

    @Option(names = "--model", required = true, description = "Model name in the registry, e.g. pump.")
    String model;

    @Option(names = "--dataset", required = true, description = "CSV file with a header (path or s3://bucket/key).")
    String dataset;

    @Option(names = "--label", required = true, description = "Label column.")
    String label;

    @Option(names = "--features", split = ",", description = "Feature columns (default: every column but the label).")
    List<String> features;

    @Option(names = "--categorical", split = ",",
            description = "Columns to one-hot encode even when their values are numbers (e.g. a zone coded 1,2,3).")
    List<String> categorical;

    @Option(names = "--numeric", split = ",",
            description = "Columns that must be numeric: a value that is not a number is an error naming its row.")
    List<String> numeric;

    @Option(names = "--task", description = "classification or regression (default: inferred from the label).")
    FeatureSchema.Task task;

    @Option(names = "--hidden", split = ",", description = "Hidden layer sizes (default: 64,32).")
    List<Integer> hidden;

    @Option(names = "--epochs", description = "Training epochs (default: 20).")
    Integer epochs;

    @Option(names = "--batch-size", description = "Mini-batch size (default: 64).")
    Integer batchSize;

    @Option(names = "--learning-rate", description = "Adam learning rate (default: 0.001).")
    Double learningRate;

    @Option(names = "--seed", description = "Random seed for split, initialisation and shuffling (default: 42).")
    Long seed;

    @Option(names = "--validation-split", description = "Share of rows held out for evaluation (default: 0.2).")
    Double validationSplit;

    @Option(names = "--onnx", description = "Register this ONNX model (trained elsewhere) instead of training.")
    String onnx;

    @Override
    protected LinkedHashMap<String, Object> compute(OpenStore store) {
        TrainAndRegister.Request request = new TrainAndRegister.Request(model, dataset, onnx, options(),
                Path.of("").toAbsolutePath(), build.url(), build.id());
        TrainAndRegister.Outcome outcome = TrainAndRegister.run(store.store(), request, new Progress(err()));
        return result(outcome, store);
    }

    private TrainingOptions options() {
        TrainingOptions o = TrainingOptions.of(label);
        if (features != null && !features.isEmpty()) {
            o = o.withFeatures(features.stream().map(String::trim).filter(f -> !f.isEmpty()).toList());
        }
        if (task != null) {
            o = o.withTask(task);
        }
        Map<String, FeatureSchema.FeatureType> types = new LinkedHashMap<>();
        declare(types, numeric, FeatureSchema.FeatureType.NUMERIC);
        declare(types, categorical, FeatureSchema.FeatureType.CATEGORICAL);
        if (!types.isEmpty()) {
            o = o.withTypes(types);
        }
        if (hidden != null && !hidden.isEmpty()) {
            o = o.withHidden(hidden);
        }
        if (epochs != null) {
            o = o.withEpochs(epochs);
        }
        if (batchSize != null) {
            o = o.withBatchSize(batchSize);
        }
        if (learningRate != null) {
            o = o.withLearningRate(learningRate);
        }
        if (seed != null) {
            o = o.withSeed(seed);
        }
        if (validationSplit != null) {
            o = o.withValidationSplit(validationSplit);
        }
        return o;
    }

    private static void declare(Map<String, FeatureSchema.FeatureType> types, List<String> columns,
                                FeatureSchema.FeatureType type) {
        if (columns == null) {
            return;
        }
        for (String column : columns) {
            String name = column.trim();
            if (name.isEmpty()) {
                continue;
            }
            FeatureSchema.FeatureType before = types.put(name, type);
            if (before != null && before != type) {
                throw new IllegalArgumentException("column '" + name + "' is listed both in --numeric and --categorical");
            }
        }
    }

    static LinkedHashMap<String, Object> result(TrainAndRegister.Outcome outcome, OpenStore store) {
        ModelCard card = outcome.card();
        Metrics m = card.metrics();
        LinkedHashMap<String, Object> r = new LinkedHashMap<>();
        r.put("model", card.name());
        r.put("version", card.version());
        r.put("task", card.task().name().toLowerCase(java.util.Locale.ROOT));
        if (m.accuracy() != null) {
            r.put("accuracy", m.accuracy());
            r.put("macroF1", m.macroF1());
        }
        if (m.rmse() != null) {
            r.put("rmse", m.rmse());
            r.put("mae", m.mae());
            r.put("r2", m.r2());
        }
        r.put("metrics", Output.toMap(m));
        r.put("datasetSha256", outcome.datasetSha256());
        String key = ModelRegistry.cardKey(card.name(), card.version());
        r.put("modelUri", "s3://" + store.location().bucket() + "/" + store.location().fullKey(key));
        r.put("parentVersion", card.lineage().parentVersion());
        r.put("rows", outcome.training().rows().read());
        r.put("trainRows", outcome.training().rows().train());
        r.put("holdoutRows", outcome.training().rows().holdout());
        r.put("droppedRows", outcome.training().rows().dropped());
        r.put("imputedValues", outcome.training().rows().imputed());
        r.put("sizeBytes", card.variant("fp32").sizeBytes());
        r.put("sha256", card.variant("fp32").blob().sha256());
        r.put("external", outcome.training().external());
        return r;
    }
}
