package io.edgemlops.gate;

import io.edgemlops.render.ChartSeries;
import io.edgemlops.render.Html;
import io.edgemlops.render.LineChart;
import io.edgemlops.render.Markup;
import io.edgemlops.render.Palette;
import io.edgemlops.render.ReportPage;
import io.edgemlops.render.Table;
import io.edgemlops.render.Tone;
import io.edgemlops.render.Units;
import io.edgemlops.rollout.RolloutRecord;
import io.edgemlops.rollout.Wave;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The gate's report as one self-contained HTML page: the rollout, drift per feature, latency per target (new version
 * against the control) and error rate over the polls as inline SVG charts, and every poll's decision with its reasons.
 * Drawn with the shared renderer ({@link ReportPage}, {@link LineChart}, {@link Units}), so it looks like the build
 * page and the run report. No scripts, fonts or images from anywhere: it opens from the store, an archive or a mail
 * attachment alike.
 */
public final class GateReportPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    /** Features drawn in the drift chart: the ones with the largest PSI. */
    private static final int MAX_FEATURE_LINES = 6;

    private GateReportPage() {
    }

    /** The page for a rollout and its gate's state, as UTF-8 bytes. */
    public static byte[] render(RolloutRecord r, GateState state) {
        List<PollSummary> polls = state.polls();
        ReportPage page = ReportPage.titled("Gate of rollout " + r.id())
                .intro(r.model() + " version " + r.version() + " in fleet " + r.fleet())
                .section("Rollout", rollout(r));
        if (polls.isEmpty()) {
            page = page.section("Polls", "<p>No poll yet.</p>\n");
        } else {
            page = page.section("Over the polls", drift(polls), latency(polls), errorRate(polls))
                    .section("Polls", pollTable(polls));
        }
        return page.html().getBytes(StandardCharsets.UTF_8);
    }

    private static String rollout(RolloutRecord r) {
        return Table.withHeader()
                .labelledRow("Model", r.model() + " version " + r.version()
                        + (r.previousVersion() == null ? "" : " (previous " + r.previousVersion() + ")"))
                .labelledRow("Fleet", r.fleet())
                .labelledRow("Status", r.status().name() + ", wave " + (r.wave() + 1) + " of " + r.waves().size()
                        + " (" + Wave.describe(r.waves()) + ")")
                .labelledRow("Targets", String.valueOf(new TreeMap<>(r.targets())))
                .html();
    }

    /** The features with the largest PSI, and the predicted classes, one line each. */
    private static String drift(List<PollSummary> polls) {
        Map<String, Double> largest = new LinkedHashMap<>();
        polls.forEach(p -> p.psi().forEach((f, v) -> largest.merge(f, v, Math::max)));
        List<ChartSeries> series = new ArrayList<>();
        largest.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(MAX_FEATURE_LINES)
                .forEach(e -> series.add(new ChartSeries(e.getKey(), Palette.series(series.size()), false,
                        values(polls, p -> p.psi().get(e.getKey())))));
        if (polls.stream().anyMatch(p -> p.predictionPsi() != null)) {
            series.add(new ChartSeries("predicted classes", Palette.series(series.size()), true,
                    values(polls, PollSummary::predictionPsi)));
        }
        return chart("Drift per feature (PSI against the training baseline)", "", polls, series);
    }

    /** Per target: the new version solid, the devices still on the previous version dashed, in one colour. */
    private static String latency(List<PollSummary> polls) {
        TreeSet<String> targets = new TreeSet<>();
        polls.forEach(p -> targets.addAll(p.latencyP95Ms().keySet()));
        List<ChartSeries> series = new ArrayList<>();
        int i = 0;
        for (String t : targets) {
            String colour = Palette.series(i++);
            series.add(new ChartSeries(t, colour, false, values(polls, p -> p.latencyP95Ms().get(t))));
            series.add(new ChartSeries(t + " (previous)", colour, true,
                    values(polls, p -> p.controlLatencyP95Ms().get(t))));
        }
        return chart("Latency p95 per target; dashed: previous version's devices", " ms", polls, series);
    }

    private static String errorRate(List<PollSummary> polls) {
        return chart("Error rate of the new version", " %", polls, List.of(new ChartSeries("error rate",
                Palette.series(0), false, values(polls, p -> p.samples() == 0 ? null : p.errorRate() * 100))));
    }

    private static String chart(String title, String unit, List<PollSummary> polls, List<ChartSeries> series) {
        long[] times = polls.stream().mapToLong(p -> p.at().toEpochMilli()).toArray();
        int[] waves = polls.stream().mapToInt(p -> p.wave() + 1).toArray();
        return new LineChart(title, unit, times, waves, series, List.of()).html();
    }

    private static double[] values(List<PollSummary> polls, Function<PollSummary, Double> value) {
        return polls.stream().mapToDouble(p -> {
            Double v = value.apply(p);
            return v == null ? Double.NaN : v;
        }).toArray();
    }

    /** Every poll, newest first: its decision and what it waited for or why it decided. */
    private static String pollTable(List<PollSummary> polls) {
        Table table = Table.withHeader("#", "Time", "Wave", "Decision", "Inferences", "Devices", "Error rate",
                "Reasons");
        for (int i = polls.size() - 1; i >= 0; i--) {
            PollSummary p = polls.get(i);
            boolean waiting = p.decision() == GateDecision.WAIT;
            List<String> lines = waiting ? p.waitingFor() : p.reasons();
            table = table.row(p.n(), TIME.format(p.at()), p.wave() + 1, decision(p),
                    p.samples(), p.devicesReporting() + (p.devicesExpected() > 0 ? " / " + p.devicesExpected() : ""),
                    Units.percent(p.errorRate()), (waiting && !lines.isEmpty() ? "waiting for: " : "")
                            + String.join("; ", lines));
        }
        return table.html();
    }

    private static Markup decision(PollSummary p) {
        Tone tone = switch (p.decision()) {
            case PROMOTED -> Tone.PASS;
            case ROLLED_BACK -> Tone.FAIL;
            default -> Tone.WAIT;
        };
        return Markup.raw("<strong class=\"" + tone.cssClass() + "\">" + Html.esc(p.decision().name()
                + (p.timedOut() ? " (timeout)" : "")) + "</strong>");
    }
}
