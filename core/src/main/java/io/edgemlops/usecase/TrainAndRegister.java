package io.edgemlops.usecase;

import io.edgemlops.ToolVersions;
import io.edgemlops.data.DatasetLoader;
import io.edgemlops.data.source.DatasetDigest;
import io.edgemlops.data.source.DatasetLocation;
import io.edgemlops.onnx.OnnxModelInfo;
import io.edgemlops.onnx.OnnxModelReader;
import io.edgemlops.registry.AliasRecord;
import io.edgemlops.registry.Audit;
import io.edgemlops.registry.Lineage;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.registry.ModelDraft;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.registry.TrainingRun;
import io.edgemlops.registry.Variant;
import io.edgemlops.store.BlobRef;
import io.edgemlops.store.Json;
import io.edgemlops.store.ObjectStore;
import io.edgemlops.train.ExternalModelEvaluator;
import io.edgemlops.train.ModelTrainer;
import io.edgemlops.train.TrainingListener;
import io.edgemlops.train.TrainingOptions;
import io.edgemlops.train.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code trainModel} step: reads the dataset, trains (or evaluates a model brought from
 * elsewhere), and registers a new version with its fp32 ONNX variant, model card, holdout rows and
 * lineage. Nothing is registered when any part fails: blobs go up first, the card last.
 */
public final class TrainAndRegister {

    private TrainAndRegister() {
    }

    /**
     * What to train and register.
     *
     * @param model model name in the registry
     * @param dataset a CSV file, folder or glob (relative to {@code workDir}), or an {@code s3://} key, prefix or glob
     * @param onnx path of an ONNX model trained elsewhere to register instead of training, or null
     * @param options label, features, task and training hyper-parameters
     * @param workDir base of relative paths (the Jenkins workspace)
     * @param buildUrl CI build URL for the lineage, or null
     * @param buildId CI build id or tag for the lineage, or null
     * @param trigger why this version is trained (e.g. the field drift monitor's summary), for the lineage, or null
     * @param dates null, or the range of days whose parts of the dataset to read (see {@link DatasetLocation})
     */
    public record Request(String model, String dataset, String onnx, TrainingOptions options, Path workDir,
                          String buildUrl, String buildId, String trigger, String dates) {

        /** A request for every part of the dataset. */
        public Request(String model, String dataset, String onnx, TrainingOptions options, Path workDir,
                       String buildUrl, String buildId, String trigger) {
            this(model, dataset, onnx, options, workDir, buildUrl, buildId, trigger, null);
        }

        /** A request without a trigger. */
        public Request(String model, String dataset, String onnx, TrainingOptions options, Path workDir,
                       String buildUrl, String buildId) {
            this(model, dataset, onnx, options, workDir, buildUrl, buildId, null, null);
        }
    }

    /**
     * The registered version and what training produced.
     *
     * @param card the new model card
     * @param training the training (or evaluation) result
     * @param datasetSha256 hash of the dataset file
     */
    public record Outcome(ModelCard card, TrainingResult training, String datasetSha256) {
    }

