package io.jenkins.plugins.edgemlops;

import static io.edgemlops.contract.MonitorFieldDriftContract.R_DRIFTED;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_SUMMARY;

import io.edgemlops.render.FieldDriftView;
import io.edgemlops.render.Results;
import java.util.Map;

/**
 * One run of the field drift monitor, drawn by {@link FieldDriftView} from the {@code monitorFieldDrift} result, which
 * the section keeps as plain maps and lists. A drifted field is not a failed check: the section always counts as
 * passed.
 */
public final class FieldDriftSection extends EdgeMlopsSection {

    private final Map<String, Object> result;

    private FieldDriftSection(Map<String, Object> result) {
        this.result = PlainValues.copy(result);
    }

    /** Keeps a {@code monitorFieldDrift} result. */
    public static FieldDriftSection fromResult(Map<String, Object> result) {
        return new FieldDriftSection(result);
    }

    private Map<String, Object> result() {
        return result == null ? Map.of() : result;
    }

    @Override
    public String getKey() {
        return "field-drift:" + getFleet() + ":" + getModel();
    }

    @Override
    public String getTitle() {
        return FieldDriftView.title(result());
    }

    @Override
    public String getHtml() {
        return FieldDriftView.html(result());
    }

    /** From the report key {@code fleets/<fleet>/monitor/<model>/<time>.json}; "?" when absent. */
    public String getFleet() {
        return FieldDriftView.Subject.of(result()).fleet();
    }

    /** From the report key; "?" when absent. */
    public String getModel() {
        return FieldDriftView.Subject.of(result()).model();
    }

    public boolean isDrifted() {
        return Results.flag(result(), R_DRIFTED);
    }

    /** The monitor's one-line answer. */
    public String getSummary() {
        return Results.text(result(), R_SUMMARY);
    }
}
