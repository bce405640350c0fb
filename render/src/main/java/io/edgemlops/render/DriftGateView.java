package io.edgemlops.render;

import static io.edgemlops.contract.AwaitDriftGateContract.R_AGREEMENT;
import static io.edgemlops.contract.AwaitDriftGateContract.R_COMPLETE;
import static io.edgemlops.contract.AwaitDriftGateContract.R_DECISION;
import static io.edgemlops.contract.AwaitDriftGateContract.R_DEVICES_EXPECTED;
import static io.edgemlops.contract.AwaitDriftGateContract.R_DEVICES_REPORTING;
import static io.edgemlops.contract.AwaitDriftGateContract.R_DRIFTED_FEATURES;
import static io.edgemlops.contract.AwaitDriftGateContract.R_ERROR_RATE;
import static io.edgemlops.contract.AwaitDriftGateContract.R_FIELD_DRIFT;
import static io.edgemlops.contract.AwaitDriftGateContract.R_FLEET;
import static io.edgemlops.contract.AwaitDriftGateContract.R_MODEL;
import static io.edgemlops.contract.AwaitDriftGateContract.R_PASSED;
import static io.edgemlops.contract.AwaitDriftGateContract.R_PER_FEATURE;
import static io.edgemlops.contract.AwaitDriftGateContract.R_PREDICTION_PSI;
import static io.edgemlops.contract.AwaitDriftGateContract.R_PREVIOUS_VERSION;
import static io.edgemlops.contract.AwaitDriftGateContract.R_REASONS;
import static io.edgemlops.contract.AwaitDriftGateContract.R_REPORT;
import static io.edgemlops.contract.AwaitDriftGateContract.R_ROLLOUT;
import static io.edgemlops.contract.AwaitDriftGateContract.R_SAMPLES;
import static io.edgemlops.contract.AwaitDriftGateContract.R_VERSION;
import static io.edgemlops.contract.AwaitDriftGateContract.R_WAITING_FOR;
import static io.edgemlops.contract.AwaitDriftGateContract.R_WAVE;
import static io.edgemlops.contract.AwaitDriftGateContract.R_WAVES;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The drift gate of one rollout from its polls: the latest decision (or "waiting") with its reasons, each wave's
 * decision, the latest evidence (inferences, devices, error rate, prediction drift, agreement), drift per feature with
 * the largest PSI of the wave, and the polls as charts ({@link GateCharts}).
 */
public final class DriftGateView {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private DriftGateView() {
    }

    /**
     * One feature at the latest poll.
     *
     * @param name       the feature
     * @param psi        its PSI at the latest poll
     * @param pValue     the chi-square test's p-value, NaN for none
     * @param drifted    whether the gate found it drifted
     * @param largestPsi the largest PSI it reached while this wave was judged
     */
    public record FeatureRow(String name, double psi, double pValue, boolean drifted, double largestPsi) {
    }

    /** "Drift gate of pump version 3 in fleet eu". */
    public static String title(Map<String, ?> latest) {
        return "Drift gate of " + Results.text(latest, R_MODEL) + " version " + Results.figure(latest, R_VERSION)
                + " in fleet " + Results.text(latest, R_FLEET);
    }

    /** True while the latest poll answered WAIT (and did not fail). */
    public static boolean waiting(Map<String, ?> latest) {
        return GateHistory.WAIT.equals(Results.text(latest, R_DECISION))
                && !Boolean.FALSE.equals(latest.get(R_PASSED.name()));
    }

    /** What the latest poll still waited for, joined with "; ", or null. */
    public static String waitingFor(Map<String, ?> latest) {
        List<String> texts = Results.texts(latest.get(R_WAITING_FOR.name()));
        return texts.isEmpty() ? null : String.join("; ", texts);
    }

    /** The gate of a series of polls, oldest first. */
    public static String html(List<GatePoll> polls, GateLimits limits) {
        return html(GateHistory.of(polls), limits);
    }

    /** The gate as an HTML fragment. */
    public static String html(GateHistory history, GateLimits limits) {
        Map<String, Object> latest = history.latest();
        String decision = Results.text(latest, R_DECISION);
        boolean waiting = waiting(latest);
        Tone tone = waiting ? Tone.WAIT : tone(decision);
        int points = history.points().size();
        return new Block("drift-gate", title(latest) + ": " + (waiting ? "waiting" : decision), tone)
                .wrap(status(history) + Facts.reasons(Results.texts(latest.get(R_REASONS.name())))
                        + titled("Decisions per wave", decisions(history)) + facts(latest, limits).html()
                        + titled("Drift per feature at the latest poll", featureTable(history))
                        + (points == 0 ? "" : "<h3>Over the polls</h3>\n<p class=\"emo-note\">" + points
                                + " poll(s) drawn below; time runs from the first poll, dashed red lines are the "
                                + "limits.</p>\n")
                        + GateCharts.html(history, limits));
    }

