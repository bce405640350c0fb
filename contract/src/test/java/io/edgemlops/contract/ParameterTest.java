package io.edgemlops.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
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
    void targetsMapEveryNameToAValue() {
        Parameter targets = PublishToEdgeContract.TARGETS;
        Map<String, String> two = new LinkedHashMap<>();
        two.put("raspberry-pi-4", "int8");
        two.put("x86-gateway", "fp32");
        assertEquals(Optional.empty(), targets.check(two));
        assertEquals(Optional.of("targets (--targets) is required"), targets.check(null));
        assertEquals(Optional.of("targets (--targets) must not be empty"), targets.check(Map.of()));
        Map<String, String> blank = new LinkedHashMap<>();
        blank.put("raspberry-pi-4", "int8");
        blank.put("x86-gateway", " ");
        assertEquals(Optional.of("targets (--targets) must map each name to a value (`name=value`), got "
                + "raspberry-pi-4=int8,x86-gateway= "), targets.check(blank));
        assertTrue(targets.check(Map.of("a,b", "int8")).isPresent(), "a comma would split the command-line form");
        assertTrue(targets.check(Map.of("a", "int8=fp32")).isPresent(), "so would an equals sign");
    }

    @Test
    void pairsReadTheCommandLineFormAndPastedGroovyAndJavaMaps() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("raspberry-pi-4", "int8");
        expected.put("x86-gateway", "fp32");
        assertEquals(expected, Values.pairs("raspberry-pi-4=int8,x86-gateway=fp32"));
        assertEquals(expected, Values.pairs(" raspberry-pi-4 = int8 , x86-gateway=fp32 ,"));
        assertEquals(expected, Values.pairs("[raspberry-pi-4:int8, x86-gateway:fp32]"));
        assertEquals(expected, Values.pairs("{raspberry-pi-4=int8, x86-gateway=fp32}"));
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(Values.pairs("raspberry-pi-4=int8,x86-gateway=fp32")
                .keySet()), "in the order given");
        assertEquals(Map.of("raspberry-pi-4", ""), Values.pairs("raspberry-pi-4"));
        assertEquals("names a twice, got 'a=int8,a=fp32'",
                assertThrows(IllegalArgumentException.class, () -> Values.pairs("a=int8,a=fp32")).getMessage());
        assertEquals("raspberry-pi-4=int8,x86-gateway=fp32", Values.plain(expected), "and back");
    }

    @Test
    void wavesArePercentagesThatGrowToAHundredWithPilotsBeforeTheEnd() {
        Parameter waves = PublishToEdgeContract.WAVES;
        assertEquals(Optional.empty(), waves.check(PublishToEdgeContract.DEFAULT_WAVES));
        assertEquals(Optional.empty(), waves.check(List.of("1@jetson-nano-cpu", "10%", "2@any", "50", "100%")));
        assertEquals(Optional.empty(), waves.check(List.of("3@", "0.5", "100")));
        assertEquals(Optional.empty(), waves.check(null), "absent: the default applies");
        assertEquals(Optional.of("waves (--waves) must not be empty"), waves.check(List.of()));
        assertEquals(Optional.of("waves (--waves) must grow, each percentage larger than the one before, got "
                + "5,25,25,100"), waves.check(List.of("5", "25", "25", "100")));
        assertEquals(Optional.of("waves (--waves) must end at 100 (the whole fleet), got 5,50"),
                waves.check(List.of("5", "50")));
        assertEquals(Optional.of("waves (--waves) must end at 100 (the whole fleet), got 100,1@x"),
                waves.check(List.of("100", "1@x")));
        assertEquals(Optional.of("waves (--waves) must list percentages greater than 0 and at most 100 or pilots "
                + "N@target, got '0'"), waves.check(List.of("0", "100")));
        assertTrue(waves.check(List.of("5", "150")).isPresent());
        assertTrue(waves.check(List.of("five", "100")).isPresent());
        assertTrue(waves.check(List.of("NaN", "100")).isPresent());
        assertEquals(Optional.of("waves (--waves) must give a pilot as N@target with a whole N of at least 1, got "
                + "'0@jetson-nano-cpu'"), waves.check(List.of("0@jetson-nano-cpu", "100")));
        assertTrue(waves.check(List.of("1.5@x", "100")).isPresent(), "a pilot is whole devices");
        assertTrue(waves.check(List.of("x@jetson", "100")).isPresent());
    }

    @Test
    void publishHasNoFailOnErrorBecauseNothingItChecksReturnsAResult() {
        assertFalse(PublishToEdgeContract.STEP.parameters().contains(CommonParameters.FAIL_ON_ERROR));
        assertEquals(List.of("model (--model) is required", "fleet (--fleet) is required",
                "targets (--targets) is required"), PublishToEdgeContract.STEP.check(Map.of(), Surface.PIPELINE_ONLY));
        assertEquals("Which variant each class of device runs: a map from target profile to variant, e.g. "
                + "['raspberry-pi-4': 'int8', 'x86-gateway': 'fp32'] (raspberry-pi-4=int8,x86-gateway=fp32 on the "
                + "command line). A target is a bundled profile or a profile JSON file in the workspace. Each variant "
                + "needs a passing validateForTarget for its target, unless allowUnvalidated: true, and must not be "
                + "worse than the version in production, unless allowRegression: true. Must be at least one name "
                + "mapped to a value (name=value on the command line). Required.",
                HelpText.forCli(PublishToEdgeContract.TARGETS));
        assertTrue(HelpText.forCli(PublishToEdgeContract.WAVES).endsWith("Default: [5, 25, 100]: 5 %, then 25 %, then "
                + "the whole fleet."), HelpText.forCli(PublishToEdgeContract.WAVES));
    }

    @Test
    void mapsAndWavesAreTextboxesInTheSnippetGenerator() {
        String config = JenkinsHelpFiles.configJelly(PublishToEdgeContract.STEP);
        assertTrue(config.contains("<f:entry field=\"targets\" title=\"${%Targets and variants}\">\n    <f:textbox/>"),
                config);
        assertTrue(config.contains("<f:entry field=\"waves\" title=\"${%Waves}\">\n      <f:textbox/>"), config);
        assertTrue(JenkinsHelpFiles.parameterHelp(PublishToEdgeContract.SIGNING_KEY)
                .contains("<p>Command line: <code>--signing-key</code>.</p>"));
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
