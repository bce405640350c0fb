package io.edgemlops.cli;

import io.edgemlops.quantize.QuantizationReport;
import io.edgemlops.target.Bytes;
import io.edgemlops.target.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * fp32 and the quantized variant side by side, for the console and the build log (stderr): a headline with the
 * verdict, then one row per figure with both values and how they compare.
 */
final class QuantizeTable {

    private QuantizeTable() {
    }

    /** The table, lines separated by {@code \n}, ending with a newline; {@code ref} is {@code model@version}. */
    static String render(String ref, QuantizationReport q) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "FP32", q.variant().toUpperCase(Locale.ROOT), "COMPARED"});
        rows.add(new String[] {"size", Bytes.human(q.fp32SizeBytes()), Bytes.human(q.sizeBytes()),
                q.sizeRatio() >= 1 ? Numbers.format(q.sizeRatio()) + "x smaller"
                        : Numbers.format(1 / q.sizeRatio()) + "x larger"});
        if (q.accuracy() != null || q.fp32Accuracy() != null) {
            rows.add(new String[] {q.rmse() != null || q.fp32Rmse() != null ? "r2" : "accuracy",
                    figure(q.fp32Accuracy()), figure(q.accuracy()),
                    q.accuracyDrop() == null ? "" : "drop " + Numbers.format(q.accuracyDrop()) + " (limit "
                            + Numbers.format(q.maxAccuracyDrop()) + ")"});
        }
        if (q.rmse() != null || q.fp32Rmse() != null) {
            rows.add(new String[] {"rmse", figure(q.fp32Rmse()), figure(q.rmse()), ""});
        }
        rows.add(new String[] {"agreement", "", percent(q.agreement()), "same prediction as fp32"});
        if (q.latency() != null && q.fp32Latency() != null) {
            rows.add(new String[] {"latency p50", ms(q.fp32Latency().p50Ms()), ms(q.latency().p50Ms()),
                    "ratio " + Numbers.format(q.latencyRatio())});
            rows.add(new String[] {"latency p95", ms(q.fp32Latency().p95Ms()), ms(q.latency().p95Ms()), ""});
        }
        int[] widths = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(ref).append(' ').append(q.variant()).append(" (").append(q.method()).append("): ")
                .append(q.passed() ? "PASSED" : "FAILED, not registered");
        if (q.calibration() != null) {
            QuantizationReport.Calibration c = q.calibration();
            out.append("; calibrated on ").append(c.rows()).append(" rows of ").append(c.source()).append(", ")
                    .append(c.method());
            if (c.percentile() != null) {
                out.append(' ').append(Numbers.format(c.percentile()));
            }
        }
        out.append("; ").append(q.evaluationRows()).append(" holdout rows compared\n");
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(pad(row[i], widths[i])).append("  ");
            }
            line.append(row[widths.length]);
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String figure(Double v) {
        return v == null ? "-" : Numbers.format(v);
    }

    private static String percent(double share) {
        return Numbers.format(Math.round(share * 10_000) / 100.0) + " %";
    }

    private static String ms(double v) {
        return Numbers.format(v) + " ms";
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
