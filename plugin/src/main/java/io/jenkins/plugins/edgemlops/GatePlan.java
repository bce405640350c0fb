package io.jenkins.plugins.edgemlops;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What one {@code awaitDriftGate} call asked for, fixed when the step starts and kept with the Pipeline's program state
 * (so a plain class of plain fields: Pipeline serializes it on every save and after a restart reads it back): the
 * engine flags checked against the contract, whether to judge wave after wave, whether a rollback fails the build, the
 * poll interval, and the limits the build page draws next to the values.
 */
final class GatePlan implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The shortest interval between polls: each poll starts a JVM, so {@code pollInterval: '0s'} still waits this. */
    static final long MIN_INTERVAL_MILLIS = 1_000;

    private final String function;
    private final ArrayList<String> arguments;
    private final boolean autoAdvance;
    private final boolean failOnError;
    private final long intervalMillis;
    private final double psiThreshold;
    private final double maxErrorRate;
    private final Double maxLatencyP95Ms;

    /**
     * @param function        the step's function name, for messages
     * @param arguments       the contract's flags as {@link EngineStep#toEngineCommand()} rendered them
     * @param autoAdvance     after a promotion that did not complete the rollout, judge the next wave
     * @param failOnError     whether a rollback (engine exit code 1) fails the step
     * @param intervalMillis  the poll interval; raised to {@link #MIN_INTERVAL_MILLIS}
     * @param psiThreshold    PSI limit, drawn on the drift chart
     * @param maxErrorRate    error-rate limit, drawn on the error-rate chart
     * @param maxLatencyP95Ms absolute latency budget when the step gave one (else each profile's), or null
     */
    GatePlan(String function, List<String> arguments, boolean autoAdvance, boolean failOnError, long intervalMillis,
            double psiThreshold, double maxErrorRate, Double maxLatencyP95Ms) {
        this.function = function;
        this.arguments = new ArrayList<>(arguments);
        this.autoAdvance = autoAdvance;
        this.failOnError = failOnError;
        this.intervalMillis = Math.max(MIN_INTERVAL_MILLIS, intervalMillis);
        this.psiThreshold = psiThreshold;
        this.maxErrorRate = maxErrorRate;
        this.maxLatencyP95Ms = maxLatencyP95Ms;
    }

    String function() {
        return function;
    }

    boolean autoAdvance() {
        return autoAdvance;
    }

    boolean failOnError() {
        return failOnError;
    }

    long intervalMillis() {
        return intervalMillis;
    }

    double psiThreshold() {
        return psiThreshold;
    }

    double maxErrorRate() {
        return maxErrorRate;
    }

    Double maxLatencyP95Ms() {
        return maxLatencyP95Ms;
    }

    /**
     * The engine command of the next poll: {@code gate} with the step's flags, {@code --once}, and
     * {@code --judged-wave} once the wave is known. Once a poll named the rollout, every later poll names it with
     * {@code --rollout} (instead of {@code --model}), so a rollout published meanwhile is never judged by mistake.
     */
    EngineCommand command(GateProgress progress) {
        List<String> args = new ArrayList<>();
        String rollout = progress.rollout();
        for (String argument : arguments) {
            if (rollout != null && (argument.startsWith("--rollout=") || argument.startsWith("--model="))) {
                continue;
            }
            args.add(argument);
            if (rollout != null && argument.startsWith("--fleet=")) {
                args.add("--rollout=" + rollout);
            }
        }
        if (rollout != null && !args.contains("--rollout=" + rollout)) {
            args.add(0, "--rollout=" + rollout);
        }
        args.add("--once");
        if (progress.judgedWave() != null) {
            args.add("--judged-wave=" + progress.judgedWave());
        }
        return new EngineCommand("gate", args);
    }
}