    /** Rollout, wave, completion, the latest poll's time and what it waits for. */
    static String status(GateHistory history) {
        Map<String, Object> latest = history.latest();
        List<GatePoint> points = history.points();
        String waitingFor = waitingFor(latest);
        StringBuilder b = new StringBuilder("<p>Rollout ").append(Html.code(Results.text(latest, R_ROLLOUT)))
                .append(", wave ").append(Results.whole(latest, R_WAVE, 0)).append(" of ")
                .append(Results.whole(latest, R_WAVES, 0));
        if (Results.flag(latest, R_COMPLETE)) {
            b.append(", complete: version ").append(Html.esc(Results.figure(latest, R_VERSION))).append(" is now ")
                    .append(Html.code("production"));
        }
        b.append('.');
        if (!points.isEmpty()) {
            b.append(" Latest poll ").append(MINUTE.format(Instant.ofEpochMilli(points.get(points.size() - 1)
                    .epochMillis())));
            if (waiting(latest) && waitingFor != null) {
                b.append(", waiting for: ").append(Html.esc(waitingFor));
            }
            b.append('.');
        }
        return b.append("</p>\n").toString();
    }

    /** One row per decided wave. */
    static String decisions(GateHistory history) {
        long waves = Results.whole(history.latest(), R_WAVES, 0);
        Table table = Table.withHeader("Wave", "Decision", "When", "Why");
        for (WaveDecision d : history.decisions()) {
            StringBuilder why = new StringBuilder();
            d.reasons().forEach(r -> why.append(Html.esc(r)).append("<br/>"));
            table = table.row(d.wave() + " of " + waves, Markup.raw("<strong class=\"" + tone(d.decision())
                    .cssClass() + "\">" + Html.esc(d.decision()) + "</strong>"),
                    MINUTE.format(Instant.ofEpochMilli(d.epochMillis())), Markup.raw(why.toString()));
        }
        return table.html();
    }

    /** The latest evidence against its limits. */
    static Facts facts(Map<String, ?> latest, GateLimits limits) {
        long expected = Results.whole(latest, R_DEVICES_EXPECTED, 0);
        double errorRate = Results.decimal(latest, R_ERROR_RATE);
        List<String> drifted = Results.texts(latest.get(R_DRIFTED_FEATURES.name()));
        String previous = Results.figure(latest, R_PREVIOUS_VERSION);
        String report = Results.text(latest, R_REPORT);
        // 0 expected: none of the wave's devices had reported before it started, so its size is unknown.
        return Facts.none()
                .add("Inferences of the new version", Results.figure(latest, R_SAMPLES))
                .add("Devices reporting", Results.figure(latest, R_DEVICES_REPORTING) == null ? null
                        : Results.figure(latest, R_DEVICES_REPORTING) + (expected > 0 ? " of " + expected : ""))
                .add("Error rate", Units.percent(errorRate) + " (limit " + Units.percent(limits.maxErrorRate()) + ")")
                .add("Prediction drift (PSI)", latest.get(R_PREDICTION_PSI.name()) == null ? null
                        : Results.figure(latest, R_PREDICTION_PSI) + " (limit " + Units.short3(limits.psiThreshold())
                                + ")")
                .add("Shadow agreement", latest.get(R_AGREEMENT.name()) == null ? null
                        : Units.percent(Results.decimal(latest, R_AGREEMENT)))
                .add("Drifted features", drifted.isEmpty() ? "none" : String.join(", ", drifted))
                .add("Field drift", Results.flag(latest, R_FIELD_DRIFT) ? "the inputs drifted on the previous "
                        + "version's devices too: retrain on recent data" : null)
                .add("Control group", previous == null ? null : "the devices still on version " + previous
                        + ", which a rollback returns to")
                .add("The gate's report of every poll", report == null ? null
                        : Markup.raw(Html.code(report) + " in the store"));
    }

    /** Every feature of the latest poll, the most drifted first, with the largest PSI of the wave. */
    public static List<FeatureRow> features(GateHistory history) {
        List<FeatureRow> rows = new ArrayList<>();
        for (Map.Entry<?, ?> e : Results.map(history.latest().get(R_PER_FEATURE.name())).entrySet()) {
            Map<?, ?> values = Results.map(e.getValue());
            String name = String.valueOf(e.getKey());
            Double largest = history.largestPsi().get(name);
            rows.add(new FeatureRow(name, Results.decimal(values.get("psi")), Results.decimal(values.get("pValue")),
                    Boolean.TRUE.equals(values.get("drifted")), largest == null ? Double.NaN : largest));
        }
        rows.sort(Comparator.comparingDouble((FeatureRow r) -> Double.isFinite(r.psi()) ? -r.psi() : 0)
                .thenComparing(FeatureRow::name));
        return rows;
    }

    static String featureTable(GateHistory history) {
        Table table = Table.withHeader("Feature", "PSI", "Largest PSI in this wave", "p-value", "Drifted");
        for (FeatureRow row : features(history)) {
            table = table.row(row.name(), Units.short3(row.psi()), Units.short3(row.largestPsi()),
                    Double.isFinite(row.pValue()) ? Units.pValue(row.pValue()) : "n/a",
                    row.drifted() ? Markup.raw("<strong class=\"emo-fail\">yes</strong>") : "no");
        }
        return table.html();
    }

    /** A sub-heading over {@code html}, or nothing when {@code html} is empty. */
    private static String titled(String heading, String html) {
        return html.isEmpty() ? "" : "<h3>" + Html.esc(heading) + "</h3>\n" + html;
    }

    private static Tone tone(String decision) {
        return switch (decision == null ? "" : decision) {
            case "PROMOTED" -> Tone.PASS;
            case "HELD", GateHistory.WAIT -> Tone.WAIT;
            default -> Tone.FAIL;
        };
    }
}
