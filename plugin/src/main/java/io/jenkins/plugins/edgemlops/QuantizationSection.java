package io.jenkins.plugins.edgemlops;

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

import io.edgemlops.contract.ResultKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A quantized variant beside its fp32 parent: size, quality and latency in two columns, then how they compare (size
 * ratio, accuracy drop, agreement, latency ratio), the method and the gate's verdict. Reads the result only through the
 * contract's keys.
 */
public final class QuantizationSection extends EdgeMlopsSection {

    private final String model;
    private final String version;
    private final String variant;
    private final String method;
    private final boolean passed;
    private final String reason;
    private final List<Comparison> comparisons;
    private final List<LabelledValue> facts;

    /** One figure of both models, formatted for people. */
    public static final class Comparison {
        private final String label;
        private final String fp32;
        private final String variant;

        public Comparison(String label, String fp32, String variant) {
            this.label = label;
            this.fp32 = fp32;
            this.variant = variant;
        }

        public String getLabel() {
            return label;
        }

        public String getFp32() {
            return fp32;
        }

        public String getVariant() {
            return variant;
        }
    }

    public QuantizationSection(String model, String version, String variant, String method, boolean passed,
            String reason, List<Comparison> comparisons, List<LabelledValue> facts) {
        this.model = model;
        this.version = version;
        this.variant = variant;
        this.method = method;
        this.passed = passed;
        this.reason = reason;
        this.comparisons = new ArrayList<>(comparisons);
        this.facts = new ArrayList<>(facts);
    }

    /** Reads a {@code quantize} result through the contract's result keys. */
    public static QuantizationSection fromResult(Map<String, Object> result) {
        boolean regression = result.get(R_RMSE.name()) != null || result.get(R_FP32_RMSE.name()) != null;
        List<Comparison> comparisons = new ArrayList<>();
        compare(comparisons, "Size", bytes(result.get(R_FP32_SIZE_BYTES.name())), bytes(result.get(R_SIZE_BYTES.name())));
        compare(comparisons, regression ? "R²" : R_ACCURACY.title(), Format.value(result.get(R_FP32_ACCURACY.name())),
                Format.value(result.get(R_ACCURACY.name())));
        compare(comparisons, R_RMSE.title(), Format.value(result.get(R_FP32_RMSE.name())),
                Format.value(result.get(R_RMSE.name())));
        compare(comparisons, R_LATENCY_P50_MS.title(), Format.withUnit(result.get(R_FP32_LATENCY_P50_MS.name()), "ms"),
                Format.withUnit(result.get(R_LATENCY_P50_MS.name()), "ms"));
        compare(comparisons, R_LATENCY_P95_MS.title(), Format.withUnit(result.get(R_FP32_LATENCY_P95_MS.name()), "ms"),
                Format.withUnit(result.get(R_LATENCY_P95_MS.name()), "ms"));

        List<LabelledValue> facts = new ArrayList<>();
        addFact(facts, R_SIZE_RATIO, sizeRatio(result.get(R_SIZE_RATIO.name())));
        addFact(facts, R_ACCURACY_DROP, Format.value(result.get(R_ACCURACY_DROP.name())));
        addFact(facts, R_AGREEMENT, percent(result.get(R_AGREEMENT.name())));
        addFact(facts, R_LATENCY_RATIO, latencyRatio(result.get(R_LATENCY_RATIO.name())));
        addFact(facts, R_METHOD, text(result, R_METHOD));
        return new QuantizationSection(text(result, R_MODEL), Format.value(result.get(R_VERSION.name())),
                text(result, R_VARIANT), text(result, R_METHOD), !Boolean.FALSE.equals(result.get(R_PASSED.name())),
                text(result, R_REASON), comparisons, facts);
    }

    private static void compare(List<Comparison> rows, String label, String fp32, String variant) {
        if (fp32 != null || variant != null) {
            rows.add(new Comparison(label, fp32 == null ? "-" : fp32, variant == null ? "-" : variant));
        }
    }

    private static void addFact(List<LabelledValue> facts, ResultKey key, String formatted) {
        if (formatted != null) {
            facts.add(new LabelledValue(key.title(), formatted));
        }
    }

    private static String bytes(Object value) {
        return value instanceof Number n ? Format.bytes(n.doubleValue()) : null;
    }

    /** fp32 size / variant size as {@code 3.57× smaller}, or {@code 1.2× larger} when below 1. */
    private static String sizeRatio(Object value) {
        if (!(value instanceof Number n) || n.doubleValue() <= 0) {
            return value == null ? null : Format.value(value);
        }
        double ratio = n.doubleValue();
        return ratio >= 1 ? Format.value(ratio) + "× smaller" : Format.value(1 / ratio) + "× larger";
    }

    /** {@code 0.83: faster than fp32 on the agent} or {@code 1.2: slower …}. */
    private static String latencyRatio(Object value) {
        if (!(value instanceof Number n)) {
            return null;
        }
        String verdict = n.doubleValue() < 1 ? "faster" : n.doubleValue() > 1 ? "slower" : "as fast";
        return Format.value(n.doubleValue()) + ": " + verdict + (verdict.equals("as fast") ? " as" : " than")
                + " fp32 on the agent";
    }

    /** {@code 0.9975} as {@code 99.75 %}. */
    private static String percent(Object value) {
        return value instanceof Number n ? Format.value(n.doubleValue() * 100) + " %" : null;
    }

    private static String text(Map<String, Object> result, ResultKey key) {
        return EngineResultParser.text(result, key.name());
    }

    @Override
    public String getKey() {
        return "quantization:" + model + ":" + version + ":" + variant;
    }

    @Override
    public String getTitle() {
        return "Quantization of " + model + " version " + version + " to " + variant;
    }

    @Override
    public boolean isPassed() {
        return passed;
    }

    public String getModel() {
        return model;
    }

    public String getVersion() {
        return version;
    }

    public String getVariant() {
        return variant;
    }

    public String getMethod() {
        return method;
    }

    public String getReason() {
        return reason;
    }

    public List<Comparison> getComparisons() {
        return comparisons == null ? List.of() : List.copyOf(comparisons);
    }

    public List<LabelledValue> getFacts() {
        return facts == null ? List.of() : List.copyOf(facts);
    }
}
