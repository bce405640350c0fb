package io.edgemlops.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.rollout.RolloutRecord;
import io.edgemlops.rollout.Wave;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gate's own report: the rollout, the charts over the polls, every poll newest first, nothing external. */
class GateReportPageTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private static RolloutRecord rollout() {
        return new RolloutRecord("pump-v3-20261125T100000Z", "eu", "pump", 3, 2, Map.of("raspberry-pi-4", "int8"),
                List.of(Wave.percent(10), Wave.percent(100)), 1, false, RolloutRecord.Status.IN_PROGRESS, T0, T0,
                "ci", "job/1", null, List.of(), null);
    }

    private static PollSummary poll(int n, int wave, GateDecision decision, double vibration, List<String> reasons,
            List<String> waitingFor) {
        return new PollSummary(n, T0.plusSeconds(300L * n), wave, decision, false, 500L * n, 9, 10, 0.004,
                Map.of("temp", 0.03, "vibration<b>", vibration), 0.02, Map.of("raspberry-pi-4", 4.0 + n),
                Map.of("raspberry-pi-4", 4.0), null, reasons, waitingFor);
    }

    @Test
    void showsTheRolloutTheChartsAndEveryPollNewestFirst() {
        GateState state = new GateState("pump-v3-20261125T100000Z", 1, T0, Map.of(), List.of(
                poll(1, 0, GateDecision.WAIT, 0.1, List.of(), List.of("samples: 500 of 2000 inferences")),
                poll(2, 0, GateDecision.PROMOTED, 0.12, List.of("no feature drifted"), List.of()),
                poll(3, 1, GateDecision.ROLLED_BACK, 0.4, List.of("vibration drifted: PSI 0.4 >= 0.2"), List.of())));

        String html = new String(GateReportPage.render(rollout(), state), StandardCharsets.UTF_8);

        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("<title>Gate of rollout pump-v3-20261125T100000Z</title>"), html);
        assertTrue(html.contains("<th>Model</th><td>pump version 3 (previous 2)</td>"), html);
        assertTrue(html.contains("<th>Status</th><td>IN_PROGRESS, wave 2 of 2 ([10%, 100%])</td>"), html);
        assertEquals(3, html.split("<figure class=\"emo-chart\">").length - 1, "drift, latency, error rate");
        assertTrue(html.contains("<figcaption>Drift per feature (PSI against the training baseline)</figcaption>"));
        assertTrue(html.contains(">raspberry-pi-4 (previous)</text>"), "the control in the legend");
        assertTrue(html.contains("stroke-dasharray=\"6 4\"><title>raspberry-pi-4 (previous)</title>"), html);
        assertTrue(html.contains(">vibration&lt;b&gt;</text>"), "feature names escaped:\n" + html);
        assertTrue(html.contains("<polyline"), html);
        int third = html.indexOf("<tr><td>3</td>");
        int first = html.indexOf("<tr><td>1</td>");
        assertTrue(third > 0 && first > third, "newest first");
        assertTrue(html.contains("<strong class=\"emo-fail\">ROLLED_BACK</strong>"), html);
        assertTrue(html.contains("vibration drifted: PSI 0.4 &gt;= 0.2"), html);
        assertTrue(html.contains("<td>9 / 10</td><td>0.4 %</td><td>waiting for: samples: 500 of 2000 inferences</td>"),
                html);
        assertFalse(html.contains("<script") || html.contains("https://") || html.contains("http://"), html);
    }

    @Test
    void beforeTheFirstPollItSaysSo() {
        String html = new String(GateReportPage.render(rollout(), new GateState("r", 0, T0, Map.of(), List.of())),
                StandardCharsets.UTF_8);

        assertTrue(html.contains("<p>No poll yet.</p>"), html);
        assertFalse(html.contains("<svg"), html);
    }
}