    /** Trains and registers; progress lines go to {@code log}. */
    public static Outcome run(ObjectStore store, Request request, Consumer<String> log) {
        ModelRegistry.checkName(request.model());
        // The parent is what is in production now, read before training: the version this one is meant to replace.
        ModelRegistry registry = new ModelRegistry(store);
        Integer parent = registry.getAlias(request.model(), ValidateAndRecord.PRODUCTION)
                .map(AliasRecord::version).orElse(null);
        if (parent != null) {
            log.accept("parent: " + request.model() + "@" + parent + " (production)");
        }
        DatasetLoader.Loaded data = DatasetLoader.load(request.dataset(), request.dates(), request.workDir(), store,
                request.options().dataOptions(), Clock.systemUTC(), log);
        TrainingResult result;
        if (request.onnx() != null && !request.onnx().isBlank()) {
            byte[] onnx = readModel(request.workDir(), request.onnx());
            log.accept("evaluating the external model " + request.onnx() + " on the dataset");
            result = ExternalModelEvaluator.evaluate(onnx, request.onnx(), data.data(),
                    data.digest().uri(), request.options());
            warnIfNearChance(result, log);
        } else {
            TrainingOptions o = request.options();
            log.accept("training an MLP " + o.hidden() + " for "
                    + (o.automaticEpochs() ? "an epoch limit set by the data size" : "at most " + o.epochs() + " epochs")
                    + " (batch " + o.batchSize()
                    + ", learning rate " + o.learningRate() + ", seed " + o.seed() + ")");
            log.accept("loading PyTorch (the first run on a machine unpacks about 430 MB of natives)");
            long loading = System.nanoTime();
            String natives = ModelTrainer.loadEngine();
            log.accept(String.format(Locale.ROOT, "PyTorch ready in %.1f s (natives in %s)",
                    (System.nanoTime() - loading) / 1e9, natives));
            result = ModelTrainer.train(data.data(), o, TrainingListener.lines(log));
        }
        log.accept("rows: " + result.rows().used() + " used (" + result.rows().train() + " train, "
                + result.rows().holdout() + " holdout), " + result.rows().dropped() + " dropped for a missing label, "
                + result.rows().imputed() + " values imputed");

        OnnxModelInfo info = OnnxModelReader.read(result.onnx());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("precision", "fp32");
        details.put("opset", info.opsets().getOrDefault(OnnxModelInfo.DEFAULT_DOMAIN, 0L));
        details.put("parameters", info.parameterCount());
        if (!result.external()) {
            details.put("exportMaxAbsDiff", result.exportMaxAbsDiff());
        }
        details.put("headline", result.metrics().headline());
        Variant fp32 = registry.storeVariant("fp32", result.onnx(), "onnx", details);
        BlobRef holdout = store.putBlob(result.holdoutCsv());

        @SuppressWarnings("unchecked")
        Map<String, Object> parameters = new LinkedHashMap<>(Json.MAPPER.convertValue(request.options(), Map.class));
        parameters.put("external", result.external());
        if (request.dates() != null && !request.dates().isBlank()) {
            parameters.put("dates", request.dates().strip());
        }
        if (result.external()) {
            parameters.put("onnx", request.onnx());
        }
        TrainingRun training = result.external() ? null : new TrainingRun(result.epochsRun(), result.maxEpochs(),
                result.bestEpoch(), result.stopReason());
        Lineage lineage = new Lineage(data.digest().sha256(), data.digest().uri(), result.rows().read(), parent,
                request.buildUrl(), request.buildId(), ToolVersions.all(), parameters, training,
                request.trigger() == null || request.trigger().isBlank() ? null : request.trigger().strip(),
                parts(data.digest()));
        ModelDraft draft = new ModelDraft(result.schema().task(), result.schema(), result.metrics(), result.baseline(),
                lineage, Map.of("fp32", fp32), holdout, result.fillValues());
        ModelCard card = registry.register(request.model(), draft,
                Audit.fromEnvironment(result.external() ? "registered external model" : "trained")
                        .fromBuild(request.buildUrl() != null ? request.buildUrl() : request.buildId()));
        log.accept("registered " + card.ref() + " (" + fp32.sizeBytes() + " bytes fp32) in " + store.location().uri());
        return new Outcome(card, result, data.digest().sha256());
    }

    /** The parts of a dataset as the lineage lists them. */
    private static List<Lineage.DatasetPart> parts(DatasetDigest digest) {
        return digest.parts().stream().map(p -> new Lineage.DatasetPart(p.name(), p.sha256(), p.bytes())).toList();
    }

    /**
     * A model trained elsewhere is fed columns and read classes by position; a mismatch in either order
     * still runs but scores near chance, which deserves a word before the version goes anywhere.
     */
    private static void warnIfNearChance(TrainingResult result, Consumer<String> log) {
        Double accuracy = result.metrics().accuracy();
        int classes = result.schema().classes().size();
        if (accuracy != null && classes > 1 && accuracy < 1.0 / classes + 0.1) {
            log.accept(String.format(java.util.Locale.ROOT, "WARNING: the external model scores %.3f, near chance "
                    + "(%.3f for %d classes): check that it expects the columns in the order %s and outputs the classes "
                    + "in the order %s", accuracy, 1.0 / classes, classes, result.schema().inputColumns(),
                    result.schema().classes()));
        }
    }

    private static byte[] readModel(Path workDir, String onnx) {
        Path file = workDir.resolve(onnx).normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("onnx: file '" + onnx + "' does not exist (looked at " + file + ")");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("onnx: cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
