package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.contract.MonitorFieldDriftContract;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@code monitorFieldDrift(...)} arguments bind, validate and become {@code edge-mlops monitor} flags. */
class MonitorFieldDriftStepTest {

    @Test
    void onlyWhatTheJenkinsfileGaveIsPassedSoTheEngineDefaultsApply() {
        MonitorFieldDriftStep step = new MonitorFieldDriftStep("pump", "eu");

        assertEquals("pump", step.getModel());
        assertEquals("eu", step.getFleet());
        assertNull(step.getSince());
        assertNull(step.getVersion());
        assertNull(step.getPsiThreshold());
        assertNull(step.getAlpha());
        assertNull(step.getDriftShare());
        assertNull(step.getCriticalFeatures());
        assertNull(step.getMinSamples());
        assertNull(step.getMinDevices());
        assertNull(step.getStore());
        assertTrue(step.failsOnFailedCheck(), "no failOnError: the monitor has no check that fails");
        assertEquals(new EngineCommand("monitor", List.of("--model=pump", "--fleet=eu")), step.toEngineCommand());
    }

    @Test
    void optionalArgumentsBecomeFlagsInContractOrder() {
        MonitorFieldDriftStep step = new MonitorFieldDriftStep("pump", "eu");
        step.setSince("7d");
        step.setVersion(3);
        step.setPsiThreshold(0.15);
        step.setAlpha(0.05);
        step.setDriftShare(0.1);
        step.setCriticalFeatures(List.of("temp_bearing", "flow_rate"));
        step.setMinSamples(5000);
        step.setMinDevices(10);
        step.setStore("local:/var/models");

        assertEquals(List.of("--model=pump", "--fleet=eu", "--since=7d", "--version=3", "--psi-threshold=0.15",
                "--alpha=0.05", "--drift-share=0.1", "--critical-features=temp_bearing,flow_rate",
                "--min-samples=5000", "--min-devices=10", "--store=local:/var/models"),
                step.toEngineCommand().arguments());
    }

    @Test
    void versionMayBeTheNumberTrainModelReturnedAndSinceANumberOfSeconds() {
        MonitorFieldDriftStep step = new MonitorFieldDriftStep("pump", "eu");
        step.setVersion(new BigDecimal("4.0"));
        step.setSince(3600);

        assertEquals(List.of("--model=pump", "--fleet=eu", "--since=3600", "--version=4"),
                step.toEngineCommand().arguments());
    }

    @Test
    void badArgumentsAreAllNamedInTheContractsWordsBeforeAnythingRuns() {
        MonitorFieldDriftStep step = new MonitorFieldDriftStep("pump", " ");
        step.setSince("yesterday");
        step.setDriftShare(0.0);
        step.setMinDevices(0);

        StepArgumentException error = assertThrows(StepArgumentException.class, step::toEngineCommand);
        assertEquals("monitorFieldDrift: fleet (--fleet) is required; "
                + MonitorFieldDriftContract.SINCE.check("yesterday").orElseThrow() + "; "
                + "driftShare (--drift-share) must be greater than 0 and at most 1, got 0; "
                + "minDevices (--min-devices) must be at least 1, got 0", error.getMessage());
    }

    @Test
    void theEnginesResultIsAPlainMapAJenkinsfileReads() {
        LinkedHashMap<String, Object> result = EngineResultParser.parse("""
                {"drifted":true,"summary":"field drift on temp_bearing, flow_rate: PSI 0.93, 0.88 over 24h, 12,400 \
                inferences from 180 devices","reasons":["inputs across the fleet drift"],"version":3,"since":"24h",
                 "from":"2026-11-25T02:00:00Z","to":"2026-11-26T02:00:00Z","samples":12400,"devicesReporting":180,
                 "perFeature":[{"feature":"temp_bearing","psi":0.93,"pValue":1.0E-40,"drifted":true,"critical":false}],
                 "driftedFeatures":["temp_bearing","flow_rate"],"predictionDrift":{"psi":0.02,"pValue":0.3,"drifted":false},
                 "perTarget":[{"target":"raspberry-pi-4","samples":12400,"devices":180,"drifted":true,
                 "driftedFeatures":["temp_bearing"]}],"report":"fleets/eu/monitor/pump/20261126T020000Z.json"}""");

        assertEquals(Boolean.TRUE, result.get(MonitorFieldDriftContract.R_DRIFTED.name()));
        assertEquals(List.of("temp_bearing", "flow_rate"), result.get("driftedFeatures"));
        Map<?, ?> feature = (Map<?, ?>) ((List<?>) result.get("perFeature")).get(0);
        assertEquals("temp_bearing", feature.get("feature"));
        assertInstanceOf(LinkedHashMap.class, result.get("predictionDrift"));
        assertEquals("fleets/eu/monitor/pump/20261126T020000Z.json", result.get("report"));

        FieldDriftSection section = (FieldDriftSection) new MonitorFieldDriftStep("pump", "eu").toSection(result);
        assertEquals("field-drift:eu:pump", section.getKey());
        assertEquals("Field drift of pump version 3 in fleet eu", section.getTitle());
        assertTrue(section.isDrifted());
        assertTrue(section.isPassed(), "drift is an answer, not a failed check");
        String html = section.getHtml();
        assertTrue(html.contains("Field drift of pump version 3 in fleet eu: DRIFTED, retrain</h2>"), html);
        assertTrue(html.contains("<tr><th>temp_bearing</th><td>0.930</td><td>1.0e-40</td>"), html);
        assertTrue(html.contains("<th>raspberry-pi-4</th><td>12400</td><td>180</td>"), html);
        assertTrue(html.contains("<td>temp_bearing</td></tr>"), "the target's drifted features:\n" + html);
        assertTrue(html.contains("Prediction drift:</span> PSI 0.020, no drift"), html);
    }

    @Test
    void withNothingJudgedTheSectionShowsTheReasonAndNoTables() {
        FieldDriftSection section = FieldDriftSection.fromResult(EngineResultParser.parse("""
                {"drifted":false,"summary":"not enough data: model pump has no version under alias production",
                 "reasons":["not enough data: model pump has no version under alias production"],"since":"24h",
                 "from":"2026-11-25T02:00:00Z","to":"2026-11-26T02:00:00Z","samples":0,"devicesReporting":0,
                 "perFeature":[],"driftedFeatures":[],"perTarget":[],
                 "report":"fleets/eu/monitor/pump/20261126T020000Z.json"}"""));

        assertEquals("Field drift of pump in fleet eu", section.getTitle());
        assertFalse(section.isDrifted());
        assertFalse(section.getHtml().contains("<table"), section.getHtml());
        assertTrue(section.getHtml().contains(
                "<li>not enough data: model pump has no version under alias production</li>"), section.getHtml());
        assertEquals("not enough data: model pump has no version under alias production", section.getSummary());
    }

    @Test
    void descriptorDeclaresTheFunction() {
        MonitorFieldDriftStep.DescriptorImpl descriptor = new MonitorFieldDriftStep.DescriptorImpl();

        assertEquals("monitorFieldDrift", descriptor.getFunctionName());
        assertTrue(descriptor.getDisplayName().contains("field drift"));
        assertEquals(EngineStep.REQUIRED_CONTEXT, descriptor.getRequiredContext());
    }
}
