package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The texts the real-Jenkins test ({@code RealJenkinsIT}) finds on the build page, checked here on the sections'
 * HTML, because that test needs a Jenkins war and plugins that a unit run does not have.
 */
class BuildPageTextsTest {

    private static final GatePlan PLAN = new GatePlan("awaitDriftGate", List.of("--fleet=gate"), false, true, 60_000,
            0.2, 0.05, null);

    @Test
    void quantizationAndRolloutTitlesWavesShadowAndKey() {
        String quantization = QuantizationSection.fromResult(EngineResultParser.parse("""
                {"passed":true,"model":"pump","version":1,"variant":"int8","method":"int8-static","sizeRatio":1.7}""")).getHtml();
        String rollout = RolloutSection.fromResult(EngineResultParser.parse("""
                {"rollout":"pump-p-v1-20261126T040000Z","fleet":"eu","model":"pump-p","version":1,"wave":1,
                 "waves":["10%","100%"],"targets":{"raspberry-pi-4":"fp32"},"shadow":true,"overrides":[],
                 "keyId":"5f1d2c3b4a596877"}""")).getHtml();

        assertTrue(quantization.contains("Quantization of pump version 1 to int8"), quantization);
        assertTrue(quantization.contains("Size ratio"), quantization);
        for (String text : List.of("Rollout of pump-p version 1 to fleet eu", "10 % of the fleet", "current, in shadow",
                "5f1d2c3b4a596877")) {
            assertTrue(rollout.contains(text), text + " in\n" + rollout);
        }
    }

    @Test
    void gateHeadingsAndTheDriftChart() {
        String promoted = gate("pump-g", "gate", "PROMOTED").getHtml();
        String rolledBack = gate("pump-d", "gate-drift", "ROLLED_BACK").getHtml();

        assertTrue(promoted.contains("Drift gate of pump-g version 1 in fleet gate: PROMOTED"), promoted);
        assertTrue(promoted.contains("Largest PSI over the features") && promoted.contains("<polyline"), promoted);
        assertTrue(rolledBack.contains("Drift gate of pump-d version 1 in fleet gate-drift: ROLLED_BACK"), rolledBack);
    }

    private static DriftGateSection gate(String model, String fleet, String decision) {
        DriftGateSection s = null;
        for (int i = 0; i < 2; i++) {
            LinkedHashMap<String, Object> poll = EngineResultParser.parse("""
                    {"decision":"%s","passed":%s,"rollout":"%s-v1","fleet":"%s","model":"%s","version":1,"wave":1,
                     "waves":2,"complete":false,"reasons":[],"waitingFor":[],
                     "perFeature":{"temp":{"psi":0.0%d,"pValue":0.5,"drifted":false}},"driftedFeatures":[],
                     "fieldDrift":false,"latencyP95Ms":{"x86-gateway":0.4},"controlLatencyP95Ms":{},"errorRate":0.0,
                     "samples":%d,"devicesReporting":4,"devicesExpected":4,"polls":%d,"report":"r.html"}"""
                    .formatted(i == 0 ? "WAIT" : decision, !"ROLLED_BACK".equals(decision) || i == 0, model, fleet,
                            model, i + 1, 1000 * (i + 1), i + 1));
            s = DriftGateSection.afterPoll(s, PLAN, poll, 1_790_000_000_000L + i * 60_000L);
        }
        return s;
    }
}
