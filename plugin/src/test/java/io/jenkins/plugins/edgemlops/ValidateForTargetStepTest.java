package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code validateForTarget(...)} arguments bind, validate and become {@code edge-mlops validate} flags. */
class ValidateForTargetStepTest {

    @Test
    void onlyWhatTheJenkinsfileGaveIsPassedSoTheEngineDefaultsApply() {
        ValidateForTargetStep step = new ValidateForTargetStep("pump", "raspberry-pi-4");

        assertEquals("pump", step.getModel());
        assertEquals("raspberry-pi-4", step.getTarget());
        assertNull(step.getVersion());
        assertNull(step.getVariant());
        assertNull(step.getReport());
        assertNull(step.getMinAccuracy());
        assertTrue(step.isFailOnError());
        assertEquals(new EngineCommand("validate", List.of("--model=pump", "--target=raspberry-pi-4")),
                step.toEngineCommand());
    }

    @Test
    void versionMayBeTheNumberTrainModelReturned() {
        ValidateForTargetStep step = new ValidateForTargetStep("pump", "x86-gateway");
        step.setVersion(7);
        assertTrue(step.toEngineCommand().arguments().contains("--version=7"));
        step.setVersion(new BigDecimal("7.0"));
        assertTrue(step.toEngineCommand().arguments().contains("--version=7"));
        step.setVersion(7.5);
        StepArgumentException error = assertThrows(StepArgumentException.class, step::toEngineCommand);
        assertEquals("validateForTarget: version (--version) must be text or a whole number, got 7.5",
                error.getMessage());
    }

    @Test
    void optionalArgumentsBecomeFlags() {
        ValidateForTargetStep step = new ValidateForTargetStep("pump", "targets/my gateway.json");
        step.setVersion("3");
        step.setVariant("int8");
        step.setMinAccuracy(0.9);
        step.setReport("reports/pi.xml");
        step.setStore("local:/var/models");
        step.setFailOnError(false);

        assertFalse(step.isFailOnError());
        assertEquals(List.of("--model=pump", "--version=3", "--target=targets/my gateway.json", "--variant=int8",
                "--min-accuracy=0.9", "--report=reports/pi.xml", "--store=local:/var/models"),
                step.toEngineCommand().arguments());
    }

    @Test
    void invalidArgumentsAreNamedInTheCliWords() {
        ValidateForTargetStep step = new ValidateForTargetStep("pump", null);
        step.setMinAccuracy(1.5);
        step.setVariant("int4");

        StepArgumentException error = assertThrows(StepArgumentException.class, step::toEngineCommand);
        assertEquals("validateForTarget: target (--target) is required; "
                + "variant (--variant) must be one of fp32, int8, fp16, got 'int4'; "
                + "minAccuracy (--min-accuracy) must be at least 0 and at most 1, got 1.5", error.getMessage());
    }

    @Test
    void resultBecomesAValidationTableReadThroughTheContractKeys() {
        ValidateForTargetStep step = new ValidateForTargetStep("pump", "raspberry-pi-4");
        LinkedHashMap<String, Object> result = EngineResultParser.parse("""
                {"passed":false,"reason":"pump@3 fp32 on raspberry-pi-4: latency-p95: value 12.5 ms > limit 10 ms",
                 "model":"pump","version":3,"target":"raspberry-pi-4","variant":"fp32","latencyP95Ms":12.5,
                 "accuracy":0.93,"report":"edge-mlops-reports/validate-raspberry-pi-4-fp32.xml",
                 "checks":[{"name":"model-size","value":81234,"limit":5000000,"unit":"bytes","passed":true},
                           {"name":"latency-p95","value":12.5,"limit":10,"unit":"ms","passed":false,
                            "message":"too slow"}]}""");

        ValidationSection section = (ValidationSection) step.toSection(result);

        assertFalse(section.isPassed());
        assertEquals("validation:pump:3:raspberry-pi-4:fp32", section.getKey());
        String html = section.getHtml();
        assertTrue(html.contains("<td>Model size</td><td>79.3 KiB</td><td>4.8 MiB</td>"), html);
        assertTrue(html.contains("<td>Latency p95</td><td>12.5 ms</td><td>10 ms</td><td><span class=\"emo-fail\">"
                + "FAIL</span></td><td>too slow</td>"), html);
        assertTrue(html.contains("<code>edge-mlops-reports/validate-raspberry-pi-4-fp32.xml</code>"), html);
    }

    @Test
    void descriptorDeclaresTheFunction() {
        ValidateForTargetStep.DescriptorImpl descriptor = new ValidateForTargetStep.DescriptorImpl();

        assertEquals("validateForTarget", descriptor.getFunctionName());
        assertTrue(descriptor.getDisplayName().contains("Validate"));
        assertEquals(EngineStep.REQUIRED_CONTEXT, descriptor.getRequiredContext());
    }
}
