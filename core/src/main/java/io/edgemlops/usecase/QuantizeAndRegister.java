package io.edgemlops.usecase;

import io.edgemlops.contract.QuantizeContract;
import io.edgemlops.data.CsvReader;
import io.edgemlops.data.FeatureEncoder;
import io.edgemlops.data.Table;
import io.edgemlops.quantize.CalibrationMethod;
import io.edgemlops.quantize.ModelQuantizer;
import io.edgemlops.quantize.QuantizationReport;
import io.edgemlops.quantize.QuantizedModel;
import io.edgemlops.quantize.VariantComparison;
import io.edgemlops.registry.Audit;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.registry.Variant;
import io.edgemlops.store.Json;
import io.edgemlops.store.ObjectStore;
import io.edgemlops.store.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The {@code quantize} step: derives an int8 or fp16 variant from a version's fp32 model, compares
 * it with fp32 on the holdout, and registers it as a child of fp32 when the accuracy drop is within
 * the gate. A variant that fails the gate is not registered, so nothing can publish it.
 */
public final class QuantizeAndRegister {

    private QuantizeAndRegister() {
    }

    /**
     * What to quantize.
     *
     * @param model model name
     * @param version version number, {@code latest} or an alias
     * @param mode {@code int8} or {@code fp16}
     * @param weightOnly int8: quantize weights only, skipping activation calibration
     * @param calibration CSV file (relative to {@code workDir}) with calibration rows, or null for the
     *     registered holdout rows
     * @param calibrationRows at most this many calibration rows are used
     * @param calibrationMethod {@code minmax} or {@code percentile}
     * @param percentile the percentile for {@code percentile}, e.g. 99.99
     * @param maxAccuracyDrop largest allowed drop of accuracy (R² for regression), absolute
     * @param workDir base of relative paths (the Jenkins workspace)
     * @param build CI build URL or tag for the audit trail, or null
     */
    public record Request(String model, String version, String mode, boolean weightOnly, String calibration,
                          int calibrationRows, String calibrationMethod, double percentile, double maxAccuracyDrop,
                          Path workDir, String build) {
    }

    /**
     * The quantized version and how the variant compares with fp32.
     *
     * @param card the model card (with the new variant when it passed)
     * @param report the comparison and the gate's verdict
     */
    public record Outcome(ModelCard card, QuantizationReport report) {
    }

    /** Quantizes, compares and registers; progress lines go to {@code log}. */
    public static Outcome run(ObjectStore store, Request given, Consumer<String> log) {
        check(given);
        Request request = normalised(given);
        ModelRegistry registry = new ModelRegistry(store);
        ModelCard card = registry.resolve(request.model(), request.version() == null ? QuantizeContract.DEFAULT_VERSION : request.version());
        Variant parent = card.variant(FP32);
        byte[] fp32 = store.getBlob(parent.blob().sha256());
        HoldoutRows holdout = HoldoutRows.load(store, card).orElseThrow(() -> new IllegalArgumentException(card.ref()
                + " has no holdout rows, so the accuracy drop of a quantized variant cannot be measured; register "
                + "the model again with trainModel, which keeps them"));
        log.accept("quantizing " + card.ref() + " fp32 (" + fp32.length + " bytes) to " + request.mode()
                + (request.weightOnly() ? " (weights only)" : ""));

        Made made = quantize(request, card, holdout, fp32, log);
        QuantizedModel quantized = made.model();
        quantized.notes().forEach(log);
        String variantName = request.mode();
        log.accept("comparing " + variantName + " with fp32 on " + holdout.x().length
                + " holdout rows (quality, agreement, single-row latency in ONNX Runtime)");
        VariantComparison.Holdout rows = new VariantComparison.Holdout(holdout.x(), holdout.classes(),
                card.schema().classes(), holdout.targets());
        QuantizationReport report = VariantComparison.compare(fp32, quantized, variantName, rows,
                request.maxAccuracyDrop(), made.calibration());
        Audit audit = Audit.fromEnvironment(report.passed() ? "quantized to " + variantName : report.reason())
                .fromBuild(request.build());
        if (!report.passed()) {
            registry.appendHistory(card.name(), "quantization-failed", card.version(), audit, details(report, parent,
                    quantized));
            return new Outcome(card, report);
        }
        Variant variant = registry.storeVariant(variantName, quantized.onnx(), "onnx",
                details(report, parent, quantized));
        ModelCard updated = registry.addVariant(card.name(), card.version(), variant, audit);
        log.accept("registered " + updated.ref() + " " + variantName + " (" + variant.sizeBytes() + " bytes, sha256 "
                + variant.blob().sha256().substring(0, 12) + ")");
        return new Outcome(updated, report);
    }

    /** The quantized model and, for static int8, the calibration behind it. */
    private record Made(QuantizedModel model, QuantizationReport.Calibration calibration) {
    }

    private static Made quantize(Request request, ModelCard card, HoldoutRows holdout, byte[] fp32,
                                 Consumer<String> log) {
        if (request.mode().equals(FP16)) {
            return new Made(aboutTheModel(card, () -> ModelQuantizer.fp16(fp32)), null);
        }
        if (request.weightOnly()) {
            return new Made(aboutTheModel(card, () -> ModelQuantizer.int8WeightOnly(fp32)), null);
        }
        CalibrationRows rows = calibrationRows(request, card, holdout, log);
        CalibrationMethod method = CalibrationMethod.valueOf(request.calibrationMethod().toUpperCase(Locale.ROOT));
        QuantizedModel quantized = aboutTheModel(card,
                () -> ModelQuantizer.int8Static(fp32, rows.x(), method, request.percentile()));
        if (!quantized.method().equals(ModelQuantizer.INT8_STATIC)) {
            return new Made(quantized, null);
        }
        return new Made(quantized, new QuantizationReport.Calibration(rows.source(), rows.sha256(), rows.x().length,
                method.name().toLowerCase(Locale.ROOT), method == CalibrationMethod.PERCENTILE ? request.percentile() : null));
    }

