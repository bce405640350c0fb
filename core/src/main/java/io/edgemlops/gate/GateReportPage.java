package io.edgemlops.gate;

import io.edgemlops.rollout.RolloutRecord;
import io.edgemlops.rollout.Wave;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The gate's report as one self-contained HTML page: the rollout, drift per feature, latency per target (new version
 * against the control) and error rate over the polls as inline SVG charts, and every poll's decision with its reasons.
 * No scripts, fonts or images from anywhere: it opens from the store, an archive or a mail attachment alike.
 */
public final class GateReportPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf",
        "#8c564b", "#e377c2"};
    private static final int CHART_WIDTH = 640;
    private static final int CHART_HEIGHT = 200;
    /** Features drawn in the drift chart: the ones with the largest PSI. */
    private static final int MAX_FEATURE_LINES = 6;

    private GateReportPage() {
    }

    /** The page for a rollout and its gate's state, as UTF-8 bytes. */
    public static byte[] render(RolloutRecord r, GateState state) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Gate of ")
                .append(esc(r.id())).append("</title><style>")
                .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
                        + "th{background:#f4f4f4}.PROMOTED{color:#2ca02c}.ROLLED_BACK{color:#d62728}"
                        + ".HELD{color:#ff7f0e}.WAIT{color:#666}svg{background:#fafafa;border:1px solid #ddd}"
                        + "figure{margin:1em 0}figcaption{font-weight:bold}")
                .append("</style></head><body>");
        h.append("<h1>Gate of rollout ").append(esc(r.id())).append("</h1>");
        h.append("<table><tr><th>Model</th><td>").append(esc(r.model())).append(" version ").append(r.version())
                .append(r.previousVersion() == null ? "" : " (previous " + r.previousVersion() + ")")
                .append("</td></tr><tr><th>Fleet</th><td>").append(esc(r.fleet()))
                .append("</td></tr><tr><th>Status</th><td>").append(esc(r.status().name())).append(", wave ")
                .append(r.wave() + 1).append(" of ").append(r.waves().size()).append(" (")
                .append(esc(Wave.describe(r.waves()))).append(")</td></tr><tr><th>Targets</th><td>")
                .append(esc(String.valueOf(new java.util.TreeMap<>(r.targets())))).append("</td></tr></table>");
        List<PollSummary> polls = state.polls();
        if (polls.isEmpty()) {
            h.append("<p>No poll yet.</p>");
        } else {
            h.append(chart("Drift per feature (PSI against the training baseline)", polls, featureSeries(polls), false));
            h.append(chart("Latency p95 per target (ms); dashed: previous version's devices", polls,
                    latencySeries(polls), true));
            h.append(chart("Error rate of the new version", polls,
                    Map.of("error rate", series(polls, p -> p.samples() == 0 ? null : p.errorRate())), false));
            h.append(pollTable(polls));
        }
        h.append("</body></html>\n");
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, List<Double>> featureSeries(List<PollSummary> polls) {
        Map<String, Double> largest = new LinkedHashMap<>();
        for (PollSummary p : polls) {
            p.psi().forEach((f, v) -> largest.merge(f, v, Math::max));
        }
        Map<String, List<Double>> out = new LinkedHashMap<>();
        largest.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(MAX_FEATURE_LINES)
                .forEach(e -> out.put(e.getKey(), series(polls, p -> p.psi().get(e.getKey()))));
        if (polls.stream().anyMatch(p -> p.predictionPsi() != null)) {
            out.put("predicted classes", series(polls, PollSummary::predictionPsi));
        }
        return out;
    }

    private static Map<String, List<Double>> latencySeries(List<PollSummary> polls) {
        TreeSet<String> targets = new TreeSet<>();
        polls.forEach(p -> targets.addAll(p.latencyP95Ms().keySet()));
        Map<String, List<Double>> out = new LinkedHashMap<>();
        for (String t : targets) {
            out.put(t, series(polls, p -> p.latencyP95Ms().get(t)));
            out.put(t + " (previous)", series(polls, p -> p.controlLatencyP95Ms().get(t)));
        }
        return out;
    }

    private static List<Double> series(List<PollSummary> polls, Function<PollSummary, Double> value) {
        List<Double> out = new ArrayList<>(polls.size());
        polls.forEach(p -> out.add(value.apply(p)));
        return out;
    }

    /** A line chart over the polls; {@code pairs}: every second series is the dashed control of the one before. */
    private static String chart(String title, List<PollSummary> polls, Map<String, List<Double>> series,
                                boolean pairs) {
        double max = series.values().stream().flatMap(List::stream).filter(v -> v != null && Double.isFinite(v))
                .max(Comparator.naturalOrder()).orElse(0.0);
        double top = max <= 0 ? 1 : max * 1.1;
        int left = 50;
        int bottom = 20;
        int plotW = CHART_WIDTH - left - 10;
        int plotH = CHART_HEIGHT - bottom - 10;
        StringBuilder s = new StringBuilder("<figure><figcaption>").append(esc(title)).append("</figcaption>");
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(CHART_WIDTH).append("\" height=\"")
                .append(CHART_HEIGHT + 20 * ((series.size() + 1) / 2)).append("\" role=\"img\">");
        s.append(line(left, 10, left, 10 + plotH, "#999", false)).append(line(left, 10 + plotH, left + plotW,
                10 + plotH, "#999", false));
        s.append(text(2, 14, num(top))).append(text(2, 10 + plotH, "0"));
        s.append(text(left, CHART_HEIGHT, "poll 1")).append(text(left + plotW - 50, CHART_HEIGHT, "poll "
                + polls.get(polls.size() - 1).n()));
        int i = 0;
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            String colour = COLOURS[(pairs ? i / 2 : i) % COLOURS.length];
            boolean dashed = pairs && i % 2 == 1;
            StringBuilder pts = new StringBuilder();
            List<Double> v = e.getValue();
            for (int k = 0; k < v.size(); k++) {
                Double y = v.get(k);
                if (y == null || !Double.isFinite(y)) {
                    continue;
                }
                double x = left + (v.size() == 1 ? plotW / 2.0 : plotW * k / (double) (v.size() - 1));
                double yy = 10 + plotH - plotH * y / top;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, yy));
            }
            if (pts.length() > 0) {
                s.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\"")
                        .append(dashed ? " stroke-dasharray=\"5,4\"" : "").append(" points=\"")
                        .append(pts.toString().trim()).append("\"><title>").append(esc(e.getKey()))
                        .append("</title></polyline>");
            }
            int ly = CHART_HEIGHT + 14 + 20 * (i / 2);
            int lx = left + (i % 2) * (plotW / 2);
            s.append(line(lx, ly - 4, lx + 20, ly - 4, colour, dashed)).append(text(lx + 25, ly, e.getKey()));
            i++;
        }
        return s.append("</svg></figure>").toString();
    }

    private static String pollTable(List<PollSummary> polls) {
        StringBuilder t = new StringBuilder("<h2>Polls</h2><table><tr><th>#</th><th>Time</th><th>Wave</th>"
                + "<th>Decision</th><th>Inferences</th><th>Devices</th><th>Error rate</th><th>Reasons</th></tr>");
        for (int i = polls.size() - 1; i >= 0; i--) {
            PollSummary p = polls.get(i);
            List<String> lines = p.decision() == GateDecision.WAIT ? p.waitingFor() : p.reasons();
            t.append("<tr><td>").append(p.n()).append("</td><td>").append(TIME.format(p.at())).append("</td><td>")
                    .append(p.wave() + 1).append("</td><td class=\"").append(p.decision().name()).append("\">")
                    .append(p.decision()).append(p.timedOut() ? " (timeout)" : "").append("</td><td>")
                    .append(p.samples()).append("</td><td>").append(p.devicesReporting())
                    .append(p.devicesExpected() > 0 ? " / " + p.devicesExpected() : "").append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.2f %%", p.errorRate() * 100)).append("</td><td>");
            if (p.decision() == GateDecision.WAIT && !lines.isEmpty()) {
                t.append("waiting for: ");
            }
            t.append(esc(String.join("; ", lines))).append("</td></tr>");
        }
        return t.append("</table>").toString();
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, boolean dashed) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>",
                x1, y1, x2, y2, colour, dashed ? " stroke-dasharray=\"5,4\"" : "");
    }

    private static String text(double x, double y, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">%s</text>", x, y,
                esc(content));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
