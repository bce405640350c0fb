package io.edgemlops.render;

import static io.edgemlops.contract.QuantizeContract.R_ACCURACY;
import static io.edgemlops.contract.QuantizeContract.R_ACCURACY_DROP;
import static io.edgemlops.contract.QuantizeContract.R_AGREEMENT;
import static io.edgemlops.contract.QuantizeContract.R_FP32_ACCURACY;
import static io.edgemlops.contract.QuantizeContract.R_FP32_LATENCY_P50_MS;
import static io.edgemlops.contract.QuantizeContract.R_FP32_LATENCY_P95_MS;
import static io.edgemlops.contract.QuantizeContract.R_FP32_RMSE;
import static io.edgemlops.contract.QuantizeContract.R_FP32_SIZE_BYTES;
import static io.edgemlops.contract.QuantizeContract.R_LATENCY_P50_MS;
import static io.edgemlops.contract.QuantizeContract.R_LATENCY_P95_MS;
import static io.edgemlops.contract.QuantizeContract.R_LATENCY_RATIO;
import static io.edgemlops.contract.QuantizeContract.R_METHOD;
import static io.edgemlops.contract.QuantizeContract.R_MODEL;
import static io.edgemlops.contract.QuantizeContract.R_PASSED;
import static io.edgemlops.contract.QuantizeContract.R_REASON;
import static io.edgemlops.contract.QuantizeContract.R_RMSE;
import static io.edgemlops.contract.QuantizeContract.R_SIZE_BYTES;
import static io.edgemlops.contract.QuantizeContract.R_SIZE_RATIO;
import static io.edgemlops.contract.QuantizeContract.R_VARIANT;
import static io.edgemlops.contract.QuantizeContract.R_VERSION;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A quantized variant beside its fp32 parent, from a {@code quantize} result: size, quality and latency in two
 * columns, then how they compare (size ratio, accuracy drop, agreement, latency ratio), the method and the verdict.
 */
public final class QuantizationView {

    private QuantizationView() {
    }

    /** "Quantization of pump version 3 to int8". */
    public static String title(Map<String, ?> result) {
        return "Quantization of " + Results.text(result, R_MODEL) + " version " + Results.figure(result, R_VERSION)
                + " to " + Results.text(result, R_VARIANT);
    }

    /** False when the accuracy gate refused the variant (absent counts as passed, as the step does). */
    public static boolean passed(Map<String, ?> result) {
        return !Boolean.FALSE.equals(result.get(R_PASSED.name()));
    }

    /** The comparison as an HTML fragment. */
    public static String html(Map<String, ?> result) {
        boolean passed = passed(result);
        String reason = Html.failureReason(passed, Results.text(result, R_REASON));
        return new Block("quantization", title(result) + (passed ? ": passed, registered" : ": FAILED, not registered"),
                Tone.of(passed)).wrap(reason + comparison(result) + facts(result).html());
    }

    /** fp32 and the variant side by side; a figure neither side has is left out. */
    static String comparison(Map<String, ?> result) {
        boolean regression = result.get(R_RMSE.name()) != null || result.get(R_FP32_RMSE.name()) != null;
        Table table = Table.withHeader("", "fp32", Results.text(result, R_VARIANT));
        table = compare(table, "Size", bytes(result.get(R_FP32_SIZE_BYTES.name())),
                bytes(result.get(R_SIZE_BYTES.name())));
        table = compare(table, regression ? "R²" : R_ACCURACY.title(), Results.figure(result, R_FP32_ACCURACY),
                Results.figure(result, R_ACCURACY));
        table = compare(table, R_RMSE.title(), Results.figure(result, R_FP32_RMSE), Results.figure(result, R_RMSE));
        table = compare(table, R_LATENCY_P50_MS.title(), ms(result.get(R_FP32_LATENCY_P50_MS.name())),
                ms(result.get(R_LATENCY_P50_MS.name())));
        table = compare(table, R_LATENCY_P95_MS.title(), ms(result.get(R_FP32_LATENCY_P95_MS.name())),
                ms(result.get(R_LATENCY_P95_MS.name())));
        return table.html();
    }

    /** Size ratio, accuracy drop, agreement, latency ratio and method, whichever the result has. */
    public static List<Figure> keyFigures(Map<String, ?> result) {
        List<Figure> figures = new ArrayList<>();
        add(figures, R_SIZE_RATIO.title(), sizeRatio(result.get(R_SIZE_RATIO.name())));
        add(figures, R_ACCURACY_DROP.title(), Results.figure(result, R_ACCURACY_DROP));
        add(figures, R_AGREEMENT.title(), result.get(R_AGREEMENT.name()) instanceof Number n
                ? Units.percent(n.doubleValue()) : null);
        add(figures, R_LATENCY_RATIO.title(), latencyRatio(result.get(R_LATENCY_RATIO.name())));
        add(figures, R_METHOD.title(), Results.text(result, R_METHOD));
        return figures;
    }

    /** The key figures as "label: value" lines. */
    static Facts facts(Map<String, ?> result) {
        Facts facts = Facts.none();
        for (Figure f : keyFigures(result)) {
            facts = facts.add(f.label(), f.value());
        }
        return facts;
    }

    static void add(List<Figure> figures, String label, String value) {
        if (value != null) {
            figures.add(new Figure(label, value));
        }
    }

    /** fp32 size / variant size as {@code 3.57× smaller}, or {@code 1.25× larger} below 1. */
    static String sizeRatio(Object value) {
        if (!(value instanceof Number n) || n.doubleValue() <= 0) {
            return Units.value(value);
        }
        double ratio = n.doubleValue();
        return ratio >= 1 ? Units.value(ratio) + "× smaller" : Units.value(1 / ratio) + "× larger";
    }

    /** {@code 0.83: faster than fp32 on the agent}, {@code 1.2: slower …}, {@code 1: as fast as …}. */
    static String latencyRatio(Object value) {
        if (!(value instanceof Number n)) {
            return null;
        }
        double r = n.doubleValue();
        String verdict = r < 1 ? "faster than" : r > 1 ? "slower than" : "as fast as";
        return Units.value(r) + ": " + verdict + " fp32 on the agent";
    }

    private static Table compare(Table table, String label, String fp32, String variant) {
        if (fp32 == null && variant == null) {
            return table;
        }
        return table.labelledRow(label, fp32 == null ? "-" : fp32, variant == null ? "-" : variant);
    }

    private static String bytes(Object value) {
        return value instanceof Number n ? Units.bytes(n.doubleValue()) : null;
    }

    private static String ms(Object value) {
        return value == null ? null : Units.withUnit(value, "ms");
    }
}
