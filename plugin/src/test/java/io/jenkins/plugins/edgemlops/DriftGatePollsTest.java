package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the step does after each poll, decided without Jenkins: poll again and when (backoff), return, fail, retry; and
 * the state it keeps across a controller restart.
 */
class DriftGatePollsTest {

    private static final long MINUTE = 60_000;
    private static final long T0 = 1_790_000_000_000L;
    private static final String ROLLOUT = "pump-v3-20261125T100000Z";

    /** A plan as {@code awaitDriftGate fleet: 'eu', pollInterval: '5m'} makes it. */
    private static GatePlan plan(boolean autoAdvance, boolean failOnError) {
        return new GatePlan("awaitDriftGate", List.of("--fleet=eu", "--model=pump"), autoAdvance, failOnError,
                5 * MINUTE, 0.2, 0.05, null);
    }

    /** A gate result as {@code edge-mlops gate --once --json} prints it. */
    static String result(String decision, int wave, int waves, long samples, boolean complete, String waitingFor,
            String... reasons) {
        boolean passed = !decision.equals("ROLLED_BACK");
        return """
                {"decision":"%s","passed":%s,"rollout":"%s","fleet":"eu","model":"pump","version":3,
                 "previousVersion":2,"wave":%d,"waves":%d,"complete":%s,"reasons":[%s],"waitingFor":[%s],
                 "perFeature":{"temp":{"psi":0.031,"pValue":0.41,"drifted":false},
                               "vibration":{"psi":0.27,"pValue":0.0001,"drifted":true}},
                 "driftedFeatures":["vibration"],"fieldDrift":false,
                 "latencyP95Ms":{"raspberry-pi-4":4.2},"controlLatencyP95Ms":{"raspberry-pi-4":4.0},
                 "errorRate":0.004,"samples":%d,"devicesReporting":9,"devicesExpected":10,"polls":1,
                 "report":"fleets/eu/rollouts/pump/%s/report.html"}"""
                .formatted(decision, passed, ROLLOUT, wave, waves, complete, quoted(reasons),
                        waitingFor == null ? "" : quoted(waitingFor.split("; ")), samples, ROLLOUT);
    }

    private static String quoted(String... texts) {
        return String.join(",", java.util.Arrays.stream(texts).map(t -> "\"" + t + "\"").toList());
    }

    private static GateProgress start() {
        return GateProgress.first(null, 5 * MINUTE, T0);
    }

    private static DriftGatePolls.Again again(DriftGatePolls.Next next) {
        return assertInstanceOf(DriftGatePolls.Again.class, next, () -> next.toString());
    }

    @Test
    void aWaitPinsTheRolloutAndTheWaveAndPollsAgainAfterTheInterval() {
        DriftGatePolls.Again next = again(DriftGatePolls.afterEngine(plan(false, true), start(), 0,
                result("WAIT", 1, 2, 800, false, "samples: 800 of 2000 inferences; soak: 12m left"), List.of(), T0));

        GateProgress p = next.progress();
        assertEquals(ROLLOUT, p.rollout());
        assertEquals(1, p.judgedWave());
        assertEquals(1, p.polls());
        assertEquals(5 * MINUTE, p.delayMillis());
        assertEquals(800L, p.lastSamples());
        assertEquals(T0 + 5 * MINUTE, p.nextPollAt());
        assertEquals("samples: 800 of 2000 inferences; soak: 12m left", p.waitingFor());
        assertEquals(List.of("[edge-mlops] drift gate poll 1: WAIT, wave 1 of 2, 800 inferences, 9 of 10 devices "
                + "reporting; waiting for: samples: 800 of 2000 inferences; soak: 12m left; next poll in 5m"),
                next.lines());
        assertEquals("waiting for: samples: 800 of 2000 inferences; soak: 12m left (rollout " + ROLLOUT
                + ", wave 1, 1 poll); next poll in 4m", DriftGatePolls.status(p, false, T0 + MINUTE));
        assertEquals("polling the drift gate (rollout " + ROLLOUT + ", wave 1, 1 poll)",
                DriftGatePolls.status(p, true, T0 + MINUTE));
        assertEquals(800, next.result().get("samples"), "the result goes to the build page");
    }

    @Test
    void aWaveOfUnknownSizeSaysHowManyDevicesReportNotOfHowMany() {
        String firstRollout = result("WAIT", 1, 2, 270, false, "samples: 270 of 400 inferences")
                .replace("\"devicesExpected\":10", "\"devicesExpected\":0");

        DriftGatePolls.Again next = again(DriftGatePolls.afterEngine(plan(false, true), start(), 0, firstRollout,
                List.of(), T0));

        assertEquals(List.of("[edge-mlops] drift gate poll 1: WAIT, wave 1 of 2, 270 inferences, 9 devices reporting; "
                + "waiting for: samples: 270 of 400 inferences; next poll in 5m"), next.lines());
    }

