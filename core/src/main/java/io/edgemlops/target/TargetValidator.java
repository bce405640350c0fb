package io.edgemlops.target;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.edgemlops.data.FeatureSchema;
import io.edgemlops.onnx.proto.OnnxProto;
import io.edgemlops.runtime.LatencyMeter;
import io.edgemlops.runtime.LatencyStats;
import io.edgemlops.runtime.MemoryEstimate;
import io.edgemlops.runtime.MemoryEstimator;
import io.edgemlops.runtime.OnnxPredictor;
import io.edgemlops.train.Metrics;
import io.edgemlops.store.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks whether a model variant fits a device profile: size, memory, latency, quality, operators,
 * data types, opset and schema compatibility with production. Pure: no storage, no side effects
 * beyond running the model in ONNX Runtime on this host.
 *
 * <p>Latency is measured here, single-row with one thread, and multiplied by the profile's
 * {@code relativeSpeed} to project it onto the device, unless {@link ValidationInput#onTarget()}
 * says this host is the device. Every check runs even when an earlier one failed, so one report
 * lists everything that needs fixing.
 */
public final class TargetValidator {

    /** Check names, in report order. */
    public static final String MODEL_SIZE = "model-size";
    public static final String OPSET = "opset";
    public static final String OPERATORS = "operators";
    public static final String DATA_TYPES = "data-types";
    public static final String SCHEMA = "schema";
    public static final String MEMORY = "memory";
    public static final String LATENCY = "latency-p95";
    public static final String ACCURACY = "accuracy";
    public static final String R2 = "r2";
    public static final String RMSE = "rmse";

    private static final int PREDICT_BATCH = 1024;

    private final LatencyMeter meter;
    private final Clock clock;

    /** A validator with the default latency settings (at least 200 iterations and 1 s). */
    public TargetValidator() {
        this(new LatencyMeter(), Clock.systemUTC());
    }

    public TargetValidator(LatencyMeter meter, Clock clock) {
        this.meter = meter;
        this.clock = clock;
    }

    /**
     * Runs every check.
     *
     * @throws IllegalArgumentException when the bytes are not an ONNX model or the input is inconsistent
     */
    public ValidationReport validate(ValidationInput in) {
        TargetProfile profile = in.profile();
        in.progress().accept("validating " + in.variant() + " for " + profile.name());
        requireLabels(in);
        ModelFacts facts = ModelFacts.of(in.onnx());
        List<CheckResult> checks = new ArrayList<>();
        checks.add(modelSize(in.onnx().length, profile));
        checks.add(opset(facts, profile));
        checks.add(operators(facts, profile));
        checks.add(dataTypes(facts, profile));
        checks.add(schema(facts, in.candidate(), in.production()));

        in.progress().accept("estimating memory");
        MemoryEstimate memory = MemoryEstimator.estimate(facts.model());
        LatencyStats measured = null;
        LatencyStats projected = null;
        Metrics metrics = null;
        double factor = in.onTarget() ? 1.0 : profile.relativeSpeed();
        String loadError = null;
        try {
            memory = memory.withMeasured(MemoryEstimator.measureSession(in.onnx()));
            try (OnnxPredictor predictor = new OnnxPredictor(in.onnx())) {
                in.progress().accept("measuring single-row latency in ONNX Runtime");
                float[][] rows = in.x().length > 0 ? in.x() : new float[][] {new float[predictor.width()]};
                measured = meter.measureSingleRow(predictor, rows);
                projected = measured.scaled(factor);
                if (in.x().length > 0) {
                    in.progress().accept("evaluating on " + in.x().length + " holdout rows");
                    metrics = evaluate(predictor, in);
                }
            }
        } catch (OrtException | RuntimeException e) {
            loadError = "ONNX Runtime could not run the model: " + e.getMessage();
            in.progress().accept(loadError);
        }
        checks.add(memory(memory, profile));
        checks.add(latency(projected, measured, factor, in.onTarget(), profile, loadError));
        checks.addAll(quality(metrics, in, profile, loadError));

        boolean passed = checks.stream().allMatch(CheckResult::passed);
        ValidationReport report = new ValidationReport(profile.name(), in.variant(), passed, checks, projected,
                measured, factor, in.onTarget(), metrics, memory, in.onnx().length, Sha256.of(in.onnx()),
                clock.instant().toString(), host());
        return report;
    }

    private static CheckResult modelSize(long bytes, TargetProfile profile) {
        String message = "model file is " + Bytes.human(bytes) + ", limit " + Bytes.human(profile.maxModelBytes());
        return new CheckResult(MODEL_SIZE, bytes <= profile.maxModelBytes(), (double) bytes,
                (double) profile.maxModelBytes(), "bytes", message);
    }

    private static CheckResult opset(ModelFacts facts, TargetProfile profile) {
        long opset = facts.onnxOpset();
        boolean ok = opset <= profile.maxOpset();
        String message = "model imports ai.onnx opset " + opset + "; " + profile.name() + " runs up to opset "
                + profile.maxOpset();
        return new CheckResult(OPSET, ok, (double) opset, (double) profile.maxOpset(), "", message);
    }

    private static CheckResult operators(ModelFacts facts, TargetProfile profile) {
        List<String> unsupported = facts.operators().stream()
                .filter(op -> !profile.supportedOperators().contains(op)).toList();
        String message = unsupported.isEmpty()
                ? "all " + facts.operators().size() + " operators supported: " + String.join(", ", facts.operators())
                : "unsupported operators: " + String.join(", ", unsupported);
        return new CheckResult(OPERATORS, unsupported.isEmpty(), (double) unsupported.size(), 0.0, "", message);
    }

    private static CheckResult dataTypes(ModelFacts facts, TargetProfile profile) {
        List<String> unsupported = facts.dataTypes().stream()
                .filter(t -> !profile.supportedDataTypes().contains(t)).toList();
        String message = unsupported.isEmpty()
                ? "all data types supported: " + String.join(", ", facts.dataTypes())
                : "unsupported data types: " + String.join(", ", unsupported);
        return new CheckResult(DATA_TYPES, unsupported.isEmpty(), (double) unsupported.size(), 0.0, "", message);
    }

    private static CheckResult schema(ModelFacts facts, FeatureSchema candidate, FeatureSchema production) {
        List<String> breaks = new ArrayList<>();
        long width = modelInputWidth(facts.model());
        if (width > 0 && width != candidate.inputWidth()) {
            breaks.add("model input width " + width + " differs from the schema's " + candidate.inputWidth()
                    + " columns");
        }
        if (production == null) {
            return new CheckResult(SCHEMA, breaks.isEmpty(), (double) breaks.size(), 0.0, "",
                    breaks.isEmpty() ? "no production version" : String.join("; ", breaks));
        }
        SchemaCompatibility compatibility = SchemaCompatibility.compare(candidate, production);
        breaks.addAll(compatibility.breaks());
        String message;
        if (!breaks.isEmpty()) {
            message = "breaks production schema: " + String.join("; ", breaks);
        } else if (!compatibility.notes().isEmpty()) {
            message = "compatible with production (" + String.join("; ", compatibility.notes()) + ")";
        } else {
            message = "same schema as production";
        }
        return new CheckResult(SCHEMA, breaks.isEmpty(), (double) breaks.size(), 0.0, "", message);
    }

    private static CheckResult memory(MemoryEstimate memory, TargetProfile profile) {
        long required = memory.requiredBytes();
        String estimate = "estimate " + Bytes.human(memory.estimatedBytes()) + " = weights "
                + Bytes.human(memory.weightsBytes()) + " + activations " + Bytes.human(memory.activationBytes())
                + " + runtime " + Bytes.human(memory.runtimeOverheadBytes())
                + (memory.approximate() ? " (some shapes approximated)" : "");
        String message;
        if (memory.measuredSessionBytes() != null && required > memory.estimatedBytes()) {
            message = "requires " + Bytes.human(required) + " = measured session growth "
                    + Bytes.human(memory.measuredSessionBytes()) + " + runtime "
                    + Bytes.human(memory.runtimeOverheadBytes()) + " (" + estimate + "), limit "
                    + Bytes.human(profile.maxMemoryBytes());
        } else {
            message = "requires " + Bytes.human(required) + " (" + estimate
                    + (memory.measuredSessionBytes() == null ? ""
                            : "; measured session growth " + Bytes.human(memory.measuredSessionBytes()))
                    + "), limit " + Bytes.human(profile.maxMemoryBytes());
        }
        return new CheckResult(MEMORY, required <= profile.maxMemoryBytes(), (double) required,
                (double) profile.maxMemoryBytes(), "bytes", message);
    }

    private static CheckResult latency(LatencyStats projected, LatencyStats measured, double factor,
            boolean onTarget, TargetProfile profile, String loadError) {
        double budget = profile.latencyBudgetP95Ms();
        if (projected == null) {
            return CheckResult.fail(LATENCY, null, budget, "ms", loadError);
        }
        String basis = onTarget
                ? "measured on the target"
                : "measured p95 " + Numbers.format(measured.p95Ms()) + " ms x relative speed " + Numbers.format(factor);
        String message = String.format(Locale.ROOT, "p95 %s ms (p50 %s, p99 %s; %s; %d iterations), budget %s ms",
                Numbers.format(projected.p95Ms()), Numbers.format(projected.p50Ms()),
                Numbers.format(projected.p99Ms()), basis, projected.iterations(), Numbers.format(budget));
        return new CheckResult(LATENCY, projected.p95Ms() <= budget, projected.p95Ms(), budget, "ms", message);
    }

    private static List<CheckResult> quality(Metrics metrics, ValidationInput in, TargetProfile profile,
            String loadError) {
        boolean regression = in.candidate().task() == FeatureSchema.Task.REGRESSION;
        if (!regression) {
            Double limit = in.minAccuracy() != null ? in.minAccuracy() : profile.minAccuracy();
            if (metrics == null) {
                return List.of(notEvaluated(ACCURACY, limit, in, loadError));
            }
            double accuracy = metrics.accuracy();
            String message = String.format(Locale.ROOT, "accuracy %s on %d rows (macro F1 %s)%s",
                    Numbers.format(accuracy), metrics.rows(), Numbers.format(metrics.macroF1()),
                    limit == null ? "; no minimum set" : ", minimum " + Numbers.format(limit));
            return List.of(new CheckResult(ACCURACY, limit == null || accuracy >= limit, accuracy, limit, "",
                    message));
        }
        Double minR2 = in.minAccuracy() != null ? in.minAccuracy() : profile.minR2();
        Double maxRmse = profile.maxRmse();
        if (metrics == null) {
            return List.of(notEvaluated(R2, minR2, in, loadError), notEvaluated(RMSE, maxRmse, in, loadError));
        }
        CheckResult r2 = new CheckResult(R2, minR2 == null || metrics.r2() >= minR2, metrics.r2(), minR2, "",
                "R² " + Numbers.format(metrics.r2()) + " on " + metrics.rows() + " rows"
                        + (minR2 == null ? "; no minimum set" : ", minimum " + Numbers.format(minR2)));
        CheckResult rmse = new CheckResult(RMSE, maxRmse == null || metrics.rmse() <= maxRmse, metrics.rmse(),
                maxRmse, "", "RMSE " + Numbers.format(metrics.rmse()) + " (MAE " + Numbers.format(metrics.mae())
                        + ")" + (maxRmse == null ? "; no maximum set" : ", maximum " + Numbers.format(maxRmse)));
        return List.of(r2, rmse);
    }

    /** No metrics: fails when a limit is in force (a limit nobody checked must not pass), passes otherwise. */
    private static CheckResult notEvaluated(String name, Double limit, ValidationInput in, String loadError) {
        String why = loadError != null ? loadError : in.x().length == 0 ? "no evaluation rows" : "not evaluated";
        return new CheckResult(name, limit == null, null, limit, "",
                limit == null ? why + "; no limit set" : why + "; cannot check the limit " + Numbers.format(limit));
    }

    private static void requireLabels(ValidationInput in) {
        if (in.x().length == 0) {
            return;
        }
        if (in.candidate().task() == FeatureSchema.Task.REGRESSION) {
            if (in.targets() == null) {
                throw new IllegalArgumentException("regression evaluation needs a target value per evaluation row");
            }
        } else if (in.classIndices() == null) {
            throw new IllegalArgumentException("classification evaluation needs a class index per evaluation row");
        } else {
            for (int i = 0; i < in.classIndices().length; i++) {
                int c = in.classIndices()[i];
                if (c < 0 || c >= in.classNames().size()) {
                    throw new IllegalArgumentException("evaluation row " + i + " has class index " + c
                            + " but there are " + in.classNames().size() + " classes " + in.classNames());
                }
            }
        }
    }

    private static Metrics evaluate(OnnxPredictor predictor, ValidationInput in) throws OrtException {
        float[][] x = in.x();
        boolean regression = in.candidate().task() == FeatureSchema.Task.REGRESSION;
        int[] classes = new int[x.length];
        double[] values = new double[x.length];
        for (int start = 0; start < x.length; start += PREDICT_BATCH) {
            int end = Math.min(x.length, start + PREDICT_BATCH);
            float[][] scores = predictor.predict(java.util.Arrays.copyOfRange(x, start, end));
            int[] argmax = OnnxPredictor.argmax(scores);
            for (int i = start; i < end; i++) {
                classes[i] = argmax[i - start];
                values[i] = scores[i - start][0];
            }
        }
        if (regression) {
            return Metrics.regression(in.targets(), values);
        }
        return Metrics.classification(in.classIndices(), classes, in.classNames());
    }

    /** Last dimension of the first graph input that is not an initializer, or 0 if unknown. */
    private static long modelInputWidth(OnnxProto.Model model) {
        List<String> initializers = model.getGraph().getInitializerList().stream()
                .map(OnnxProto.Tensor::getName).toList();
        for (OnnxProto.ValueInfo input : model.getGraph().getInputList()) {
            if (initializers.contains(input.getName())) {
                continue;
            }
            List<OnnxProto.Shape.Dim> dims = input.getType().getTensorType().getShape().getDimList();
            if (!dims.isEmpty() && dims.get(dims.size() - 1).hasDimValue()) {
                return dims.get(dims.size() - 1).getDimValue();
            }
            return 0;
        }
        return 0;
    }

    /** Host name, OS, architecture, CPUs and ONNX Runtime version: enough to tell runs apart. */
    static String host() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = Files.readString(Path.of("/etc/hostname")).trim();
            } catch (IOException | RuntimeException e) {
                name = "unknown-host";
            }
        }
        String ort;
        try {
            ort = OrtEnvironment.getEnvironment().getVersion();
        } catch (RuntimeException e) {
            ort = "unknown";
        }
        return name + " (" + System.getProperty("os.name").toLowerCase(Locale.ROOT) + " "
                + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors()
                + " cpus, onnxruntime " + ort + ")";
    }
}
