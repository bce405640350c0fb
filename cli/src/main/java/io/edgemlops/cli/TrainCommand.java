package io.edgemlops.cli;

import static io.edgemlops.contract.TrainModelContract.BATCH_SIZE;
import static io.edgemlops.contract.TrainModelContract.CATEGORICAL;
import static io.edgemlops.contract.TrainModelContract.DATASET;
import static io.edgemlops.contract.TrainModelContract.EPOCHS;
import static io.edgemlops.contract.TrainModelContract.FEATURES;
import static io.edgemlops.contract.TrainModelContract.HIDDEN;
import static io.edgemlops.contract.TrainModelContract.LABEL;
import static io.edgemlops.contract.TrainModelContract.LEARNING_RATE;
import static io.edgemlops.contract.TrainModelContract.MODEL;
import static io.edgemlops.contract.TrainModelContract.NUMERIC;
import static io.edgemlops.contract.TrainModelContract.ONNX;
import static io.edgemlops.contract.TrainModelContract.SEED;
import static io.edgemlops.contract.TrainModelContract.TASK;
import static io.edgemlops.contract.TrainModelContract.VALIDATION_SPLIT;

import io.edgemlops.contract.StepContract;
import io.edgemlops.contract.TrainModelContract;
import io.edgemlops.data.FeatureSchema;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.store.OpenStore;
import io.edgemlops.train.Metrics;
import io.edgemlops.train.TrainingOptions;
import io.edgemlops.usecase.TrainAndRegister;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code edge-mlops train}: the {@code trainModel} step from the command line; its flags come from the contract. */
@Command(name = "train", modelTransformer = ContractOptions.class,
        description = "Train a model on a CSV dataset (or register an ONNX model trained elsewhere) "
                + "and register it as a new version.")
final class TrainCommand extends StoreCommand implements ContractCommand {

    @Override
    public StepContract contract() {
        return TrainModelContract.STEP;
    }

    @Override
    protected LinkedHashMap<String, Object> compute(OpenStore store) {
        StepValues values = stepValues();
        TrainAndRegister.Request request = new TrainAndRegister.Request(values.text(MODEL), values.text(DATASET),
                values.text(ONNX), options(values), Path.of("").toAbsolutePath(), build.url(), build.id(),
                values.text(TrainModelContract.TRIGGER), values.text(TrainModelContract.DATES));
        TrainAndRegister.Outcome outcome = TrainAndRegister.run(store.store(), request, new Progress(err()));
        return result(outcome, store);
    }

    private static TrainingOptions options(StepValues v) {
        TrainingOptions o = TrainingOptions.of(v.text(LABEL));
        if (v.texts(FEATURES) != null) {
            o = o.withFeatures(v.texts(FEATURES));
        }
        if (v.text(TASK) != null) {
            o = o.withTask(FeatureSchema.Task.valueOf(v.text(TASK).toUpperCase(Locale.ROOT)));
        }
        Map<String, FeatureSchema.FeatureType> types = new LinkedHashMap<>();
        declare(types, v.texts(NUMERIC), FeatureSchema.FeatureType.NUMERIC);
        declare(types, v.texts(CATEGORICAL), FeatureSchema.FeatureType.CATEGORICAL);
        if (!types.isEmpty()) {
            o = o.withTypes(types);
        }
        if (v.wholeInts(HIDDEN) != null) {
            o = o.withHidden(v.wholeInts(HIDDEN));
        }
        if (v.wholeInt(EPOCHS) != null) {
            o = o.withEpochs(v.wholeInt(EPOCHS));
        }
        if (v.wholeInt(BATCH_SIZE) != null) {
            o = o.withBatchSize(v.wholeInt(BATCH_SIZE));
        }
        if (v.decimal(LEARNING_RATE) != null) {
            o = o.withLearningRate(v.decimal(LEARNING_RATE));
        }
        if (v.whole(SEED) != null) {
            o = o.withSeed(v.whole(SEED));
        }
        if (v.decimal(VALIDATION_SPLIT) != null) {
            o = o.withValidationSplit(v.decimal(VALIDATION_SPLIT));
        }
        return o;
    }

    private static void declare(Map<String, FeatureSchema.FeatureType> types, List<String> columns,
                                FeatureSchema.FeatureType type) {
        if (columns == null) {
            return;
        }
        for (String name : columns) {
            FeatureSchema.FeatureType before = types.put(name, type);
            if (before != null && before != type) {
                throw new IllegalArgumentException("column '" + name + "' is listed both in numeric (--numeric) and "
                        + "categorical (--categorical)");
            }
        }
    }

    /** The {@code trainModel} result Map, keyed by the contract's result keys. */
    static LinkedHashMap<String, Object> result(TrainAndRegister.Outcome outcome, OpenStore store) {
        ModelCard card = outcome.card();
        Metrics m = card.metrics();
        ResultMap r = new ResultMap(TrainModelContract.STEP);
        r.put(TrainModelContract.R_MODEL, card.name());
        r.put(TrainModelContract.R_VERSION, card.version());
        r.put(TrainModelContract.R_TASK, card.task().name().toLowerCase(Locale.ROOT));
        if (m.accuracy() != null) {
            r.put(TrainModelContract.R_ACCURACY, m.accuracy());
            r.put(TrainModelContract.R_MACRO_F1, m.macroF1());
        }
        if (m.rmse() != null) {
            r.put(TrainModelContract.R_RMSE, m.rmse());
            r.put(TrainModelContract.R_MAE, m.mae());
            r.put(TrainModelContract.R_R2, m.r2());
        }
        r.put(TrainModelContract.R_METRICS, Output.toMap(m));
        r.put(TrainModelContract.R_DATASET_SHA256, outcome.datasetSha256());
        String key = ModelRegistry.cardKey(card.name(), card.version());
        r.put(TrainModelContract.R_MODEL_URI, "s3://" + store.location().bucket() + "/"
                + store.location().fullKey(key));
        r.put(TrainModelContract.R_PARENT_VERSION, card.lineage().parentVersion());
        if (card.lineage().trigger() != null) {
            r.put(TrainModelContract.R_TRIGGER, card.lineage().trigger());
        }
        r.put(TrainModelContract.R_LINEAGE, ModelsCommand.chain(new ModelRegistry(store.store()), card,
                TrainModelContract.LINEAGE_DEPTH));
        r.put(TrainModelContract.R_ROWS, outcome.training().rows().read());
        r.put(TrainModelContract.R_DATASET_PARTS, card.lineage().datasetParts().size());
        r.put(TrainModelContract.R_TRAIN_ROWS, outcome.training().rows().train());
        r.put(TrainModelContract.R_HOLDOUT_ROWS, outcome.training().rows().holdout());
        r.put(TrainModelContract.R_DROPPED_ROWS, outcome.training().rows().dropped());
        r.put(TrainModelContract.R_IMPUTED_VALUES, outcome.training().rows().imputed());
        if (outcome.training().epochsRun() != null) {
            r.put(TrainModelContract.R_EPOCHS_RUN, outcome.training().epochsRun());
            r.put(TrainModelContract.R_BEST_EPOCH, outcome.training().bestEpoch());
            r.put(TrainModelContract.R_STOP_REASON, outcome.training().stopReason());
        }
        r.put(TrainModelContract.R_SIZE_BYTES, card.variant("fp32").sizeBytes());
        r.put(TrainModelContract.R_SHA256, card.variant("fp32").blob().sha256());
        r.put(TrainModelContract.R_EXTERNAL, outcome.training().external());
        return r.toMap();
    }
}
