package io.edgemlops.cli;

import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.store.OpenStore;
import io.edgemlops.target.TargetProfiles;
import io.edgemlops.target.ValidationReport;
import io.edgemlops.train.TrainingOptions;
import io.edgemlops.usecase.PromoteWhenAllPass;
import io.edgemlops.usecase.TrainAndRegister;
import io.edgemlops.usecase.ValidateAndRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code edge-mlops demo}: the nightly loop as far as it exists, on generated pump sensor data: train
 * a version, validate it on every bundled device profile, and promote it to {@code production} when
 * every target passed. Each run adds a version, so running it twice shows lineage and the schema
 * check against production.
 */
@Command(name = "demo", description = "Run the loop on generated pump sensor data: train, validate on every bundled "
        + "target, promote to production when all pass.")
final class DemoCommand extends StoreCommand {

    @Option(names = "--model", defaultValue = "pump", description = "Model name (default: pump).")
    String model;

    @Option(names = "--rows", defaultValue = "6000", description = "Rows of generated sensor data (default: 6000).")
    int rows;

    @Option(names = "--epochs", defaultValue = "10", description = "Training epochs (default: 10).")
    int epochs;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of data and training (default: 42).")
    long seed;

    @Option(names = "--work-dir", description = "Folder for the generated dataset and reports (default: ~/.edge-mlops/demo).")
    Path workDir;

    @Override
    protected LinkedHashMap<String, Object> compute(OpenStore store) throws IOException {
        Progress log = new Progress(err());
        Path dir = workDir != null ? workDir : Path.of(System.getProperty("user.home"), ".edge-mlops", "demo");
        Files.createDirectories(dir);
        ModelRegistry registry = new ModelRegistry(store.store());
        int night = registry.listVersions(ModelRegistry.checkName(model)).size() + 1;
        Path dataset = dir.resolve("pump-night-" + night + ".csv");
        // Each night's data comes from a different seed: the fleet's sensors never repeat themselves.
        new SensorDataGenerator(seed + night).writeCsv(dataset, rows);
        log.accept("1/3 generated " + rows + " rows of pump sensor data: " + dataset);

        TrainAndRegister.Outcome trained = TrainAndRegister.run(store.store(), new TrainAndRegister.Request(model,
                dataset.toString(), null, TrainingOptions.of(SensorDataGenerator.LABEL).withEpochs(epochs).withSeed(seed),
                dir, build.url(), build.id()), log);
        int version = trained.card().version();
        log.accept("2/3 trained " + trained.card().ref() + ": accuracy "
                + String.format(java.util.Locale.ROOT, "%.4f", trained.card().metrics().accuracy()));

        List<Map<String, Object>> targets = new ArrayList<>();
        List<ValidationReport> reports = new ArrayList<>();
        for (String target : TargetProfiles.BUNDLED) {
            ValidateAndRecord.Outcome v = ValidateAndRecord.run(store.store(), new ValidateAndRecord.Request(model,
                    Integer.toString(version), target, "fp32", null, null, false, dir, build.reference()), log);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("target", target);
            row.put("passed", v.report().passed());
            row.put("latencyP95Ms", v.report().latencyP95Ms());
            if (!v.report().passed()) {
                row.put("reason", v.report().reason());
            }
            row.put("report", v.reportFile().toString());
            targets.add(row);
            reports.add(v.report());
        }
        boolean allPassed = PromoteWhenAllPass.apply(registry, model, version, reports, build.reference());
        log.accept("3/3 validated " + trained.card().ref() + " on " + targets.size() + " targets: "
                + (allPassed ? "all passed, promoted to production" : "some failed, production unchanged"));

        LinkedHashMap<String, Object> result = TrainCommand.result(trained, store);
        result.put("targets", targets);
        result.put("production", allPassed ? version : null);
        result.put("store", store.location().uri());
        result.put("next", "./edge-mlops models show " + model + "@" + version + " --store " + store.location().uri());
        return result;
    }
}