    @Test
    void whileNothingNewArrivesTheIntervalDoublesUpToFourTimesAndFallsBackWhenTelemetryArrives() {
        GatePlan plan = plan(false, true);
        GateProgress p = start();
        long[] samples = {800, 800, 800, 800, 950, 950};
        long[] expected = {5, 10, 20, 20, 5, 10};
        for (int i = 0; i < samples.length; i++) {
            p = again(DriftGatePolls.afterEngine(plan, p, 0, result("WAIT", 1, 2, samples[i], false, "samples"),
                    List.of(), T0)).progress();
            assertEquals(expected[i] * MINUTE, p.delayMillis(), "after poll " + (i + 1));
        }
        assertEquals(5 * MINUTE, DriftGatePolls.nextDelay(5 * MINUTE, 20 * MINUTE, null, 950),
                "nothing to compare with: the configured interval");
    }

    @Test
    void aPromotionReturnsTheResultUnlessAutoAdvanceJudgesTheNextWave() {
        GateProgress waiting = again(DriftGatePolls.afterEngine(plan(false, true), start(), 0,
                result("WAIT", 1, 2, 800, false, "soak: 1m left"), List.of(), T0)).progress();
        String promoted = result("PROMOTED", 1, 2, 2400, false, null, "no feature drifted (largest PSI 0.031)");

        DriftGatePolls.Done done = assertInstanceOf(DriftGatePolls.Done.class,
                DriftGatePolls.afterEngine(plan(false, true), waiting, 0, promoted, List.of(), T0));
        assertEquals("PROMOTED", done.result().get("decision"));
        assertEquals(List.of("[edge-mlops] drift gate poll 2: PROMOTED, wave 1 of 2, 2400 inferences, 9 of 10 devices "
                + "reporting", "[edge-mlops]   no feature drifted (largest PSI 0.031)"), done.lines());

        DriftGatePolls.Again next = again(DriftGatePolls.afterEngine(plan(true, true), waiting, 0, promoted,
                List.of(), T0));
        assertEquals(2, next.progress().judgedWave());
        assertNull(next.progress().lastSamples(), "a new wave starts its own count");
        assertEquals(5 * MINUTE, next.progress().delayMillis());
        assertEquals("[edge-mlops] judging wave 2 of 2 next (autoAdvance); next poll in 5m", next.lines().get(2));

        assertInstanceOf(DriftGatePolls.Done.class, DriftGatePolls.afterEngine(plan(true, true),
                next.progress(), 0, result("PROMOTED", 2, 2, 5000, true, null, "all good"), List.of(), T0),
                "the last promotion completes the rollout");
        assertInstanceOf(DriftGatePolls.Done.class, DriftGatePolls.afterEngine(plan(true, true),
                next.progress(), 0, result("HELD", 2, 2, 5000, false, null, "timed out"), List.of(), T0));
    }

    @Test
    void aRollbackFailsWithOneLineOfReasonsOrIsReturnedWithFailOnErrorFalse() {
        String rolledBack = result("ROLLED_BACK", 1, 2, 2400, false, null,
                "vibration drifted: PSI 0.27 >= 0.2 in 2 windows", "error rate 6 % > 5 %");

        DriftGatePolls.Failed failed = assertInstanceOf(DriftGatePolls.Failed.class,
                DriftGatePolls.afterEngine(plan(false, true), start(), 1, rolledBack, List.of(), T0));
        assertEquals("awaitDriftGate: ROLLED_BACK at wave 1 of 2 of rollout " + ROLLOUT + ": vibration drifted: "
                + "PSI 0.27 >= 0.2 in 2 windows; error rate 6 % > 5 %", failed.message());
        assertEquals(Boolean.FALSE, failed.result().get("passed"), "the build page still shows the decision");
        assertEquals(3, failed.lines().size());

        DriftGatePolls.Done returned = assertInstanceOf(DriftGatePolls.Done.class,
                DriftGatePolls.afterEngine(plan(false, false), start(), 1, rolledBack, List.of(), T0));
        assertEquals(Boolean.FALSE, returned.result().get("passed"));
        assertEquals("ROLLED_BACK", returned.result().get("decision"));
    }

    @Test
    void aTimeoutUnderOnTimeoutFailFailsSayingSo() {
        String timedOut = result("WAIT", 1, 2, 10, false, "samples: 10 of 2000 inferences", "no decision in 24h")
                .replace("\"passed\":true", "\"passed\":false");

        DriftGatePolls.Failed failed = assertInstanceOf(DriftGatePolls.Failed.class,
                DriftGatePolls.afterEngine(plan(false, true), start(), 1, timedOut, List.of(), T0));
        assertEquals("awaitDriftGate: no decision before the timeout at wave 1 of 2 of rollout " + ROLLOUT
                + ": no decision in 24h", failed.message());
    }

