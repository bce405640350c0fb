package io.jenkins.plugins.edgemlops;

import static io.edgemlops.contract.ValidateForTargetContract.R_CHAMPION;
import static io.edgemlops.contract.ValidateForTargetContract.R_MODEL;
import static io.edgemlops.contract.ValidateForTargetContract.R_TARGET;
import static io.edgemlops.contract.ValidateForTargetContract.R_VARIANT;
import static io.edgemlops.contract.ValidateForTargetContract.R_VERSION;

import io.edgemlops.render.ChampionView;
import io.edgemlops.render.Figure;
import io.edgemlops.render.Results;
import io.edgemlops.render.ValidationView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The validation of one version for one target and variant, drawn by {@link ValidationView} from the
 * {@code validateForTarget} result, which the section keeps as plain maps and lists.
 */
public final class ValidationSection extends EdgeMlopsSection {

    private final Map<String, Object> result;

    private ValidationSection(Map<String, Object> result) {
        this.result = PlainValues.copy(result);
    }

    /** Keeps a {@code validateForTarget} result. */
    public static ValidationSection fromResult(Map<String, Object> result) {
        return new ValidationSection(result);
    }

    private Map<String, Object> result() {
        return result == null ? Map.of() : result;
    }

    @Override
    public String getKey() {
        return "validation:" + getModel() + ":" + getVersion() + ":" + getTarget() + ":" + getVariant();
    }

    @Override
    public String getTitle() {
        return ValidationView.title(result());
    }

    @Override
    public String getHtml() {
        return ValidationView.html(result());
    }

    @Override
    public boolean isPassed() {
        return ValidationView.passed(result());
    }

    public String getModel() {
        return Results.text(result(), R_MODEL);
    }

    public String getVersion() {
        return Results.figure(result(), R_VERSION);
    }

    public String getTarget() {
        return Results.text(result(), R_TARGET);
    }

    public String getVariant() {
        return Results.text(result(), R_VARIANT);
    }

    /** Accuracy, latency and the champion / challenger verdict in a few words: for the summary line. */
    public List<LabelledValue> getFacts() {
        List<Figure> figures = new ArrayList<>(ValidationView.keyFigures(result()));
        if (result().get(R_CHAMPION.name()) instanceof Map<?, ?> champion) {
            figures.add(new Figure(R_CHAMPION.title(), ChampionView.line(champion)));
        }
        return LabelledValue.of(figures);
    }
}
