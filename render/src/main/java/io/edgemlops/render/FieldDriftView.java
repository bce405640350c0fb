package io.edgemlops.render;

import static io.edgemlops.contract.MonitorFieldDriftContract.R_DEVICES_REPORTING;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_DRIFTED;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_FROM;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_PER_FEATURE;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_PER_TARGET;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_PREDICTION_DRIFT;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_REASONS;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_REPORT;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_SAMPLES;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_SINCE;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_SUMMARY;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_TO;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_VERSION;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One run of the field drift monitor from a {@code monitorFieldDrift} result: its one-line answer, the reasons, the
 * features by PSI (drifted ones first), one row per target profile, and the window, evidence and report key. Drift is
 * an answer, not a failed check, so a drifted field reads as a warning, not a failure.
 */
public final class FieldDriftView {

    private FieldDriftView() {
    }

    /** The fleet and model, read from the report key {@code fleets/<fleet>/monitor/<model>/<time>.json}. */
    public record Subject(String fleet, String model) {

        /** "?" for a part the key does not give. */
        public static Subject of(Map<String, ?> result) {
            String report = Results.text(result, R_REPORT);
            String[] parts = report == null ? new String[0] : report.split("/");
            return parts.length >= 5 ? new Subject(parts[1], parts[3]) : new Subject("?", "?");
        }
    }

    /** "Field drift of pump version 3 in fleet eu" (no version when nothing was in production). */
    public static String title(Map<String, ?> result) {
        Subject s = Subject.of(result);
        String version = Results.figure(result, R_VERSION);
        return "Field drift of " + s.model() + (version == null ? "" : " version " + version) + " in fleet "
                + s.fleet();
    }

    /** The monitor's answer as an HTML fragment. */
    public static String html(Map<String, ?> result) {
        boolean drifted = Results.flag(result, R_DRIFTED);
        String summary = Results.text(result, R_SUMMARY);
        return new Block("field-drift", title(result) + (drifted ? ": DRIFTED, retrain" : ": no field drift"),
                drifted ? Tone.WAIT : Tone.PASS).wrap((summary == null ? "" : "<p>" + Html.strong(summary) + "</p>\n")
                        + Facts.reasons(Results.texts(result.get(R_REASONS.name()))) + features(result)
                        + targets(result) + facts(result).html());
    }

    /** Feature, PSI, p-value, verdict; drifted features first, each group in the result's order. */
    static String features(Map<String, ?> result) {
        List<Map<?, ?>> drifted = new ArrayList<>();
        List<Map<?, ?>> quiet = new ArrayList<>();
        for (Map<?, ?> f : Results.maps(result.get(R_PER_FEATURE.name()))) {
            (Boolean.TRUE.equals(f.get("drifted")) ? drifted : quiet).add(f);
        }
        drifted.addAll(quiet);
        Table table = Table.withHeader("Feature", "PSI", "p-value", "Drifted");
        for (Map<?, ?> f : drifted) {
            table = table.labelledRow(f.get("feature") + (Boolean.TRUE.equals(f.get("critical")) ? " (critical)" : ""),
                    Units.psi(f.get("psi")), Units.pValue(f.get("pValue")), verdict(f.get("drifted")));
        }
        return table.html();
    }

    /** Target, inferences, devices, verdict and its drifted features. */
    static String targets(Map<String, ?> result) {
        Table table = Table.withHeader("Target", "Inferences", "Devices", "Drifted", "Drifted features");
        for (Map<?, ?> t : Results.maps(result.get(R_PER_TARGET.name()))) {
            table = table.labelledRow(t.get("target"), Units.value(t.get("samples")), Units.value(t.get("devices")),
                    verdict(t.get("drifted")), String.join(", ", Results.texts(t.get("driftedFeatures"))));
        }
        return table.html();
    }

    private static Facts facts(Map<String, ?> result) {
        Map<?, ?> predictions = Results.map(result.get(R_PREDICTION_DRIFT.name()));
        return Facts.none()
                .add(R_SINCE.title(), Results.text(result, R_SINCE) == null ? null : Results.text(result, R_SINCE)
                        + " (" + Results.text(result, R_FROM) + " to " + Results.text(result, R_TO) + ")")
                .add(R_SAMPLES.title(), Results.figure(result, R_SAMPLES))
                .add(R_DEVICES_REPORTING.title(), Results.figure(result, R_DEVICES_REPORTING))
                .add(R_PREDICTION_DRIFT.title(), predictions.isEmpty() ? null : "PSI " + Units.psi(predictions.get("psi"))
                        + (Boolean.TRUE.equals(predictions.get("drifted")) ? ", drifted" : ", no drift"))
                .add(R_REPORT.title(), Results.text(result, R_REPORT) == null ? null
                        : Markup.raw(Html.code(Results.text(result, R_REPORT))));
    }

    private static Markup verdict(Object drifted) {
        return Boolean.TRUE.equals(drifted) ? Markup.raw("<strong class=\"emo-fail\">drifted</strong>")
                : Markup.text("no");
    }
}