    @Test
    void badInputAndAFirstPollsStoreErrorFailAtOnceWithTheEnginesMessage() {
        DriftGatePolls.Failed bad = assertInstanceOf(DriftGatePolls.Failed.class, DriftGatePolls.afterEngine(
                plan(false, true), start(), 2, "{\"error\":\"fleet eu has no rollout of pump in progress\"}",
                List.of(), T0));
        assertEquals("awaitDriftGate: fleet eu has no rollout of pump in progress", bad.message());

        DriftGatePolls.Failed store = assertInstanceOf(DriftGatePolls.Failed.class, DriftGatePolls.afterEngine(
                plan(false, true), start(), 3, "", List.of("edge-mlops: cannot reach http://minio:9000"), T0));
        assertEquals("awaitDriftGate: cannot reach http://minio:9000", store.message());

        assertInstanceOf(DriftGatePolls.Failed.class, DriftGatePolls.afterEngine(plan(false, true), start(), 0,
                "{\"decision\":\"MAYBE\"}", List.of(), T0));
        assertInstanceOf(DriftGatePolls.Failed.class, DriftGatePolls.afterEngine(plan(false, true), start(), 137,
                "", List.of("Killed"), T0));
    }

    @Test
    void storeErrorsAndAnUnreachableAgentDuringAWaitAreRetriedFiveTimesInARowThenFail() {
        GatePlan plan = new GatePlan("awaitDriftGate", List.of("--fleet=eu"), false, true, 5_000, 0.2, 0.05, null);
        GateProgress p = again(DriftGatePolls.afterEngine(plan, GateProgress.first(null, 5_000, T0), 0,
                result("WAIT", 1, 2, 100, false, "samples"), List.of(), T0)).progress();

        for (int retry = 1; retry <= DriftGatePolls.MAX_CONSECUTIVE_ERRORS; retry++) {
            DriftGatePolls.Again next = again(retry % 2 == 0
                    ? DriftGatePolls.afterUnreachable(plan, p, "AgentOfflineException: Unable to create live FilePath "
                            + "for remote", T0)
                    : DriftGatePolls.afterEngine(plan, p, 3, "", List.of("edge-mlops: store unavailable: 503"), T0));
            p = next.progress();
            assertEquals(retry, p.errors());
            assertEquals(T0 + DriftGatePolls.MIN_RETRY_MILLIS, p.nextPollAt(), "a retry waits at least 30 s");
            assertEquals(1, p.judgedWave(), "the same wave");
            assertTrue(next.lines().get(0).contains("(" + retry + " of 5 retries)"), next.lines().get(0));
            assertNull(next.result());
        }
        DriftGatePolls.Failed failed = assertInstanceOf(DriftGatePolls.Failed.class,
                DriftGatePolls.afterEngine(plan, p, 3, "", List.of("edge-mlops: store unavailable: 503"), T0));
        assertEquals("awaitDriftGate: store unavailable: 503 (6 polls in a row failed; the gate's progress is in the "
                + "store, so running the step again resumes it)", failed.message());

        GateProgress recovered = again(DriftGatePolls.afterEngine(plan, p, 0,
                result("WAIT", 1, 2, 100, false, "samples"), List.of(), T0)).progress();
        assertEquals(0, recovered.errors(), "an answer resets the count");
        assertInstanceOf(DriftGatePolls.Failed.class, DriftGatePolls.afterUnreachable(plan,
                GateProgress.first(null, 5_000, T0), "ChannelClosedException", T0), "the first poll fails at once");
    }

    @Test
    void theResumeStateIsSmallAndSurvivesSerialization() throws Exception {
        GatePlan plan = plan(true, true);
        GateProgress p = again(DriftGatePolls.afterEngine(plan, start(), 0,
                result("WAIT", 1, 2, 800, false, "samples: 800 of 2000 inferences"), List.of(), T0)).progress();

        byte[] planBytes = serialize(plan);
        byte[] progressBytes = serialize(p);
        GatePlan planBack = (GatePlan) deserialize(planBytes);
        GateProgress progressBack = (GateProgress) deserialize(progressBytes);

        assertEquals(p, progressBack);
        assertEquals(plan.command(p), planBack.command(progressBack), "the next poll after a restart is the same");
        assertTrue(planBack.autoAdvance());
        assertTrue(progressBytes.length < 1024, "progress is " + progressBytes.length + " bytes");
        assertTrue(planBytes.length < 1024, "plan is " + planBytes.length + " bytes");

        GateProgress resumed = progressBack.dueAt(T0 + 10 * MINUTE);
        assertEquals(T0 + 10 * MINUTE, resumed.nextPollAt());
        assertEquals(progressBack.judgedWave(), resumed.judgedWave());
        assertFalse(resumed.equals(progressBack));
    }

    @Test
    void durationsReadAsTheParametersAreWritten() {
        assertEquals("5m", DriftGatePolls.duration(5 * MINUTE));
        assertEquals("1m30s", DriftGatePolls.duration(90_000));
        assertEquals("1s", DriftGatePolls.duration(1));
        assertEquals("0s", DriftGatePolls.duration(-5));
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }
}