    /** Runs a quantizer; a model it cannot handle is named in the message. */
    private static QuantizedModel aboutTheModel(ModelCard card, java.util.function.Supplier<QuantizedModel> quantizer) {
        try {
            return quantizer.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(card.ref() + " fp32: " + e.getMessage(), e);
        }
    }

    private static final String FP32 = "fp32";
    private static final String INT8 = "int8";
    private static final String FP16 = "fp16";

    /** Choices in lower case (the contract accepts any case) and the contract's defaults for absent text. */
    private static Request normalised(Request r) {
        String mode = r.mode() == null ? QuantizeContract.DEFAULT_MODE : r.mode().toLowerCase(Locale.ROOT);
        String method = r.calibrationMethod() == null ? QuantizeContract.DEFAULT_CALIBRATION_METHOD
                : r.calibrationMethod().toLowerCase(Locale.ROOT);
        return new Request(r.model(), r.version(), mode, r.weightOnly(), r.calibration(), r.calibrationRows(), method,
                r.percentile(), r.maxAccuracyDrop(), r.workDir(), r.build());
    }

    /** The same checks, in the same words, as the CLI and the Jenkins step make before the engine runs. */
    private static void check(Request r) {
        List.of(QuantizeContract.MODE.check(r.mode()), QuantizeContract.CALIBRATION_ROWS.check((long) r.calibrationRows()),
                QuantizeContract.CALIBRATION_METHOD.check(r.calibrationMethod()),
                QuantizeContract.PERCENTILE.check(r.percentile()),
                QuantizeContract.MAX_ACCURACY_DROP.check(r.maxAccuracyDrop())).forEach(problem -> problem.ifPresent(p -> {
                    throw new IllegalArgumentException(p);
                }));
        if (r.weightOnly() && FP16.equalsIgnoreCase(r.mode())) {
            throw new IllegalArgumentException("weightOnly applies to mode int8, not fp16");
        }
    }

    /** Encoded calibration rows, where they came from and the SHA-256 of that file or blob. */
    private record CalibrationRows(float[][] x, String source, String sha256) {
    }

    private static CalibrationRows calibrationRows(Request request, ModelCard card, HoldoutRows holdout,
                                                   Consumer<String> log) {
        if (request.calibration() == null || request.calibration().isBlank()) {
            float[][] x = sample(holdout.x(), request.calibrationRows());
            log.accept("calibrating on " + x.length + " of the " + holdout.x().length + " registered holdout rows");
            return new CalibrationRows(x, "holdout", holdout.sha256());
        }
        Path file = request.workDir().resolve(request.calibration()).normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("calibration: file " + request.calibration() + " not found (looked in "
                    + file + ")");
        }
        Table table = CsvReader.read(file);
        float[][] all = new FeatureEncoder(card.schema(), card.fillValues()).encode(table).rows();
        if (all.length == 0) {
            throw new IllegalArgumentException("calibration: " + request.calibration() + " has no rows");
        }
        float[][] x = sample(all, request.calibrationRows());
        log.accept("calibrating on " + x.length + " of the " + all.length + " rows of " + request.calibration());
        return new CalibrationRows(x, request.calibration(), Sha256.of(file));
    }

    /** At most {@code n} rows, chosen with a fixed seed so that a rerun calibrates identically. */
    static float[][] sample(float[][] rows, int n) {
        if (rows.length <= n) {
            return rows;
        }
        int[] order = new int[rows.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(SAMPLE_SEED);
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(order.length - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            out[i] = rows[order[i]];
        }
        return out;
    }

    private static final long SAMPLE_SEED = 20_261_125L;

    /** What the registry keeps with the variant: its parent, how it was made and how it measured. */
    private static Map<String, Object> details(QuantizationReport r, Variant parent, QuantizedModel quantized) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("parent", FP32);
        d.put("parentSha256", parent.blob().sha256());
        d.put("method", r.method());
        if (r.calibration() != null) {
            d.put("calibration", Json.MAPPER.convertValue(r.calibration(), Map.class));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sizeRatio", r.sizeRatio());
        m.put("accuracy", r.accuracy());
        m.put("fp32Accuracy", r.fp32Accuracy());
        m.put("accuracyDrop", r.accuracyDrop());
        m.put("agreement", r.agreement());
        m.put("latencyP50Ms", r.latency().p50Ms());
        m.put("latencyP95Ms", r.latency().p95Ms());
        m.put("fp32LatencyP50Ms", r.fp32Latency().p50Ms());
        m.put("fp32LatencyP95Ms", r.fp32Latency().p95Ms());
        m.put("latencyRatio", r.latencyRatio());
        m.put("maxAccuracyDrop", r.maxAccuracyDrop());
        m.put("evaluationRows", r.evaluationRows());
        if (r.rmse() != null) {
            m.put("rmse", r.rmse());
            m.put("fp32Rmse", r.fp32Rmse());
        }
        d.put("measurements", m);
        d.put("notes", quantized.notes());
        return d;
    }
}
