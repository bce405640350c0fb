package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.contract.QuantizeContract;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code quantize(...)} arguments bind, validate and become {@code edge-mlops quantize} flags. */
class QuantizeStepTest {

    @Test
    void onlyWhatTheJenkinsfileGaveIsPassedSoTheEngineDefaultsApply() {
        QuantizeStep step = new QuantizeStep("pump");

        assertEquals("pump", step.getModel());
        assertNull(step.getVersion());
        assertNull(step.getMode());
        assertFalse(step.isWeightOnly());
        assertNull(step.getCalibration());
        assertNull(step.getCalibrationRows());
        assertNull(step.getCalibrationMethod());
        assertNull(step.getPercentile());
        assertNull(step.getMaxAccuracyDrop());
        assertTrue(step.isFailOnError());
        assertEquals(new EngineCommand("quantize", List.of("--model=pump")), step.toEngineCommand());
    }

    @Test
    void versionMayBeTheNumberTrainModelReturned() {
        QuantizeStep step = new QuantizeStep("pump");
        step.setVersion(7);
        assertTrue(step.toEngineCommand().arguments().contains("--version=7"));
        step.setVersion(new BigDecimal("7.0"));
        assertTrue(step.toEngineCommand().arguments().contains("--version=7"));
        step.setVersion(7.5);
        StepArgumentException error = assertThrows(StepArgumentException.class, step::toEngineCommand);
        assertEquals("quantize: version (--version) must be text or a whole number, got 7.5", error.getMessage());
    }

    @Test
    void optionalArgumentsBecomeFlagsInContractOrder() {
        QuantizeStep step = new QuantizeStep("pump");
        step.setVersion("3");
        step.setMode("int8");
        step.setWeightOnly(true);
        step.setCalibration("data/calibration rows.csv");
        step.setCalibrationRows(200);
        step.setCalibrationMethod("minmax");
        step.setPercentile(99.9);
        step.setMaxAccuracyDrop(0.005);
        step.setStore("local:/var/models");
        step.setFailOnError(false);

        assertFalse(step.isFailOnError());
        assertEquals(List.of("--model=pump", "--version=3", "--mode=int8", "--weight-only",
                "--calibration=data/calibration rows.csv", "--calibration-rows=200", "--calibration-method=minmax",
                "--percentile=99.9", "--max-accuracy-drop=0.005", "--store=local:/var/models"),
                step.toEngineCommand().arguments());
    }

    @Test
    void anAccuracyDropAboveOneIsRefusedBeforeAnythingRunsInTheContractsWords() {
        QuantizeStep step = new QuantizeStep("pump");
        step.setMaxAccuracyDrop(2.0);

        StepArgumentException error = assertThrows(StepArgumentException.class, step::toEngineCommand);
        assertEquals("quantize: " + QuantizeContract.MAX_ACCURACY_DROP.check(2.0).orElseThrow(), error.getMessage());
        assertEquals("quantize: maxAccuracyDrop (--max-accuracy-drop) must be at least 0 and at most 1, got 2",
                error.getMessage());
    }

    @Test
    void invalidArgumentsAreNamedInTheCliWords() {
        QuantizeStep step = new QuantizeStep(" ");
        step.setMode("int4");
        step.setCalibrationRows(0);
        step.setCalibrationMethod("entropy");
        step.setPercentile(50.0);

        StepArgumentException error = assertThrows(StepArgumentException.class, step::toEngineCommand);
        assertEquals("quantize: model (--model) is required; "
                + "mode (--mode) must be one of int8, fp16, got 'int4'; "
                + "calibrationRows (--calibration-rows) must be at least 1 and at most 1000000, got 0; "
                + "calibrationMethod (--calibration-method) must be one of percentile, minmax, got 'entropy'; "
                + "percentile (--percentile) must be greater than 50 and at most 100, got 50", error.getMessage());
    }

    @Test
    void resultBecomesAQuantizationSectionReadThroughTheContractKeys() {
        QuantizeStep step = new QuantizeStep("pump");
        LinkedHashMap<String, Object> result = EngineResultParser.parse("""
                {"passed":false,"reason":"pump@3 int8 accuracy 0.9000 vs fp32 0.9500: drop 0.0500 > maxAccuracyDrop 0.01","model":"pump","version":3,
                 "variant":"int8","method":"int8-static","sizeBytes":4096,"fp32SizeBytes":14610,"sizeRatio":3.567,
                 "accuracy":0.9,"fp32Accuracy":0.95,"accuracyDrop":0.05,"agreement":0.97,
                 "latencyP50Ms":0.02,"latencyP95Ms":0.03,"fp32LatencyP50Ms":0.01,"fp32LatencyP95Ms":0.015,
                 "latencyRatio":2.0}""");

        QuantizationSection section = (QuantizationSection) step.toSection(result);

        assertFalse(section.isPassed());
        assertEquals("quantization:pump:3:int8", section.getKey());
        assertEquals("Quantization of pump version 3 to int8", section.getTitle());
        assertTrue(section.getHtml().contains(
                "pump@3 int8 accuracy 0.9000 vs fp32 0.9500: drop 0.0500 &gt; maxAccuracyDrop 0.01"), section.getHtml());
        assertTrue(section.getHtml().contains(": FAILED, not registered</h2>"), section.getHtml());
        assertTrue(section.getFacts().stream().anyMatch(f -> f.getValue().equals("int8-static")));
    }

    @Test
    void descriptorDeclaresTheFunction() {
        QuantizeStep.DescriptorImpl descriptor = new QuantizeStep.DescriptorImpl();

        assertEquals("quantize", descriptor.getFunctionName());
        assertTrue(descriptor.getDisplayName().contains("Quantize"));
        assertEquals(EngineStep.REQUIRED_CONTEXT, descriptor.getRequiredContext());
    }
}
