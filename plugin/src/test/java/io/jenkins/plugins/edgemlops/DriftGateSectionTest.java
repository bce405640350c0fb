package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** The gate on the build page: decisions, drift per feature, and the polls as inline SVG charts kept small. */
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
        assertEquals(List.of("vibration 0.18 largest 0.31 drifted", "temp 0.031 largest 0.031"),
                third.getFeatures().stream().map(f -> f.getName() + " " + f.getPsi() + " largest " + f.getLargestPsi()
                        + (f.isDrifted() ? " drifted" : "")).toList(), "most drifted first, largest PSI of the wave");
        assertEquals("0.41", third.getFeatures().get(1).getPvalue());
        assertEquals(List.of("Inferences of the new version: 2400", "Devices reporting: 9 of 10",
                "Error rate: 0.4 % (limit 5 %)", "Drifted features: vibration"),
                third.getFacts().stream().map(f -> f.getLabel() + ": " + f.getValue()).toList());
        assertEquals("samples: 2400 of 2000 inferences", third.getWaitingFor());
        assertEquals("2026-09-21 14:23 UTC", third.getLastPollTime());
        assertEquals(List.of(), third.getDecisions());
        assertEquals("2", third.getPreviousVersion());
        assertEquals("fleets/eu/rollouts/pump/pump-v3-20261125T100000Z/report.html", third.getReport());
    }

    @Test
    void aWaveNoDeviceHadReportedToBeforeShowsHowManyReportWithoutAnUnknownTotal() {
        LinkedHashMap<String, Object> firstRollout = poll("WAIT", 1, 800, 0.12, "{}", "{}");
        firstRollout.put("devicesExpected", 0);

        DriftGateSection s = DriftGateSection.afterPoll(null, PLAN, firstRollout, T0);

        assertTrue(s.getFacts().stream().map(f -> f.getLabel() + ": " + f.getValue()).toList()
                .contains("Devices reporting: 9"), s.getFacts().toString());
    }

    @Test
    void decisionsArePerWaveAndARepeatedAnswerAfterARestartReplacesTheFirst() {
        DriftGateSection s = DriftGateSection.afterPoll(null, PLAN,
                poll("PROMOTED", 1, 2400, 0.05, "{}", "{}", "no feature drifted"), T0);
        s = DriftGateSection.afterPoll(s, PLAN, poll("PROMOTED", 1, 2400, 0.05, "{}", "{}", "no feature drifted"),
                T0 + MINUTE);
        s = DriftGateSection.afterPoll(s, PLAN, poll("WAIT", 2, 100, 0.4, "{}", "{}"), T0 + 6 * MINUTE);

        assertEquals(List.of("1 PROMOTED [no feature drifted]"), s.getDecisions().stream()
                .map(d -> d.getWave() + " " + d.getDecision() + " " + d.getReasons()).toList());
        assertEquals("0.4", s.getFeatures().get(0).getLargestPsi(), "a new wave starts its own largest PSI");

        s = DriftGateSection.afterPoll(s, PLAN, poll("ROLLED_BACK", 2, 2400, 0.4, "{}", "{}",
                "vibration drifted: PSI 0.4 >= 0.2"), T0 + 30 * MINUTE);
        assertFalse(s.isPassed(), "a rollback marks the page");
        assertFalse(s.isWaiting());
        assertEquals(List.of("1 PROMOTED", "2 ROLLED_BACK"), s.getDecisions().stream()
                .map(d -> d.getWave() + " " + d.getDecision()).toList());
        assertEquals(List.of("vibration drifted: PSI 0.4 >= 0.2"), s.getReasons());
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
        assertTrue(s.getLastPollTime().startsWith("2026-09-22"), s.getLastPollTime());
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
        assertNull(DriftGateSection.PollPoint.decode("garbage"));
        assertNull(DriftGateSection.PollPoint.decode("1 2 3 x 5 - -"));
    }

    @Test
    void chartsDrawEveryPollInsideThePlotWithTheLimitsAndTheControlDashed() {
        DriftGateSection s = null;
        for (int i = 0; i < 4; i++) {
            s = DriftGateSection.afterPoll(s, PLAN, poll(i < 3 ? "WAIT" : "PROMOTED", i < 2 ? 1 : 2, 500L * i,
                    0.05 * i, "{\"raspberry-pi-4\":" + (4 + i) + "}", "{\"raspberry-pi-4\":4.0}"), T0 + i * MINUTE);
        }

        SvgChart drift = s.getDriftChart();
        assertEquals(1, drift.getPolylines().size());
        assertEquals(4, drift.getPolylines().get(0).getPoints().split(" ").length);
        assertTrue(drift.getLines().stream().anyMatch(l -> l.getColour().equals(SvgChart.LIMIT_COLOUR)),
                "the PSI threshold is drawn");
        assertTrue(drift.getTexts().stream().anyMatch(t -> t.getText().equals("wave 2")), "the new wave is marked");
        assertTrue(drift.getTexts().stream().anyMatch(t -> t.getText().equals("+3m")), "elapsed time on the x axis");
        for (String point : drift.getPolylines().get(0).getPoints().split(" ")) {
            double x = Double.parseDouble(point.split(",")[0]);
            double y = Double.parseDouble(point.split(",")[1]);
            assertTrue(x >= 60 && x <= SvgChart.WIDTH - 16, point);
            assertTrue(y >= 0 && y <= drift.getHeight() - 30, point);
        }

        SvgChart latency = s.getLatencyChart();
        assertEquals(List.of("none", "6 4"), latency.getPolylines().stream().map(SvgChart.Shape::getDash).toList(),
                "the new version solid, the control dashed");
        assertEquals(latency.getPolylines().get(0).getColour(), latency.getPolylines().get(1).getColour(),
                "a target's new version and control share a colour");
        assertTrue(latency.getTexts().stream().anyMatch(t -> t.getText().equals("raspberry-pi-4 control v2")));
        assertTrue(latency.getTexts().stream().anyMatch(t -> t.getText().equals("budget 10 ms")));

        SvgChart errors = s.getErrorChart();
        assertTrue(errors.getTexts().stream().anyMatch(t -> t.getText().equals("limit 5 %")));

        SvgChart features = s.getFeatureChart();
        assertEquals(4, features.getRects().size(), "two bars per feature: latest and largest");
        assertEquals(List.of(SvgChart.LIMIT_COLOUR, SvgChart.LIMIT_COLOUR, SvgChart.PALETTE[0], SvgChart.PALETTE[0]),
                features.getRects().stream().map(SvgChart.Shape::getColour).toList(),
                "the drifted feature (vibration) in red, the other in blue");
        assertTrue(features.getTexts().stream().anyMatch(t -> t.getText().equals("limit 0.2")));
    }

    @Test
    void noPollsNoTargetsNoFeaturesNoCharts() {
        LinkedHashMap<String, Object> bare = new LinkedHashMap<>(Map.of("decision", "WAIT", "rollout", "r",
                "wave", 1, "waves", 1, "samples", 0));
        DriftGateSection s = DriftGateSection.afterPoll(null, PLAN, bare, T0);

        assertNull(s.getLatencyChart());
        assertNull(s.getFeatureChart());
        assertNotNull(s.getDriftChart(), "one poll is still a point");
        assertEquals(0, s.getDriftChart().getPolylines().size(), "but without a PSI, no line");
        assertEquals("Error rate: n/a (limit 5 %)", s.getFacts().get(2).getLabel() + ": " + s.getFacts().get(2)
                .getValue());
    }

    @Test
    void axisNumbersAreRoundAndShort() {
        assertEquals(1, SvgChart.niceCeiling(0));
        assertEquals(0.25, SvgChart.niceCeiling(0.22));
        assertEquals(5, SvgChart.niceCeiling(4.4));
        assertEquals(10, SvgChart.niceCeiling(5.5));
        assertEquals(200, SvgChart.niceCeiling(101));
        assertEquals("0.0625", SvgChart.label(0.0625));
        assertEquals("0.333", SvgChart.label(1 / 3.0));
        assertEquals("12", SvgChart.label(12.0));
        assertEquals("n/a", SvgChart.label(Double.NaN));
    }

    /** The views are well-formed and every property they read exists, so a typo cannot blank the page at runtime. */
    @Test
    void theViewsReadOnlyPropertiesTheirClassesHave() throws Exception {
        Path views = Path.of("src/main/resources/io/jenkins/plugins/edgemlops");
        Map<String, Class<?>> variables = Map.of("it", DriftGateSection.class, "d",
                DriftGateSection.WaveDecision.class, "row", DriftGateSection.FeatureRow.class, "fact",
                LabelledValue.class);
        for (String view : List.of("DriftGateSection/section.jelly", "DriftGateSection/summary.jelly")) {
            checkView(views.resolve(view), variables);
        }
        checkView(views.resolve("SvgChart/chart.jelly"), Map.of("it", SvgChart.class, "s", SvgChart.Shape.class));
    }

    private static void checkView(Path view, Map<String, Class<?>> variables) throws Exception {
        String text = Files.readString(view);
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(view.toFile());
        assertTrue(text.startsWith("<?jelly escape-by-default='true'?>"), view.toString());
        Set<String> missing = new TreeSet<>();
        Matcher m = Pattern.compile("(\\w+)\\.(\\w+)").matcher(String.join(" ",
                Pattern.compile("\\$\\{([^}]*)}").matcher(text).results().map(r -> r.group(1)).toList()));
        while (m.find()) {
            Class<?> type = variables.get(m.group(1));
            if (type == null) {
                continue;
            }
            String property = m.group(2);
            String suffix = Character.toUpperCase(property.charAt(0)) + property.substring(1);
            boolean found = false;
            for (String prefix : List.of("get", "is")) {
                try {
                    type.getMethod(prefix + suffix);
                    found = true;
                } catch (NoSuchMethodException next) {
                    // try the other prefix
                }
            }
            if (!found && !(property.equals("size") || property.equals("length"))) {
                missing.add(view.getFileName() + ": " + m.group());
            }
        }
        assertEquals(Set.of(), missing);
    }
}
