package io.edgemlops.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParameterTest {

    @Test
    void validationSplitOfZeroIsRefusedNamingStepArgumentAndFlag() {
        assertEquals(Optional.of("validationSplit (--validation-split) must be greater than 0 and less than 1, got 0"),
                TrainModelContract.VALIDATION_SPLIT.check(0.0));
        assertEquals(Optional.empty(), TrainModelContract.VALIDATION_SPLIT.check(0.2));
        assertTrue(TrainModelContract.VALIDATION_SPLIT.check(1.0).isPresent());
        assertTrue(TrainModelContract.VALIDATION_SPLIT.check(Double.NaN).isPresent());
    }

    @Test
    void requiredParametersAreNamedWhenAbsentOrBlank() {
        assertEquals(Optional.of("model (--model) is required"), TrainModelContract.MODEL.check(null));
        assertEquals(Optional.of("model (--model) is required"), TrainModelContract.MODEL.check("  "));
        assertEquals(Optional.empty(), TrainModelContract.FEATURES.check(null));
    }

    @Test
    void wholeNumbersAndListsFollowTheirRange() {
        assertEquals(Optional.of("epochs (--epochs) must be at least 1 and at most 100000, got 0"),
                TrainModelContract.EPOCHS.check(0L));
        assertEquals(Optional.of("hidden (--hidden) must list whole numbers at least 1 and at most 65536, got 64,0"),
                TrainModelContract.HIDDEN.check(List.of(64L, 0L)));
        assertEquals(Optional.of("hidden (--hidden) must not be empty"), TrainModelContract.HIDDEN.check(List.of()));
        assertEquals(Optional.of("learningRate (--learning-rate) must be greater than 0 and at most 10, got 0"),
                TrainModelContract.LEARNING_RATE.check(0.0));
        assertEquals(Optional.of("features (--features) must list non-empty names, got a,"),
                TrainModelContract.FEATURES.check(List.of("a", "")));
    }

    @Test
    void choicesAreCheckedWithoutRegardToCase() {
        assertEquals(Optional.empty(), TrainModelContract.TASK.check("Regression"));
        assertEquals(Optional.of("variant (--variant) must be one of fp32, int8, fp16, got 'int4'"),
                ValidateForTargetContract.VARIANT.check("int4"));
    }

    @Test
    void quantizeGateAndPercentileFollowTheirRanges() {
        assertEquals(Optional.of("maxAccuracyDrop (--max-accuracy-drop) must be at least 0 and at most 1, got 2"),
                QuantizeContract.MAX_ACCURACY_DROP.check(2.0));
        assertEquals(Optional.empty(), QuantizeContract.MAX_ACCURACY_DROP.check(0.0));
        assertEquals(Optional.of("percentile (--percentile) must be greater than 50 and at most 100, got 50"),
                QuantizeContract.PERCENTILE.check(50.0));
        assertEquals(Optional.empty(), QuantizeContract.PERCENTILE.check(100.0));
        assertEquals(Optional.of("calibrationRows (--calibration-rows) must be at least 1 and at most 1000000, got 0"),
                QuantizeContract.CALIBRATION_ROWS.check(0L));
        assertEquals(Optional.of("mode (--mode) must be one of int8, fp16, got 'int4'"),
                QuantizeContract.MODE.check("int4"));
        assertEquals(List.of("model (--model) is required"),
                QuantizeContract.STEP.check(Map.of(), Surface.PIPELINE_ONLY));
    }

    @Test
    void pipelineOnlyAndCliOnlyParametersAreJudgedOnlyWhereTheyExist() {
        StepContract step = ValidateForTargetContract.STEP;
        assertTrue(step.pipelineParameters().contains(CommonParameters.FAIL_ON_ERROR));
        assertTrue(step.cliParameters().contains(ValidateForTargetContract.ON_TARGET));
        assertEquals(List.of("model (--model) is required", "target (--target) is required"),
                step.check(Map.of(), Surface.PIPELINE_ONLY));
    }

    @Test
    void helpSaysRuleAndDefault() {
        assertEquals("Share of the rows held out (stratified by class) for the metrics, the drift baseline and later "
                        + "validation, e.g. 0.2. Must be a number greater than 0 and less than 1. Default: 0.2.",
                HelpText.forCli(TrainModelContract.VALIDATION_SPLIT));
    }

    @Test
    void everyCliFlagIsKebabCaseOfItsName() {
        assertEquals("--batch-size", TrainModelContract.BATCH_SIZE.cliFlag());
        assertEquals("--min-accuracy", ValidateForTargetContract.MIN_ACCURACY.cliFlag());
        assertEquals("latency-p95-ms", Values.kebabCase("latencyP95Ms"));
    }
}
