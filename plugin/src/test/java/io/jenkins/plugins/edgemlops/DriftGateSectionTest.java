package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/**
 * The gate on the build page: each poll folded into the renderer's history, kept small in build.xml, and drawn as the
 * static report draws it (decisions, drift per feature, the polls as inline SVG charts).
 */
class DriftGateSectionTest {

    private static final long MINUTE = 60_000;
    private static final long T0 = 1_790_000_000_000L;
    private static final GatePlan PLAN = new GatePlan("awaitDriftGate", List.of("--fleet=eu"), true, true, 5 * MINUTE,
            0.2, 0.05, 10.0);

    private static LinkedHashMap<String, Object> poll(String decision, int wave, long samples, double vibrationPsi,
            String latency, String control, String... reasons) {
        return EngineResultParser.parse(DriftGatePollsTest.result(decision, wave, 2, samples, false,
                "samples: " + samples + " of 2000 inferences", reasons)
                .replace("\"psi\":0.27", "\"psi\":" + vibrationPsi)
                .replace("{\"raspberry-pi-4\":4.2}", latency)
                .replace("{\"raspberry-pi-4\":4.0}", control));
    }

    @Test
    void eachPollAddsAPointAndTheLatestDecisionFeaturesAndFacts() {
        DriftGateSection first = DriftGateSection.afterPoll(null, PLAN,
                poll("WAIT", 1, 800, 0.12, "{\"raspberry-pi-4\":4.2}", "{\"raspberry-pi-4\":4.0}"), T0);
        DriftGateSection second = DriftGateSection.afterPoll(first, PLAN,
                poll("WAIT", 1, 1600, 0.31, "{\"raspberry-pi-4\":4.4,\"x86-gateway\":0.9}", "{\"raspberry-pi-4\":4.1}"),
                T0 + 5 * MINUTE);
        DriftGateSection third = DriftGateSection.afterPoll(second, PLAN,
                poll("WAIT", 1, 2400, 0.18, "{\"raspberry-pi-4\":4.3,\"x86-gateway\":1.0}", "{}"), T0 + 10 * MINUTE);

        assertEquals("gate:pump-v3-20261125T100000Z", third.getKey());
        assertEquals("Drift gate of pump version 3 in fleet eu", third.getTitle());
        assertTrue(third.isWaiting());
        assertTrue(third.isPassed());
        assertEquals(3, third.getPollCount());
        assertEquals(List.of("raspberry-pi-4", "x86-gateway"), third.getTargets(), "a target appears when it reports");
        assertEquals("samples: 2400 of 2000 inferences", third.getWaitingFor());
        String html = third.getHtml();
        assertTrue(html.contains("Drift gate of pump version 3 in fleet eu: waiting</h2>"), html);
        assertTrue(html.contains("<tr><td>vibration</td><td>0.18</td><td>0.31</td><td>0.0001</td>"), 
                "most drifted first, with the largest PSI of the wave:\n" + html);
        assertTrue(html.contains("<tr><td>temp</td><td>0.031</td><td>0.031</td><td>0.4100</td><td>no</td></tr>"), html);
        for (String fact : List.of("Inferences of the new version:</span> 2400", "Devices reporting:</span> 9 of 10",
                "Error rate:</span> 0.4 % (limit 5 %)", "Drifted features:</span> vibration",
                "Control group:</span> the devices still on version 2",
                "<code>fleets/eu/rollouts/pump/pump-v3-20261125T100000Z/report.html</code> in the store")) {
            assertTrue(html.contains(fact), fact + " in\n" + html);
        }
        assertTrue(html.contains("Latest poll 2026-09-21 14:23 UTC, waiting for: samples: 2400 of 2000 inferences"),
                html);
        assertFalse(html.contains("<th>Decision</th>"), "no decision yet");
        List<String> kept = third.history().points().stream().map(p -> p.latency().toString()).toList();
        assertEquals(List.of("{raspberry-pi-4=4.2}", "{raspberry-pi-4=4.4, x86-gateway=0.9}",
                "{raspberry-pi-4=4.3, x86-gateway=1.0}"), kept, "each point's latencies survive the short lines");
    }

    @Test
    void aWaveNoDeviceHadReportedToBeforeShowsHowManyReportWithoutAnUnknownTotal() {
        LinkedHashMap<String, Object> firstRollout = poll("WAIT", 1, 800, 0.12, "{}", "{}");
        firstRollout.put("devicesExpected", 0);

        DriftGateSection s = DriftGateSection.afterPoll(null, PLAN, firstRollout, T0);

        assertTrue(s.getHtml().contains("Devices reporting:</span> 9</li>"), s.getHtml());
    }

