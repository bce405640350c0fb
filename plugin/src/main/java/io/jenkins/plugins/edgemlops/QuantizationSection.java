package io.jenkins.plugins.edgemlops;

import static io.edgemlops.contract.QuantizeContract.R_MODEL;
import static io.edgemlops.contract.QuantizeContract.R_VARIANT;
import static io.edgemlops.contract.QuantizeContract.R_VERSION;

import io.edgemlops.render.QuantizationView;
import io.edgemlops.render.Results;
import java.util.List;
import java.util.Map;

/**
 * A quantized variant beside its fp32 parent, drawn by {@link QuantizationView} from the {@code quantize} result,
 * which the section keeps as plain maps and lists.
 */
public final class QuantizationSection extends EdgeMlopsSection {

    private final Map<String, Object> result;

    private QuantizationSection(Map<String, Object> result) {
        this.result = PlainValues.copy(result);
    }

    /** Keeps a {@code quantize} result. */
    public static QuantizationSection fromResult(Map<String, Object> result) {
        return new QuantizationSection(result);
    }

    private Map<String, Object> result() {
        return result == null ? Map.of() : result;
    }

    @Override
    public String getKey() {
        return "quantization:" + getModel() + ":" + getVersion() + ":" + getVariant();
    }

    @Override
    public String getTitle() {
        return QuantizationView.title(result());
    }

    @Override
    public String getHtml() {
        return QuantizationView.html(result());
    }

    @Override
    public boolean isPassed() {
        return QuantizationView.passed(result());
    }

    public String getModel() {
        return Results.text(result(), R_MODEL);
    }

    public String getVersion() {
        return Results.figure(result(), R_VERSION);
    }

    public String getVariant() {
        return Results.text(result(), R_VARIANT);
    }

    /** Size ratio, accuracy drop, agreement, latency ratio, method: for the summary line. */
    public List<LabelledValue> getFacts() {
        return LabelledValue.of(QuantizationView.keyFigures(result()));
    }
}
