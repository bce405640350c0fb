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
    void defaultsAreVariantFp32AndAReportNamedAfterTargetAndVariant() {
        ValidateForTargetStep step = new ValidateForTargetStep("pump", "3", "raspberry-pi-4");

        assertEquals("pump", step.getModel());
        assertEquals("3", step.getVersion());
        assertEquals("raspberry-pi-4", step.getTarget());
        assertEquals("fp32", step.getVariant());
        assertNull(step.getReport());
        assertNull(step.getMinAccuracy());
        assertTrue(step.isFailOnError());
        assertEquals(new EngineCommand("validate", List.of("--model=pump", "--version=3", "--target=raspberry-pi-4",
                "--variant=fp32", "--report=edge-mlops-reports/validate-raspberry-pi-4-fp32.xml")),
                step.toEngineCommand());
    }

    @Test
    void versionMayBeTheNumberTrainModelReturned() {
        assertTrue(new ValidateForTargetStep("pump", 7, "x86-gateway").toEngineCommand().arguments()
                .contains("--version=7"));
        assertTrue(new ValidateForTargetStep("pump", new BigDecimal("7.0"), "x86-gateway").toEngineCommand()
                .arguments().contains("--version=7"));
        StepArgumentException error = assertThrows(StepArgumentException.class,
                () -> new ValidateForTargetStep("pump", 7.5, "x86-gateway").toEngineCommand());
        assertEquals("validateForTarget: 'version' must be text or a whole number, got 7.5", error.getMessage());
    }

    @Test
    void optionalArgumentsBecomeFlags() {
        ValidateForTargetStep step = new ValidateForTargetStep("pump", "3", "targets/my gateway.json");
        step.setVariant("int8");
        step.setMinAccuracy(0.9);
        step.setStore("local:/var/models");
        step.setFailOnError(false);

        assertEquals("int8", step.getVariant());
        assertEquals(0.9, step.getMinAccuracy());
        assertFalse(step.isFailOnError());
        assertEquals(List.of("--model=pump", "--version=3", "--target=targets/my gateway.json", "--variant=int8",
                "--min-accuracy=0.9", "--report=edge-mlops-reports/validate-my-gateway-int8.xml",
                "--store=local:/var/models"), step.toEngineCommand().arguments());
    }

    @Test
    void anExplicitReportPathIsUsedAsGiven() {
        ValidateForTargetStep step = new ValidateForTargetStep("pump", "3", "raspberry-pi-4");
        step.setReport("reports/pi.xml");

        assertEquals("reports/pi.xml", step.getReport());
        assertTrue(step.toEngineCommand().arguments().contains("--report=reports/pi.xml"));
    }

    @Test
    void invalidArgumentsAreNamed() {
        ValidateForTargetStep step = new ValidateForTargetStep("pump", "", null);
        step.setMinAccuracy(1.5);

        StepArgumentException error = assertThrows(StepArgumentException.class, step::toEngineCommand);
        assertEquals("validateForTarget: 'target' is required; 'version' is required; "
                + "'minAccuracy' must be at least 0 and at most 1, got 1.5", error.getMessage());
    }

    @Test
    void resultGetsTheReportPathAndBecomesAValidationTable() {
        ValidateForTargetStep step = new ValidateForTargetStep("pump", 3, "raspberry-pi-4");
        LinkedHashMap<String, Object> result = EngineResultParser.parse("""
                {"passed":false,"reason":"latencyP95Ms 12.5 exceeds 10","latencyP95Ms":12.5,"accuracy":0.93,
                 "checks":[{"name":"sizeBytes","value":81234,"limit":5000000,"passed":true},
                           {"name":"latencyP95Ms","value":12.5,"limit":10,"passed":false,"message":"too slow"}]}""");

        step.completeResult(result);
        ValidationSection section = (ValidationSection) step.toSection(result);

        assertEquals("edge-mlops-reports/validate-raspberry-pi-4-fp32.xml", result.get("report"));
        assertEquals("raspberry-pi-4", result.get("target"));
        assertEquals("fp32", result.get("variant"));
        assertFalse(section.isPassed());
        assertEquals("validation:pump:3:raspberry-pi-4:fp32", section.getKey());
        assertEquals("latencyP95Ms 12.5 exceeds 10", section.getReason());
        assertEquals(2, section.getChecks().size());
        ValidationSection.Check latency = section.getChecks().get(1);
        assertEquals("latencyP95Ms", latency.getName());
        assertEquals("12.5", latency.getValue());
        assertEquals("10", latency.getLimit());
        assertFalse(latency.isPassed());
        assertEquals("too slow", latency.getMessage());
        assertEquals("edge-mlops-reports/validate-raspberry-pi-4-fp32.xml", section.getReport());
    }

    @Test
    void descriptorDeclaresTheFunction() {
        ValidateForTargetStep.DescriptorImpl descriptor = new ValidateForTargetStep.DescriptorImpl();

        assertEquals("validateForTarget", descriptor.getFunctionName());
        assertTrue(descriptor.getDisplayName().contains("Validate"));
        assertEquals(EngineStep.REQUIRED_CONTEXT, descriptor.getRequiredContext());
    }
}
