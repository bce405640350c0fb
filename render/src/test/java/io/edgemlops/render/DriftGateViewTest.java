package io.edgemlops.render;

import static io.edgemlops.render.Samples.LIMITS;
import static io.edgemlops.render.Samples.MINUTE;
import static io.edgemlops.render.Samples.T0;
import static io.edgemlops.render.Samples.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gate over its polls: decision, decisions per wave, evidence, drift per feature and the charts. */
class DriftGateViewTest {

    @Test
    void aVanishingPValueReadsInScientificNotationNotAsARowOfZeros() {
        Map<String, Object> poll = gate("WAIT", 1, 800, 0.12, "{}", "{}");
        @SuppressWarnings("unchecked")
        Map<String, Object> vibration = (Map<String, Object>) ((Map<String, Object>) poll.get("perFeature"))
                .get("vibration");
        vibration.put("pValue", 3.2e-45);

        String html = DriftGateView.html(List.of(new GatePoll(T0, poll)), LIMITS);

        assertTrue(html.contains("<td>vibration</td><td>0.12</td><td>0.12</td><td>3.2e-45</td>"), html);
    }

    @Test
    void waitingGateShowsWhatItWaitsForTheFeaturesAndTheCharts() {
        GateHistory h = GateHistory.of(List.of(
                new GatePoll(T0, gate("WAIT", 1, 800, 0.12, "{\"raspberry-pi-4\":4.2}", "{\"raspberry-pi-4\":4.0}")),
                new GatePoll(T0 + 5 * MINUTE, gate("WAIT", 1, 1600, 0.31,
                        "{\"raspberry-pi-4\":4.4,\"x86-gateway\":0.9}", "{\"raspberry-pi-4\":4.1}")),
                new GatePoll(T0 + 10 * MINUTE, gate("WAIT", 1, 2400, 0.18,
                        "{\"raspberry-pi-4\":4.3,\"x86-gateway\":1.0}", "{}"))));

        String html = DriftGateView.html(h, LIMITS);

        assertTrue(html.contains("emo-wait\">Drift gate of pump version 3 in fleet eu: waiting</h2>"), html);
        assertTrue(html.contains("Rollout <code>pump-v3-20261125T100000Z</code>, wave 1 of 2. Latest poll "
                + "2026-09-21 14:23 UTC, waiting for: samples: 2400 of 2000 inferences."), html);
        assertEquals(List.of("raspberry-pi-4", "x86-gateway"), h.targets(), "a target appears when it reports");
        assertTrue(html.contains("<tr><td>vibration</td><td>0.18</td><td>0.31</td><td>0.0001</td>"
                + "<td><strong class=\"emo-fail\">yes</strong></td></tr>"), "largest PSI of the wave:\n" + html);
        assertTrue(html.indexOf("<td>vibration</td>") < html.indexOf("<td>temp</td>"), "most drifted first");
        for (String fact : new String[] {"Inferences of the new version:</span> 2400",
            "Devices reporting:</span> 9 of 10", "Error rate:</span> 0.4 % (limit 5 %)",
            "Drifted features:</span> vibration", "Control group:</span> the devices still on version 2",
            "<code>fleets/eu/rollouts/pump/pump-v3-20261125T100000Z/report.html</code> in the store"}) {
            assertTrue(html.contains(fact), fact + " in\n" + html);
        }
        assertFalse(html.contains("<th>Decision</th>"), "no decision yet, no decisions table");
        assertTrue(html.contains("3 poll(s) drawn below"), html);
        assertTrue(html.contains("<figcaption>Largest PSI over the features</figcaption>"), html);
        assertTrue(html.contains("<figcaption>p95 latency per target</figcaption>"), html);
        assertTrue(html.contains("<figcaption>Error rate</figcaption>"), html);
        assertTrue(html.contains(">raspberry-pi-4 control v2</text>"), "the control is in the legend:\n" + html);
        assertTrue(html.contains(">budget 10 ms</text>") && html.contains(">limit 5 %</text>"), html);
    }

