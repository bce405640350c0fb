package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.contract.PublishToEdgeContract;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@code publishToEdge(...)} arguments bind, validate and become {@code edge-mlops publish} flags. */
class PublishToEdgeStepTest {

    private static Map<String, Object> targets() {
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("raspberry-pi-4", "int8");
        targets.put("x86-gateway", "fp32");
        return targets;
    }

    @Test
    void onlyWhatTheJenkinsfileGaveIsPassedSoTheEngineDefaultsApply() {
        PublishToEdgeStep step = new PublishToEdgeStep("pump", "eu", targets());

        assertEquals("pump", step.getModel());
        assertEquals("eu", step.getFleet());
        assertNull(step.getVersion());
        assertNull(step.getWaves());
        assertFalse(step.isShadow());
        assertFalse(step.isAllowUnvalidated());
        assertFalse(step.isSupersede());
        assertNull(step.getSigningKey());
        assertNull(step.getReason());
        assertTrue(step.failsOnFailedCheck(), "no failOnError: an exit code 1 always fails the step");
        assertEquals(new EngineCommand("publish", List.of("--model=pump", "--fleet=eu",
                "--targets=raspberry-pi-4=int8,x86-gateway=fp32")), step.toEngineCommand());
    }

    @Test
    void groovyMapsAndWaveListsBecomeTheClisTextInContractOrder() {
        PublishToEdgeStep step = new PublishToEdgeStep("pump", "eu", targets());
        step.setVersion(3);
        Map<String, Object> pilot = new LinkedHashMap<>();
        pilot.put("count", 1);
        pilot.put("target", "raspberry-pi-4");
        step.setWaves(List.of(pilot, 10, 100));
        step.setShadow(true);
        step.setAllowUnvalidated(true);
        step.setSupersede(true);
        step.setSigningKey("keys/eu.key");
        step.setReason("nightly retrain, drift on temp");
        step.setStore("local:/var/models");

        assertEquals(List.of("--model=pump", "--version=3", "--fleet=eu",
                "--targets=raspberry-pi-4=int8,x86-gateway=fp32", "--waves=1@raspberry-pi-4,10,100", "--shadow",
                "--allow-unvalidated", "--supersede", "--signing-key=keys/eu.key",
                "--reason=nightly retrain, drift on temp", "--store=local:/var/models"),
                step.toEngineCommand().arguments());
    }

    @Test
    void theSnippetGeneratorsTextFieldsWorkToo() {
        PublishToEdgeStep step = new PublishToEdgeStep("pump", "eu", "raspberry-pi-4=int8, x86-gateway=fp32");
        step.setWaves("5, 25, 100");

        assertEquals(List.of("--model=pump", "--fleet=eu", "--targets=raspberry-pi-4=int8,x86-gateway=fp32",
                "--waves=5,25,100"), step.toEngineCommand().arguments());
    }

    @Test
    void badArgumentsAreAllNamedInTheContractsWordsBeforeAnythingRuns() {
        PublishToEdgeStep step = new PublishToEdgeStep("pump", " ", Map.of());
        step.setWaves(List.of(5, 25, 20));

        StepArgumentException error = assertThrows(StepArgumentException.class, step::toEngineCommand);
        assertEquals("publishToEdge: fleet (--fleet) is required; targets (--targets) must not be empty; "
                + PublishToEdgeContract.WAVES.check(List.of("5", "25", "20")).orElseThrow(), error.getMessage());
        assertEquals("publishToEdge: fleet (--fleet) is required; targets (--targets) must not be empty; "
                + "waves (--waves) must grow, each percentage larger than the one before, got 5,25,20",
                error.getMessage());

        PublishToEdgeStep noEnd = new PublishToEdgeStep("pump", "eu", targets());
        noEnd.setWaves(List.of(Map.of("count", 1), 50));
        assertEquals("publishToEdge: waves (--waves) must end at 100 (the whole fleet), got 1@any,50",
                assertThrows(StepArgumentException.class, noEnd::toEngineCommand).getMessage());

        PublishToEdgeStep missing = new PublishToEdgeStep(null, "eu", null);
        assertEquals("publishToEdge: model (--model) is required; targets (--targets) is required",
                assertThrows(StepArgumentException.class, missing::toEngineCommand).getMessage());

        Map<String, Object> blank = new LinkedHashMap<>(targets());
        blank.put("jetson-nano-cpu", "");
        assertEquals("publishToEdge: targets (--targets) must map each name to a value (`name=value`), got "
                        + "raspberry-pi-4=int8,x86-gateway=fp32,jetson-nano-cpu=",
                assertThrows(StepArgumentException.class,
                        new PublishToEdgeStep("pump", "eu", blank)::toEngineCommand).getMessage());
    }

