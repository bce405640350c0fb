package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Exit codes of the CLI contract decide whether the step returns its map or fails with the engine's reason. */
class EngineOutcomeTest {

    private static final String FAILED_CHECK =
            "{\"passed\":false,\"reason\":\"latencyP95Ms 12.5 exceeds the limit 10\",\"target\":\"raspberry-pi-4\"}";

    @Test
    void exitZeroReturnsTheResult() {
        EngineOutcome outcome = EngineOutcome.decide("trainModel", 0, "{\"model\":\"pump\",\"version\":1}", List.of(),
                true);

        assertFalse(outcome.failed());
        assertEquals(1, outcome.result().get("version"));
    }

    @Test
    void exitZeroWithoutJsonFailsAndQuotesTheEngine() {
        EngineOutcome outcome = EngineOutcome.decide("trainModel", 0, "", List.of("edge-mlops: done?"), true);

        assertEquals("trainModel: the engine printed no result on stdout (last engine message: done?)",
                outcome.failure());
    }

    @Test
    void failedCheckFailsTheStepWithTheReasonButKeepsTheResultForTheBuildPage() {
        EngineOutcome outcome = EngineOutcome.decide("validateForTarget", 1, FAILED_CHECK, List.of(), true);

        assertEquals("validateForTarget: latencyP95Ms 12.5 exceeds the limit 10", outcome.failure());
        assertEquals("raspberry-pi-4", outcome.result().get("target"));
    }

    @Test
    void failedCheckWithFailOnErrorFalseIsReturnedAsPassedFalse() {
        EngineOutcome outcome = EngineOutcome.decide("validateForTarget", 1, FAILED_CHECK, List.of(), false);

        assertFalse(outcome.failed());
        assertEquals(Boolean.FALSE, outcome.result().get("passed"));
        assertEquals("latencyP95Ms 12.5 exceeds the limit 10", outcome.result().get("reason"));
    }

    @Test
    void exitOneWithoutAResultIsAnEngineFailureEvenWithFailOnErrorFalse() {
        EngineOutcome outcome = EngineOutcome.decide("trainModel", 1, "", List.of(
                "Error: LinkageError occurred while loading main class io.edgemlops.cli.EdgeMlops",
                "\tjava.lang.UnsupportedClassVersionError: class file version 61.0"), false);

        assertTrue(outcome.failed());
        assertNull(outcome.result());
        assertEquals("trainModel: the engine failed (exit code 1): "
                + "java.lang.UnsupportedClassVersionError: class file version 61.0 (the agent's Java is older than 17: "
                + "set JAVA_HOME, or EDGE_MLOPS_JAVA to a Java 17+ executable)", outcome.failure());
    }

    @Test
    void anAgentJavaOlderThan17IsNamedWithTheFix() {
        EngineOutcome outcome = EngineOutcome.decide("validateForTarget", 1, "", List.of(
                "Error: LinkageError occurred while loading main class io.edgemlops.cli.EdgeMlops",
                "java.lang.UnsupportedClassVersionError: io/edgemlops/cli/EdgeMlops has been compiled by a more "
                        + "recent version of the Java Runtime (class file version 61.0)"), true);

        assertTrue(outcome.failed());
        assertTrue(outcome.failure().endsWith("set JAVA_HOME, or EDGE_MLOPS_JAVA to a Java 17+ executable)"),
                outcome.failure());
    }

    @Test
    void badInputAndRuntimeErrorsFailWithTheEnginesMessage() {
        EngineOutcome fromJson = EngineOutcome.decide("trainModel", 2,
                "{\"error\":\"column 'state' not found in d.csv (header: temp,rpm)\",\"exitCode\":2}",
                List.of("edge-mlops: column 'state' not found in d.csv (header: temp,rpm)"), true);
        EngineOutcome fromStderr = EngineOutcome.decide("validateForTarget", 3, "",
                List.of("connecting to s3://models", "edge-mlops: store unreachable: Connection refused", ""), false);

        assertEquals("trainModel: column 'state' not found in d.csv (header: temp,rpm)", fromJson.failure());
        assertEquals("validateForTarget: store unreachable: Connection refused", fromStderr.failure());
    }

    @Test
    void anyOtherExitCodeSaysSo() {
        EngineOutcome outcome = EngineOutcome.decide("trainModel", 137, "", List.of("epoch 3/5"), true);

        assertEquals("trainModel: the engine stopped with exit code 137 (last engine message: epoch 3/5)",
                outcome.failure());
    }
}