    @Test
    void decisionsArePerWaveAndARepeatedAnswerAfterARestartReplacesTheFirst() {
        DriftGateSection s = DriftGateSection.afterPoll(null, PLAN,
                poll("PROMOTED", 1, 2400, 0.05, "{}", "{}", "no feature drifted"), T0);
        s = DriftGateSection.afterPoll(s, PLAN, poll("PROMOTED", 1, 2400, 0.05, "{}", "{}", "no feature drifted"),
                T0 + MINUTE);
        s = DriftGateSection.afterPoll(s, PLAN, poll("WAIT", 2, 100, 0.4, "{}", "{}"), T0 + 6 * MINUTE);

        assertEquals(List.of("1 PROMOTED [no feature drifted]"), s.history().decisions().stream()
                .map(d -> d.wave() + " " + d.decision() + " " + d.reasons()).toList());
        assertTrue(s.getHtml().contains("<tr><td>vibration</td><td>0.4</td><td>0.4</td>"),
                "a new wave starts its own largest PSI:\n" + s.getHtml());

        s = DriftGateSection.afterPoll(s, PLAN, poll("ROLLED_BACK", 2, 2400, 0.4, "{}", "{}",
                "vibration drifted: PSI 0.4 >= 0.2"), T0 + 30 * MINUTE);
        assertFalse(s.isPassed(), "a rollback marks the page");
        assertFalse(s.isWaiting());
        String html = s.getHtml();
        assertTrue(html.contains("Drift gate of pump version 3 in fleet eu: ROLLED_BACK</h2>"), html);
        assertTrue(html.contains("<td>1 of 2</td><td><strong class=\"emo-pass\">PROMOTED</strong></td>"), html);
        assertTrue(html.contains("<td>2 of 2</td><td><strong class=\"emo-fail\">ROLLED_BACK</strong></td>"), html);
        assertTrue(html.contains("<li>vibration drifted: PSI 0.4 &gt;= 0.2</li>"), html);
        EdgeMlopsAction action = new EdgeMlopsAction();
        action.add(s);
        assertFalse(action.isAllPassed());
        assertSame(s, DriftGateSection.shown(action, "pump-v3-20261125T100000Z"));
        assertNull(DriftGateSection.shown(action, "pump-v4-20261126T100000Z"));
    }

    @Test
    void aLongWaitKeepsAtMostMaxPointsWithTheFirstAndTheLast() {
        DriftGateSection s = null;
        int polls = 1000;
        for (int i = 0; i < polls; i++) {
            s = DriftGateSection.afterPoll(s, PLAN, poll("WAIT", 1, i, 0.1, "{\"raspberry-pi-4\":4.2}", "{}"),
                    T0 + i * MINUTE);
            assertTrue(s.getPollCount() <= DriftGateSection.MAX_POINTS, "poll " + i);
        }
        List<DriftGateSection.PollPoint> points = new ArrayList<>();
        for (int i = 0; i < DriftGateSection.MAX_POINTS + 10; i++) {
            points.add(new DriftGateSection.PollPoint(i, 1, i, 0, 0, new double[0], new double[0]));
        }
        List<DriftGateSection.PollPoint> kept = DriftGateSection.thinned(points);
        assertEquals(0, kept.get(0).time());
        assertEquals(DriftGateSection.MAX_POINTS + 9, kept.get(kept.size() - 1).time());
        assertTrue(kept.size() <= DriftGateSection.MAX_POINTS / 2 + 10, "kept " + kept.size());
        assertTrue(s.getHtml().contains("Latest poll 2026-09-22"), "the last poll is kept");
        int saved = String.join("\n", s.getPointLines()).length();
        assertTrue(saved < 20_000, "a day of polls is " + saved + " characters in build.xml");
    }

