package io.edgemlops.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The monitor's answer, drifted features first, the targets, and the evidence. */
class FieldDriftViewTest {

    @Test
    void driftedFeaturesFirstThenTargetsAndFacts() {
        String html = FieldDriftView.html(Samples.monitor());

        assertEquals("Field drift of pump version 3 in fleet eu", FieldDriftView.title(Samples.monitor()));
        assertTrue(html.contains("Field drift of pump version 3 in fleet eu: DRIFTED, retrain</h2>"), html);
        assertTrue(html.contains("<strong>field drift in temp_bearing, flow_rate: retrain</strong>"), html);
        int flow = html.indexOf("<th>flow_rate</th>");
        int temp = html.indexOf("<th>temp_bearing (critical)</th>");
        int rpm = html.indexOf("<th>rpm</th>");
        assertTrue(flow > 0 && temp > flow && rpm > temp, "drifted first, in the result's order:\n" + html);
        assertTrue(html.contains("<th>temp_bearing (critical)</th><td>0.930</td><td>1.0e-40</td>"), html);
        assertTrue(html.contains("<th>raspberry-pi-4</th><td>12400</td><td>180</td>"), html);
        assertTrue(html.contains("Prediction drift:</span> PSI 0.020, no drift"), html);
        assertTrue(html.contains("<code>fleets/eu/monitor/pump/20261126T020000Z.json</code>"), html);
    }

    @Test
    void withNothingJudgedOnlyTheReasonShows() {
        Map<String, Object> r = Json.object("""
                {"drifted":false,"summary":"not enough data: model pump has no version under alias production",
                 "reasons":["not enough data: model pump has no version under alias production"],"since":"24h",
                 "from":"2026-11-25T02:00:00Z","to":"2026-11-26T02:00:00Z","samples":0,"devicesReporting":0,
                 "perFeature":[],"driftedFeatures":[],"perTarget":[],
                 "report":"fleets/eu/monitor/pump/20261126T020000Z.json"}""");

        String html = FieldDriftView.html(r);

        assertTrue(html.contains("Field drift of pump in fleet eu: no field drift</h2>"), html);
        assertFalse(html.contains("<table"), html);
        assertTrue(html.contains("<li>not enough data: model pump has no version under alias production</li>"), html);
    }
}