    @Test
    void resultBecomesARolloutSectionReadThroughTheContractKeys() {
        PublishToEdgeStep step = new PublishToEdgeStep("pump", "eu", targets());
        LinkedHashMap<String, Object> result = EngineResultParser.parse("""
                {"rollout":"pump-v3-20261125T100000Z","fleet":"eu","model":"pump","version":3,"wave":1,
                 "waves":["1@jetson-nano-cpu","25%","100%"],"previousVersion":2,
                 "targets":{"jetson-nano-cpu":"fp32","raspberry-pi-4":"int8"},"shadow":true,
                 "overrides":["published without a passing validation: pump@3 fp32 has no passing validation for jetson-nano-cpu"],
                 "supersedes":"pump-v2-20261124T100000Z","keyId":"0123456789abcdef"}""");

        RolloutSection section = (RolloutSection) step.toSection(result);

        assertTrue(section.isPassed());
        assertEquals("rollout:pump-v3-20261125T100000Z", section.getKey());
        assertEquals("Rollout of pump version 3 to fleet eu", section.getTitle());
        assertEquals("jetson-nano-cpu fp32, raspberry-pi-4 int8", section.getTargetsText());
        assertEquals(List.of("1: 1@jetson-nano-cpu = 1 pilot device of jetson-nano-cpu (current)",
                "2: 25% = 25 % of the fleet", "3: 100% = 100 % of the fleet"),
                section.getWaves().stream().map(w -> w.getNumber() + ": " + w.getText() + " = " + w.getMeaning()
                        + (w.isCurrent() ? " (current)" : "")).toList());
        assertEquals("2", section.getPreviousVersion());
        assertEquals(1, section.getOverrides().size());
        String html = section.getHtml();
        assertTrue(html.contains("<strong>current, in shadow</strong>"), html);
        assertTrue(html.contains("Supersedes rollout:</span> <code>pump-v2-20261124T100000Z</code>"), html);
        assertTrue(html.contains("signed with key <code>0123456789abcdef</code>"), html);
        assertTrue(html.contains("<td>2: 25%</td><td>25 % of the fleet</td>"), html);
        assertEquals("2 pilot devices of any target", new RolloutSection.WaveRow(1, "2@any", true).getMeaning());
    }

    @Test
    void aFirstRolloutHasNoPreviousVersion() {
        RolloutSection section = RolloutSection.fromResult(EngineResultParser.parse("""
                {"rollout":"pump-v1-20261125T100000Z","fleet":"eu","model":"pump","version":1,"wave":1,
                 "waves":["5%","25%","100%"],"targets":{"raspberry-pi-4":"fp32"},"shadow":false,"overrides":[],
                 "keyId":"0123456789abcdef"}"""));

        assertNull(section.getPreviousVersion());
        assertTrue(section.getHtml().contains("none: no earlier rollout of pump to eu finished"), section.getHtml());
        assertFalse(section.getHtml().contains("Supersedes"), section.getHtml());
        assertEquals("5%", section.getCurrentWave().getText());
        assertEquals(List.of(), section.getOverrides());
    }

    @Test
    void theSigningKeyReachesTheEngineOnlyInItsEnvironmentAndIsMaskedLineByLine() {
        String pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIFakeFakeFakeFakeFakeFakeFakeFakeFake\n"
                + "-----END PRIVATE KEY-----\n";
        Map<String, String> buildEnv = Map.of("EDGE_MLOPS_SIGNING_KEY", pem, "BUILD_URL", "https://ci/job/1/");

        assertEquals(Map.of("EDGE_MLOPS_SIGNING_KEY", pem), EngineEnvironment.forEngine(buildEnv));
        assertEquals(List.of(pem, "MC4CAQAwBQYDK2VwBCIEIFakeFakeFakeFakeFakeFakeFakeFakeFake"),
                EngineEnvironment.secrets(buildEnv));
        String line = String.join(" ", EngineCommandLine.build("java", "e.jar",
                new PublishToEdgeStep("pump", "eu", targets()).toEngineCommand(), buildEnv));
        assertFalse(line.contains("FakeFake"), line);
        assertEquals(List.of("/ws@tmp/secretFiles/x/eu.key"), EngineEnvironment.secrets(
                Map.of("EDGE_MLOPS_SIGNING_KEY", "/ws@tmp/secretFiles/x/eu.key")), "a path is masked whole");
    }

    @Test
    void descriptorDeclaresTheFunction() {
        PublishToEdgeStep.DescriptorImpl descriptor = new PublishToEdgeStep.DescriptorImpl();

        assertEquals("publishToEdge", descriptor.getFunctionName());
        assertEquals("Publish a model to an edge fleet (Edge MLOps)", descriptor.getDisplayName());
        assertEquals(EngineStep.REQUIRED_CONTEXT, descriptor.getRequiredContext());
    }
}