    @Test
    void aPointIsSavedAsOneShortLineAndReadBack() {
        DriftGateSection.PollPoint point = new DriftGateSection.PollPoint(T0, 2, 2400, 0.15000000000000002, 0.004,
                new double[] {4.25, Double.NaN}, new double[0]);

        String line = point.encode();
        assertEquals(T0 + " 2 2400 0.15 0.004 4.25,- -", line);
        DriftGateSection.PollPoint back = DriftGateSection.PollPoint.decode(line);
        assertEquals(2, back.wave());
        assertEquals(0.15, back.largestPsi());
        assertEquals(4.25, back.latency(0));
        assertTrue(Double.isNaN(back.latency(1)));
        assertTrue(Double.isNaN(back.latency(7)), "a target that appeared later");
        assertTrue(Double.isNaN(back.controlLatency(0)));
        assertEquals(Map.of("pi", 4.25), back.toGatePoint(List.of("pi", "gateway")).latency(), "NaN is no value");
        assertNull(DriftGateSection.PollPoint.decode("garbage"));
        assertNull(DriftGateSection.PollPoint.decode("1 2 3 x 5 - -"));
    }

    @Test
    void theChartsAreInlineSvgWithTheLimitsAndTheControlDashed() {
        DriftGateSection s = null;
        for (int i = 0; i < 4; i++) {
            s = DriftGateSection.afterPoll(s, PLAN, poll(i < 3 ? "WAIT" : "PROMOTED", i < 2 ? 1 : 2, 500L * i,
                    0.05 * i, "{\"raspberry-pi-4\":" + (4 + i) + "}", "{\"raspberry-pi-4\":4.0}"), T0 + i * MINUTE);
        }
        String html = s.getHtml();

        assertTrue(html.contains("<figcaption>Largest PSI over the features</figcaption>") && html.contains("<polyline"),
                "what the real Jenkins test looks for:\n" + html);
        assertTrue(html.contains(">wave 2</text>") && html.contains(">+3m</text>"), html);
        assertTrue(html.contains(">raspberry-pi-4 v3</text>") && html.contains(">raspberry-pi-4 control v2</text>"),
                html);
        assertTrue(html.contains("stroke-dasharray=\"6 4\"><title>raspberry-pi-4 control v2</title>"),
                "the control dashed:\n" + html);
        assertTrue(html.contains(">budget 10 ms</text>") && html.contains(">limit 5 %</text>")
                && html.contains(">limit 0.2</text>"), html);
        assertFalse(html.contains("<script"), html);
    }

    @Test
    void aBarePollDrawsNoTablesAndNoLines() {
        LinkedHashMap<String, Object> bare = new LinkedHashMap<>(Map.of("decision", "WAIT", "rollout", "r",
                "wave", 1, "waves", 1, "samples", 0));
        DriftGateSection s = DriftGateSection.afterPoll(null, PLAN, bare, T0);

        assertFalse(s.getHtml().contains("<table"), s.getHtml());
        assertFalse(s.getHtml().contains("<polyline"), "one poll without a PSI draws no line");
        assertTrue(s.getHtml().contains("Error rate:</span> n/a (limit 5 %)"), s.getHtml());
    }

    /** The views are well-formed and every property they read exists, so a typo cannot blank the page at runtime. */
    @Test
    void theViewsReadOnlyPropertiesTheirClassesHave() throws Exception {
        Path views = Path.of("src/main/resources/io/jenkins/plugins/edgemlops");
        Map<String, Class<?>> sections = Map.of("DriftGateSection", DriftGateSection.class, "FieldDriftSection",
                FieldDriftSection.class, "ModelCardSection", ModelCardSection.class, "QuantizationSection",
                QuantizationSection.class, "RolloutSection", RolloutSection.class, "ValidationSection",
                ValidationSection.class, "EdgeMlopsSection", EdgeMlopsSection.class);
        for (Map.Entry<String, Class<?>> e : sections.entrySet()) {
            for (String view : List.of("section.jelly", "summary.jelly")) {
                JellyProperties.check(views.resolve(e.getKey()).resolve(view), Map.of("it", e.getValue(), "fact",
                        LabelledValue.class, "metric", LabelledValue.class));
            }
            String section = Files.readString(views.resolve(e.getKey()).resolve("section.jelly"));
            assertTrue(section.contains("<j:out value=\"${it.html}\"/>"), e.getKey() + " draws with the renderer");
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(views.resolve(e.getKey())
                    .resolve("section.jelly").toFile());
        }
        for (String view : List.of("index.jelly", "summary.jelly")) {
            JellyProperties.check(views.resolve("EdgeMlopsAction").resolve(view), Map.of("it", EdgeMlopsAction.class));
        }
        assertTrue(new EdgeMlopsAction().getStyle().contains(".emo-fail"), "the page carries the renderer's style");
    }
}
