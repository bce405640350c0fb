package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.edgemlops.contract.AwaitDriftGateContract;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How {@code awaitDriftGate(...)} arguments bind, validate and become the flags of each {@code edge-mlops gate} poll. */
class AwaitDriftGateStepTest {

    @Test
    void onlyTheFleetIsRequiredAndTheEnginesDefaultsApplyToTheRest() {
        AwaitDriftGateStep step = new AwaitDriftGateStep("eu");

        assertEquals("eu", step.getFleet());
        assertNull(step.getRollout());
        assertNull(step.getPollInterval());
        assertFalse(step.isAutoAdvance());
        assertTrue(step.isFailOnError());
        assertEquals(new EngineCommand("gate", List.of("--fleet=eu")), step.toEngineCommand());

        GatePlan plan = step.toPlan();
        assertEquals(5 * 60_000, plan.intervalMillis(), "pollInterval defaults to the contract's 5m");
        assertFalse(plan.autoAdvance());
        assertTrue(plan.failOnError());
        assertEquals(AwaitDriftGateContract.DEFAULT_PSI_THRESHOLD, plan.psiThreshold());
        assertEquals(AwaitDriftGateContract.DEFAULT_MAX_ERROR_RATE, plan.maxErrorRate());
        assertNull(plan.maxLatencyP95Ms());
    }

    @Test
    void everyArgumentBecomesAFlagInContractOrderAndDurationsMayBeTextOrSeconds() {
        AwaitDriftGateStep step = new AwaitDriftGateStep("eu");
        step.setRollout("pump-v3-20261125T100000Z");
        step.setModel("pump");
        step.setPsiThreshold(0.25);
        step.setAlpha(0.05);
        step.setDriftShare(0.3);
        step.setCriticalFeatures(List.of("temp", "vibration"));
        step.setMaxLatencyP95Ms(12.5);
        step.setMaxLatencyIncrease(0.1);
        step.setMaxErrorRate(0.02);
        step.setMinAgreement(0.95);
        step.setMinSamples(500);
        step.setMinDevices(2);
        step.setMaxUnknownShare(0.2);
        step.setConfirmWindows(3);
        step.setSoak("1h30m");
        step.setTimeout(7200);
        step.setPollInterval("30s");
        step.setOnTimeout("rollback");
        step.setOnDataDrift("hold");
        step.setAutoAdvance(true);
        step.setSigningKey("keys/eu.key");
        step.setStore("local:/var/models");
        step.setFailOnError(false);

        assertEquals(List.of("--fleet=eu", "--rollout=pump-v3-20261125T100000Z", "--model=pump",
                "--psi-threshold=0.25", "--alpha=0.05", "--drift-share=0.3", "--critical-features=temp,vibration",
                "--max-latency-p95-ms=12.5", "--max-latency-increase=0.1", "--max-error-rate=0.02",
                "--min-agreement=0.95", "--min-samples=500", "--min-devices=2", "--max-unknown-share=0.2",
                "--confirm-windows=3", "--soak=1h30m", "--timeout=7200", "--poll-interval=30s",
                "--on-timeout=rollback", "--on-data-drift=hold", "--auto-advance", "--signing-key=keys/eu.key",
                "--store=local:/var/models"), step.toEngineCommand().arguments());

        GatePlan plan = step.toPlan();
        assertEquals(30_000, plan.intervalMillis());
        assertTrue(plan.autoAdvance());
        assertFalse(plan.failOnError());
        assertEquals(0.25, plan.psiThreshold());
        assertEquals(0.02, plan.maxErrorRate());
        assertEquals(12.5, plan.maxLatencyP95Ms());
    }

    @Test
    void aPollIntervalOfZeroStillWaitsASecondBetweenPolls() {
        AwaitDriftGateStep step = new AwaitDriftGateStep("eu");
        step.setPollInterval("0s");

        assertEquals(GatePlan.MIN_INTERVAL_MILLIS, step.toPlan().intervalMillis());
        step.setPollInterval(90);
        assertEquals(90_000, step.toPlan().intervalMillis(), "a number is seconds");
    }

    @Test
    void badArgumentsAreAllNamedInTheContractsWordsBeforeAnythingRuns() {
        AwaitDriftGateStep step = new AwaitDriftGateStep(" ");
        step.setPsiThreshold(0.0);
        step.setAlpha(1.0);
        step.setSoak("soon");
        step.setOnTimeout("maybe");

        StepArgumentException error = assertThrows(StepArgumentException.class, step::toPlan);
        assertEquals("awaitDriftGate: " + String.join("; ",
                AwaitDriftGateContract.FLEET.check(null).orElseThrow(),
                AwaitDriftGateContract.PSI_THRESHOLD.check(0.0).orElseThrow(),
                AwaitDriftGateContract.ALPHA.check(1.0).orElseThrow(),
                AwaitDriftGateContract.SOAK.check("soon").orElseThrow(),
                AwaitDriftGateContract.ON_TIMEOUT.check("maybe").orElseThrow()), error.getMessage());
        assertTrue(error.getMessage().startsWith("awaitDriftGate: fleet (--fleet) is required; psiThreshold "
                + "(--psi-threshold) must be greater than 0, got 0"), error.getMessage());

        AwaitDriftGateStep negative = new AwaitDriftGateStep("eu");
        negative.setMinSamples(0);
        assertEquals("awaitDriftGate: " + AwaitDriftGateContract.MIN_SAMPLES.check(0L).orElseThrow(),
                assertThrows(StepArgumentException.class, negative::toPlan).getMessage());
    }

    @Test
    void eachPollRunsOnceNamesTheWaveItJudgesAndOnceKnownTheRolloutInsteadOfTheModel() {
        AwaitDriftGateStep step = new AwaitDriftGateStep("eu");
        step.setModel("pump");
        step.setMinSamples(200);
        GatePlan plan = step.toPlan();

        GateProgress first = GateProgress.first(null, plan.intervalMillis(), 0);
        assertEquals(new EngineCommand("gate", List.of("--fleet=eu", "--model=pump", "--min-samples=200", "--once")),
                plan.command(first));

        GateProgress waiting = first.answered("pump-v3-20261125T100000Z", 2, plan.intervalMillis(), 10L, "x", 0);
        assertEquals(List.of("--fleet=eu", "--rollout=pump-v3-20261125T100000Z", "--min-samples=200", "--once",
                "--judged-wave=2"), plan.command(waiting).arguments());

        AwaitDriftGateStep named = new AwaitDriftGateStep("eu");
        named.setRollout("pump-v3-20261125T100000Z");
        assertEquals(List.of("--fleet=eu", "--rollout=pump-v3-20261125T100000Z", "--once", "--judged-wave=1"),
                named.toPlan().command(GateProgress.first("pump-v3-20261125T100000Z", 1000, 0)
                        .answered("pump-v3-20261125T100000Z", 1, 1000, 0L, "x", 0)).arguments(),
                "the rollout is named once, where the step put it");
    }

    @Test
    void worksInsideOrOutsideANodeBlock() {
        AwaitDriftGateStep.DescriptorImpl descriptor = new AwaitDriftGateStep.DescriptorImpl();

        assertEquals("awaitDriftGate", descriptor.getFunctionName());
        assertEquals("Await the drift gate of an edge rollout (Edge MLOps)", descriptor.getDisplayName());
        assertEquals(Set.of(Run.class, TaskListener.class, EnvVars.class), descriptor.getRequiredContext());
        assertFalse(descriptor.getRequiredContext().contains(FilePath.class), "no workspace needed");
        assertFalse(descriptor.getRequiredContext().contains(Launcher.class), "no node needed");
    }
}