    @Test
    void decisionsArePerWaveAndARepeatedAnswerReplacesTheFirst() {
        GateHistory h = GateHistory.of(List.of(
                new GatePoll(T0, gate("PROMOTED", 1, 2400, 0.05, "{}", "{}", "no feature drifted")),
                new GatePoll(T0 + MINUTE, gate("PROMOTED", 1, 2400, 0.05, "{}", "{}", "no feature drifted")),
                new GatePoll(T0 + 6 * MINUTE, gate("WAIT", 2, 100, 0.4, "{}", "{}"))));
        assertEquals(List.of("1 PROMOTED [no feature drifted]"), h.decisions().stream()
                .map(d -> d.wave() + " " + d.decision() + " " + d.reasons()).toList());
        assertEquals(0.4, h.largestPsi().get("vibration"), "a new wave starts its own largest PSI");

        h = h.after(new GatePoll(T0 + 30 * MINUTE, gate("ROLLED_BACK", 2, 2400, 0.3, "{}", "{}",
                "vibration drifted: PSI 0.4 >= 0.2")));
        String html = DriftGateView.html(h, LIMITS);

        assertEquals(List.of("1 PROMOTED", "2 ROLLED_BACK"), h.decisions().stream()
                .map(d -> d.wave() + " " + d.decision()).toList());
        assertEquals(0.4, h.largestPsi().get("vibration"), "the largest stays within the wave");
        assertTrue(html.contains("emo-fail\">Drift gate of pump version 3 in fleet eu: ROLLED_BACK</h2>"), html);
        assertTrue(html.contains("<li>vibration drifted: PSI 0.4 &gt;= 0.2</li>"), html);
        assertTrue(html.contains("<tr><td>1 of 2</td><td><strong class=\"emo-pass\">PROMOTED</strong></td>"
                + "<td>2026-09-21 14:14 UTC</td><td>no feature drifted<br/></td></tr>"), "the repeated answer's time:\n" + html);
        assertTrue(html.contains("<td>2 of 2</td><td><strong class=\"emo-fail\">ROLLED_BACK</strong></td>"), html);
    }

    @Test
    void chartsDrawEveryPollWithLimitsWavesAndTheControlDashed() {
        String html = DriftGateView.html(Samples.polls(), LIMITS);
        String drift = figure(html, "Largest PSI over the features");
        String latency = figure(html, "p95 latency per target");
        String bars = figure(html, "PSI per feature at the latest poll");

        assertEquals(4, points(drift).length, drift);
        assertTrue(drift.contains("stroke=\"" + Palette.LIMIT + "\" stroke-dasharray=\"6 4\""), "the threshold");
        assertTrue(drift.contains(">wave 2</text>"), "the new wave is marked");
        assertTrue(drift.contains(">+3m</text>"), "elapsed time on the x axis");
        for (String point : points(drift)) {
            double x = Double.parseDouble(point.split(",")[0]);
            assertTrue(x >= 60 && x <= LineChart.WIDTH - 16, point);
        }
        List<String> lines = polylines(latency);
        assertEquals(2, lines.size(), latency);
        assertFalse(lines.get(0).contains("stroke-dasharray"), "the new version solid");
        assertTrue(lines.get(1).contains("stroke-dasharray=\"6 4\""), "the control dashed");
        assertTrue(lines.get(1).contains("stroke=\"" + Palette.series(0) + "\""), "in the target's colour");
        assertEquals(4, bars.split("<rect ").length - 1, "two bars per feature: latest and largest");
        assertTrue(bars.contains(">limit 0.2</text>"), bars);
        assertTrue(bars.contains("fill=\"" + Palette.LIMIT + "\""), "the drifted feature in red");
    }

    @Test
    void aBarePollHasNoTablesAndNoLines() {
        Map<String, Object> bare = new java.util.LinkedHashMap<>(Map.of("decision", "WAIT", "rollout", "r",
                "wave", 1, "waves", 1, "samples", 0));
        String html = DriftGateView.html(List.of(new GatePoll(T0, bare)), LIMITS);

        assertFalse(html.contains("<table"), html);
        assertFalse(html.contains("<polyline"), "one poll without a PSI draws no line");
        assertTrue(html.contains("Error rate:</span> n/a (limit 5 %)"), html);
        assertFalse(html.contains("p95 latency per target"), "no target, no latency chart");
    }

    private static String figure(String html, String caption) {
        int start = html.indexOf("<figcaption>" + caption);
        assertTrue(start > 0, caption + " not in\n" + html);
        return html.substring(start, html.indexOf("</figure>", start));
    }

    private static List<String> polylines(String svg) {
        return java.util.Arrays.stream(svg.split("<polyline")).skip(1).map(s -> s.substring(0, s.indexOf('>')))
                .toList();
    }

    private static String[] points(String svg) {
        String line = polylines(svg).get(0);
        int start = line.indexOf("points=\"") + 8;
        return line.substring(start, line.indexOf('"', start)).split(" ");
    }
}
