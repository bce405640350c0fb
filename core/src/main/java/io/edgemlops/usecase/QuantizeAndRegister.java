package io.edgemlops.usecase;

import io.edgemlops.quantize.QuantizationReport;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.store.ObjectStore;
import java.nio.file.Path;
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
    public static Outcome run(ObjectStore store, Request request, Consumer<String> log) {
        throw new UnsupportedOperationException("quantize: being built");
    }
}
