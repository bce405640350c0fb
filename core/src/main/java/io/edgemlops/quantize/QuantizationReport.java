package io.edgemlops.quantize;

import io.edgemlops.runtime.LatencyStats;

/**
 * How a quantized variant compares with its fp32 parent on the same holdout rows, and whether it
 * passed the accuracy gate. Quality is accuracy for classification and R² for regression (the same
 * measure {@code validateForTarget}'s {@code minAccuracy} uses), so one {@code maxAccuracyDrop}
 * gates both.
 *
 * @param variant variant name registered ({@code int8} or {@code fp16})
 * @param method what was done: {@code int8-static}, {@code int8-weight-only} or {@code fp16}
 * @param passed the quality drop is within {@code maxAccuracyDrop}
 * @param reason one line with the numbers when not passed, else null
 * @param sizeBytes the variant's file size
 * @param fp32SizeBytes the fp32 parent's file size
 * @param sizeRatio {@code fp32SizeBytes / sizeBytes}: how many times smaller the variant is
 * @param accuracy the variant's holdout accuracy (R² for regression), or null without holdout rows
 * @param fp32Accuracy the parent's on the same rows, or null
 * @param accuracyDrop {@code fp32Accuracy - accuracy} (negative when the variant is better), or null
 * @param rmse regression: the variant's holdout RMSE, else null
 * @param fp32Rmse regression: the parent's holdout RMSE, else null
 * @param agreement share of holdout rows where the variant predicts what the parent predicts (the
 *     same class; for regression, within 1 % of the target's standard deviation)
 * @param latency the variant's single-row latency in ONNX Runtime on this machine
 * @param fp32Latency the parent's, measured the same way in the same process
 * @param latencyRatio {@code latency.p50 / fp32Latency.p50}: below 1 means faster
 * @param maxAccuracyDrop the gate's limit
 * @param calibration how activation ranges were calibrated, or null for modes without calibration
 * @param evaluationRows holdout rows the comparison is based on
 */
public record QuantizationReport(String variant, String method, boolean passed, String reason, long sizeBytes,
                                 long fp32SizeBytes, double sizeRatio, Double accuracy, Double fp32Accuracy,
                                 Double accuracyDrop, Double rmse, Double fp32Rmse, double agreement,
                                 LatencyStats latency, LatencyStats fp32Latency, double latencyRatio,
                                 double maxAccuracyDrop, Calibration calibration, int evaluationRows) {

    /**
     * The calibration set and method behind an int8 static variant.
     *
     * @param source {@code holdout} or the CSV path the user gave
     * @param sha256 SHA-256 of the rows used (the CSV file, or the holdout blob)
     * @param rows rows used
     * @param method {@code minmax} or {@code percentile}
     * @param percentile the percentile for {@code percentile}, e.g. 99.99, else null
     */
    public record Calibration(String source, String sha256, int rows, String method, Double percentile) {
    }
}
