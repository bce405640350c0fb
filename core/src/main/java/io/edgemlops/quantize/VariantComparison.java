package io.edgemlops.quantize;

import ai.onnxruntime.OrtException;
import io.edgemlops.runtime.LatencyMeter;
import io.edgemlops.runtime.LatencyStats;
import io.edgemlops.runtime.OnnxPredictor;
import io.edgemlops.train.Metrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Compares a quantized variant with its fp32 parent on the same holdout rows, in ONNX Runtime:
 * quality, agreement of predictions, file size and single-row latency, and applies the accuracy
 * gate.
 *
 * <p>Latency is measured in {@value #ROUNDS} alternating rounds (fp32, variant, fp32, ...) and
 * each side keeps its median round, so a burst of load on the machine lands on both sides instead
 * of deciding the ratio.
 */
public final class VariantComparison {

    static final int ROUNDS = 3;
    static final LatencyMeter.Settings ROUND = new LatencyMeter.Settings(50, 200, Duration.ofMillis(400), 200_000);
    /** Regression predictions within this share of the target's standard deviation count as agreeing. */
    static final double REGRESSION_AGREEMENT_TOLERANCE = 0.01;

    private VariantComparison() {
    }

    /**
     * The rows to compare on: classification fills {@code classes} (with their names), regression
     * fills {@code targets}.
     */
    public record Holdout(float[][] x, int[] classes, List<String> classNames, double[] targets) {

        boolean classification() {
            return classes != null;
        }
    }

    /**
     * Measures {@code variant} against {@code fp32} and decides the gate.
     *
     * @param variantName registered name of the variant (int8, fp16)
     * @param method how it was made (see {@link QuantizedModel#method()})
     * @param maxAccuracyDrop largest allowed drop of accuracy (R² for regression)
     * @param calibration the calibration behind it, or null
     */
    public static QuantizationReport compare(byte[] fp32, QuantizedModel variant, String variantName, Holdout holdout,
                                             double maxAccuracyDrop, QuantizationReport.Calibration calibration) {
        try (OnnxPredictor parent = new OnnxPredictor(fp32); OnnxPredictor child = new OnnxPredictor(variant.onnx())) {
            float[][] parentOut = parent.predict(holdout.x());
            float[][] childOut = child.predict(holdout.x());
            Quality p = quality(parentOut, holdout);
            Quality c = quality(childOut, holdout);
            double agreement = agreement(parentOut, childOut, holdout);
            LatencyStats[] latency = latency(parent, child, holdout.x());
            double sizeRatio = (double) fp32.length / variant.onnx().length;
            double drop = p.score - c.score;
            boolean passed = drop <= maxAccuracyDrop + 1e-12;
            String measure = holdout.classification() ? "accuracy" : "R²";
            String reason = passed ? null : String.format(Locale.ROOT,
                    "%s %s %.4f vs fp32 %.4f: drop %.4f > maxAccuracyDrop %s (agreement %.3f, %.2f× smaller, "
                            + "latency ×%.2f)%s", variantName, measure, c.score, p.score, drop,
                    plain(maxAccuracyDrop), agreement, sizeRatio, latency[1].p50Ms() / latency[0].p50Ms(),
                    hint(variant.method()));
            return new QuantizationReport(variantName, variant.method(), passed, reason, variant.onnx().length,
                    fp32.length, sizeRatio, c.score, p.score, drop, c.rmse, p.rmse, agreement, latency[1], latency[0],
                    latency[1].p50Ms() / latency[0].p50Ms(), maxAccuracyDrop, calibration, holdout.x().length);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not run the " + variantName + " variant: " + e.getMessage(),
                    e);
        }
    }

    private record Quality(double score, Double rmse) {
    }

    private static Quality quality(float[][] out, Holdout h) {
        if (h.classification()) {
            Metrics m = Metrics.classification(h.classes(), OnnxPredictor.argmax(out), h.classNames());
            return new Quality(m.accuracy(), null);
        }
        Metrics m = Metrics.regression(h.targets(), column(out));
        return new Quality(m.r2(), m.rmse());
    }

    private static double agreement(float[][] parent, float[][] child, Holdout h) {
        int same = 0;
        if (h.classification()) {
            int[] a = OnnxPredictor.argmax(parent);
            int[] b = OnnxPredictor.argmax(child);
            for (int i = 0; i < a.length; i++) {
                same += a[i] == b[i] ? 1 : 0;
            }
        } else {
            double tolerance = REGRESSION_AGREEMENT_TOLERANCE * standardDeviation(h.targets());
            for (int i = 0; i < parent.length; i++) {
                same += Math.abs(parent[i][0] - child[i][0]) <= tolerance ? 1 : 0;
            }
        }
        return parent.length == 0 ? 1.0 : (double) same / parent.length;
    }

    /** {fp32, variant} single-row latency: each side's median of alternating rounds. */
    private static LatencyStats[] latency(OnnxPredictor parent, OnnxPredictor child, float[][] rows)
            throws OrtException {
        LatencyMeter meter = new LatencyMeter(ROUND);
        List<LatencyStats> p = new ArrayList<>();
        List<LatencyStats> c = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            p.add(meter.measureSingleRow(parent, rows));
            c.add(meter.measureSingleRow(child, rows));
        }
        return new LatencyStats[] {median(p), median(c)};
    }

    private static LatencyStats median(List<LatencyStats> rounds) {
        List<LatencyStats> sorted = new ArrayList<>(rounds);
        sorted.sort(Comparator.comparingDouble(LatencyStats::p50Ms));
        return sorted.get(sorted.size() / 2);
    }

    private static double[] column(float[][] out) {
        double[] v = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            v[i] = out[i][0];
        }
        return v;
    }

    private static double standardDeviation(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= Math.max(1, v.length);
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / Math.max(1, v.length));
    }

    private static String hint(String method) {
        return switch (method) {
            case ModelQuantizer.INT8_STATIC -> "; try calibration rows like the production data, calibrationMethod "
                    + "'percentile', or weightOnly: true";
            case ModelQuantizer.INT8_WEIGHT_ONLY -> "; try mode 'fp16'";
            default -> "";
        };
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
