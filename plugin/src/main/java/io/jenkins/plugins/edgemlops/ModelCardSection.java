package io.jenkins.plugins.edgemlops;

import static io.edgemlops.contract.TrainModelContract.R_MODEL;
import static io.edgemlops.contract.TrainModelContract.R_VERSION;

import io.edgemlops.render.ModelCardView;
import io.edgemlops.render.Results;
import java.util.List;
import java.util.Map;

/**
 * The model card of a trained (or registered) version, drawn by {@link ModelCardView} from the {@code trainModel}
 * result, which the section keeps as plain maps and lists.
 */
public final class ModelCardSection extends EdgeMlopsSection {

    private final Map<String, Object> result;

    private ModelCardSection(Map<String, Object> result) {
        this.result = PlainValues.copy(result);
    }

    /** Keeps a {@code trainModel} result. */
    public static ModelCardSection fromResult(Map<String, Object> result) {
        return new ModelCardSection(result);
    }

    private Map<String, Object> result() {
        return result == null ? Map.of() : result;
    }

    @Override
    public String getKey() {
        return "model:" + getModel() + ":" + getVersion();
    }

    @Override
    public String getTitle() {
        return ModelCardView.title(result());
    }

    @Override
    public String getHtml() {
        return ModelCardView.html(result());
    }

    public String getModel() {
        return Results.text(result(), R_MODEL);
    }

    public String getVersion() {
        return Results.figure(result(), R_VERSION);
    }

    /** The quality figures, for the summary line. */
    public List<LabelledValue> getQuality() {
        return LabelledValue.of(ModelCardView.quality(result()));
    }
}
