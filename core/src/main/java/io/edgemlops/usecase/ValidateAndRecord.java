package io.edgemlops.usecase;

import io.edgemlops.contract.ValidateForTargetContract;
import io.edgemlops.data.FeatureSchema;
import io.edgemlops.registry.AliasRecord;
import io.edgemlops.registry.Audit;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.registry.Variant;
import io.edgemlops.report.JUnitXmlWriter;
import io.edgemlops.store.ObjectStore;
import io.edgemlops.target.ChampionChallenger;
import io.edgemlops.target.TargetProfile;
import io.edgemlops.target.TargetProfiles;
import io.edgemlops.target.TargetValidator;
import io.edgemlops.target.ValidationInput;
import io.edgemlops.target.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code validateForTarget} step: loads a registered variant and its holdout rows, checks them
 * against a device profile and against the version in production (champion / challenger,
 * {@link ChampionEvaluation}), records the result in the registry (where {@code publishToEdge} looks
 * for it) and writes a JUnit XML report for Jenkins' {@code junit} step.
 */
public final class ValidateAndRecord {

    /** The alias whose schema a new version must stay compatible with. */
    public static final String PRODUCTION = "production";

    private ValidateAndRecord() {
    }

    /**
     * What to validate.
     *
     * @param model model name
     * @param version version number, {@code latest} or an alias
     * @param target bundled profile name or a profile JSON file (relative to {@code workDir})
     * @param variant variant name, e.g. fp32
     * @param minAccuracy overrides the profile's minimum accuracy (R² for regression), or null
     * @param report JUnit XML path relative to {@code workDir}, or null for the default
     * @param onTarget whether this node is the target device itself (latency reported unscaled)
     * @param workDir base of relative paths (the Jenkins workspace)
     * @param build CI build URL or tag for the audit trail, or null
     * @param maxRegression how much worse than the version in production the challenger may be (accuracy and macro
     *     F1 points, or RMSE relative to the champion's), or null for the contract's default
     */
    public record Request(String model, String version, String target, String variant, Double minAccuracy,
                          String report, boolean onTarget, Path workDir, String build, Double maxRegression) {

        /** A request with the default {@code maxRegression}. */
        public Request(String model, String version, String target, String variant, Double minAccuracy,
                       String report, boolean onTarget, Path workDir, String build) {
            this(model, version, target, variant, minAccuracy, report, onTarget, workDir, build, null);
        }
    }

    /**
     * The validated version and where its report went.
     *
     * @param card the model version validated
     * @param report the checks and measurements
     * @param reportFile the JUnit XML file written
     * @param reportPath that file as the user named it (relative to the workspace unless given absolute)
     */
    public record Outcome(ModelCard card, ValidationReport report, Path reportFile, String reportPath) {
    }

    /** Validates and records; progress lines go to {@code log}. */
    public static Outcome run(ObjectStore store, Request request, Consumer<String> log) {
        String variantName = request.variant() == null || request.variant().isBlank()
                ? ValidateForTargetContract.DEFAULT_VARIANT : request.variant();
        TargetProfile profile = TargetProfiles.resolve(request.target(), request.workDir());
        ValidateForTargetContract.MIN_ACCURACY.check(request.minAccuracy()).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        ValidateForTargetContract.MAX_REGRESSION.check(request.maxRegression()).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        double maxRegression = request.maxRegression() == null ? ValidateForTargetContract.DEFAULT_MAX_REGRESSION
                : request.maxRegression();
        String reportPath = request.report() == null || request.report().isBlank()
                ? ValidateForTargetContract.defaultReportPath(profile.name(), variantName) : request.report();
        Path reportFile = request.workDir().resolve(reportPath).normalize().toAbsolutePath();
        Path reportDir = reportFile.getParent();
        try {
            Files.createDirectories(reportDir);
        } catch (IOException e) {
            throw new IllegalArgumentException("report: cannot create the folder of " + reportPath + ": " + e, e);
        }
        ModelRegistry registry = new ModelRegistry(store);
        ModelCard card = registry.resolve(request.model(), request.version() == null ? ValidateForTargetContract.DEFAULT_VERSION : request.version());
        Variant variant = card.variant(variantName);
        log.accept("loading " + card.ref() + " " + variantName + " (" + variant.sizeBytes() + " bytes)");
        byte[] onnx = store.getBlob(variant.blob().sha256());

        ValidationReport report = new TargetValidator().validate(input(store, registry, card, profile, variantName,
                onnx, request, log))
                .withChampion(ChampionEvaluation.run(store, registry, card, variantName, onnx, maxRegression, log));
        log.accept(ChampionChallenger.CHECK + ": " + report.champion().reason());
        // After the champion check, so that the line counts every check the report holds.
        log.accept(report.reason());
        // The report file first, the registry record last: a failure leaves no record without its report.
        writeReport(report, reportFile);
        registry.putValidation(card.name(), card.version(), profile.name(), variantName, report,
                Audit.fromEnvironment(report.passed() ? "validation passed" : report.reason()).fromBuild(request.build()));
        return new Outcome(card, report, reportFile, reportPath);
    }

    private static void writeReport(ValidationReport report, Path reportFile) {
        Path tmp = reportFile.resolveSibling("." + reportFile.getFileName() + ".part");
        try {
            JUnitXmlWriter.write(report, tmp);
            Files.move(tmp, reportFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("report: cannot write " + reportFile + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // nothing more to clean up
            }
        }
    }

    private static ValidationInput input(ObjectStore store, ModelRegistry registry, ModelCard card,
                                         TargetProfile profile, String variantName, byte[] onnx, Request request,
                                         Consumer<String> log) {
        FeatureSchema schema = card.schema();
        Optional<HoldoutRows> holdout = HoldoutRows.load(store, card);
        if (holdout.isEmpty()) {
            log.accept(card.ref() + " has no holdout rows: quality cannot be checked");
        }
        float[][] x = holdout.map(HoldoutRows::x).orElse(null);
        int[] classes = holdout.map(HoldoutRows::classes).orElse(null);
        double[] targets = holdout.map(HoldoutRows::targets).orElse(null);
        FeatureSchema production = productionSchema(registry, card, log);
        return new ValidationInput(profile, variantName, onnx, schema, production, x, classes, targets,
                schema.classes(), request.minAccuracy(), request.onTarget(), log);
    }

    private static FeatureSchema productionSchema(ModelRegistry registry, ModelCard card, Consumer<String> log) {
        Optional<AliasRecord> alias = registry.getAlias(card.name(), PRODUCTION);
        if (alias.isEmpty() || alias.get().version() == card.version()) {
            return null;
        }
        log.accept("comparing the schema with " + card.name() + "@" + alias.get().version() + " (production)");
        return registry.get(card.name(), alias.get().version()).schema();
    }
}
