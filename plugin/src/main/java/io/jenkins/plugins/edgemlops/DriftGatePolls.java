package io.jenkins.plugins.edgemlops;

import static io.edgemlops.contract.AwaitDriftGateContract.R_COMPLETE;
import static io.edgemlops.contract.AwaitDriftGateContract.R_DECISION;
import static io.edgemlops.contract.AwaitDriftGateContract.R_DEVICES_EXPECTED;
import static io.edgemlops.contract.AwaitDriftGateContract.R_DEVICES_REPORTING;
import static io.edgemlops.contract.AwaitDriftGateContract.R_PASSED;
import static io.edgemlops.contract.AwaitDriftGateContract.R_REASONS;
import static io.edgemlops.contract.AwaitDriftGateContract.R_ROLLOUT;
import static io.edgemlops.contract.AwaitDriftGateContract.R_SAMPLES;
import static io.edgemlops.contract.AwaitDriftGateContract.R_WAITING_FOR;
import static io.edgemlops.contract.AwaitDriftGateContract.R_WAVE;
import static io.edgemlops.contract.AwaitDriftGateContract.R_WAVES;

import io.edgemlops.contract.DurationText;
import io.edgemlops.contract.ResultKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code awaitDriftGate} does after each poll, decided without Jenkins from the engine's exit code and result: poll
 * again (and when), return the result, or fail with one line. The execution only runs the engine and carries these
 * decisions out, so every rule is here and tested on its own.
 *
 * <ul>
 *   <li>{@code WAIT}: poll again after the poll interval; while the wave's inference count does not change, the
 *       interval doubles up to {@link #MAX_BACKOFF_FACTOR} times the configured one, and falls back at once when new
 *       telemetry arrives or a new wave is judged.</li>
 *   <li>{@code PROMOTED}: the step returns, unless {@code autoAdvance} is set and the rollout is not complete: then the
 *       next wave is judged, after the poll interval.</li>
 *   <li>{@code HELD}: the step returns.</li>
 *   <li>{@code ROLLED_BACK} (exit code 1, {@code passed: false}), and a timeout under {@code onTimeout: 'fail'}: the step
 *       fails with the decision and its reasons on one line, or with {@code failOnError: false} returns the result.</li>
 *   <li>A store error (exit code 3) or an agent that cannot be reached, after the first poll answered: retried at the
 *       next poll, at least {@link #MIN_RETRY_MILLIS} later, up to {@link #MAX_CONSECUTIVE_ERRORS} times in a row.
 *       The first poll fails at once, so a wrong store or rollout is reported without a wait.</li>
 *   <li>Bad input (exit code 2) and anything else the engine cannot answer: the step fails with the engine's message.</li>
 * </ul>
 */
final class DriftGatePolls {

    /** Consecutive polls without an answer (store error, agent offline) that are retried before the step fails. */
    static final int MAX_CONSECUTIVE_ERRORS = 5;
    /** The interval grows to at most this many times {@code pollInterval} while nothing new arrives. */
    static final int MAX_BACKOFF_FACTOR = 4;
    /** A poll that failed is retried no sooner than this, so five retries span at least two and a half minutes. */
    static final long MIN_RETRY_MILLIS = 30_000;

    static final String WAIT = "WAIT";
    static final String PROMOTED = "PROMOTED";
    static final String ROLLED_BACK = "ROLLED_BACK";
    static final String HELD = "HELD";

    private static final String LOG = "[edge-mlops] ";

    private DriftGatePolls() {
    }

    /** What to do next. */
    sealed interface Next permits Again, Done, Failed {
        /** Lines for the build log. */
        List<String> lines();

        /** The poll's result, for the build page, or null when the engine gave none. */
        LinkedHashMap<String, Object> result();
    }

    /** Poll again when {@code progress.nextPollAt()} is due. */
    record Again(GateProgress progress, List<String> lines, LinkedHashMap<String, Object> result) implements Next {
    }

    /** Return {@code result} to the script. */
    record Done(LinkedHashMap<String, Object> result, List<String> lines) implements Next {
    }

    /** Fail the step with {@code message} (one line). */
    record Failed(String message, LinkedHashMap<String, Object> result, List<String> lines) implements Next {
    }

    /**
     * After an engine run.
     *
     * @param plan       the step's plan
     * @param before     the state before this poll
     * @param exitCode   the engine's exit code
     * @param stdout     its stdout (the JSON result)
     * @param stderrTail its last stderr lines, masked
     * @param now        the current time, epoch milliseconds
     */
    static Next afterEngine(GatePlan plan, GateProgress before, int exitCode, String stdout, List<String> stderrTail,
            long now) {
        EngineOutcome outcome = EngineOutcome.decide(plan.function(), exitCode, stdout, stderrTail,
                plan.failOnError());
        int poll = before.polls() + 1;
        if (exitCode == EngineOutcome.RUNTIME_ERROR && before.polls() > 0) {
            return retryOrFail(plan, before, withoutPrefix(plan, outcome.failure()), now);
        }
        LinkedHashMap<String, Object> result = outcome.result();
        if (result == null) {
            return new Failed(outcome.failure(), null, List.of());
        }
        String decision = text(result, R_DECISION);
        if (decision == null) {
            return new Failed(plan.function() + ": the engine's result has no decision", result, List.of());
        }
        boolean rejected = exitCode == EngineOutcome.CHECK_FAILED || Boolean.FALSE.equals(result.get(R_PASSED.name()));
        if (rejected) {
            result.put(R_PASSED.name(), Boolean.FALSE);
            List<String> lines = finalLines(poll, result);
            return plan.failOnError() ? new Failed(failure(plan, result), result, lines) : new Done(result, lines);
        }
        Integer wave = whole(result, R_WAVE);
        String rollout = text(result, R_ROLLOUT) != null ? text(result, R_ROLLOUT) : before.rollout();
        switch (decision) {
            case WAIT -> {
                long samples = number(result, R_SAMPLES);
                Integer judged = wave != null ? wave : before.judgedWave();
                Long previous = judged != null && judged.equals(before.judgedWave()) ? before.lastSamples() : null;
                long delay = nextDelay(plan.intervalMillis(), before.delayMillis(), previous, samples);
                GateProgress next = before.answered(rollout, judged, delay, samples, waitingFor(result), now + delay);
                return new Again(next, List.of(pollLine(poll, result) + "; next poll in " + duration(delay)), result);
            }
            case PROMOTED -> {
                boolean complete = Boolean.TRUE.equals(result.get(R_COMPLETE.name()));
                Integer waves = whole(result, R_WAVES);
                boolean lastWave = wave != null && waves != null && wave >= waves;
                if (plan.autoAdvance() && !complete && !lastWave && wave != null) {
                    long delay = plan.intervalMillis();
                    GateProgress next = before.answered(rollout, wave + 1, delay, null,
                            "wave " + (wave + 1) + " to be judged", now + delay);
                    List<String> lines = new ArrayList<>(finalLines(poll, result));
                    lines.add(LOG + "judging wave " + (wave + 1) + (waves == null ? "" : " of " + waves)
                            + " next (autoAdvance); next poll in " + duration(delay));
                    return new Again(next, lines, result);
                }
                return new Done(result, finalLines(poll, result));
            }
            case HELD, ROLLED_BACK -> {
                return new Done(result, finalLines(poll, result));
            }
            default -> {
                return new Failed(plan.function() + ": the engine answered an unknown decision '" + decision + "'",
                        result, List.of());
            }
        }
    }

    /**
     * After a poll that could not run the engine: the agent is offline or its channel closed (the step is inside
     * {@code node {}} and the agent has not reconnected since a restart), or the workspace cannot be reached.
     */
    static Next afterUnreachable(GatePlan plan, GateProgress before, String problem, long now) {
        if (before.polls() == 0) {
            return new Failed(plan.function() + ": " + problem, null, List.of());
        }
        return retryOrFail(plan, before, problem, now);
    }

    /** The interval after a {@code WAIT}: back to the configured one when telemetry arrived, else doubled up to 4×. */
    static long nextDelay(long intervalMillis, long currentMillis, Long previousSamples, long samples) {
        if (previousSamples == null || previousSamples != samples) {
            return intervalMillis;
        }
        return Math.min(Math.max(currentMillis, intervalMillis) * 2, intervalMillis * MAX_BACKOFF_FACTOR);
    }

    /** What the gate waits for, as {@code getStatus()} shows it in the thread dump and "Paused for Input" views. */
    static String status(GateProgress progress, boolean polling, long now) {
        StringBuilder b = new StringBuilder();
        if (polling) {
            b.append("polling the drift gate");
        } else {
            b.append("waiting for: ").append(progress.waitingFor());
        }
        if (progress.rollout() != null) {
            b.append(" (rollout ").append(progress.rollout());
            if (progress.judgedWave() != null) {
                b.append(", wave ").append(progress.judgedWave());
            }
            b.append(", ").append(progress.polls()).append(progress.polls() == 1 ? " poll" : " polls").append(')');
        }
        if (!polling) {
            long left = progress.nextPollAt() - now;
            b.append(left > 0 ? "; next poll in " + duration(left) : "; next poll due now");
        }
        return b.toString();
    }

    /** The line each poll prints: decision, wave, inferences, devices, and what the gate still waits for. */
    static String pollLine(int poll, Map<String, Object> result) {
        StringBuilder b = new StringBuilder(LOG).append("drift gate poll ").append(poll).append(": ")
                .append(text(result, R_DECISION));
        Integer wave = whole(result, R_WAVE);
        if (wave != null) {
            b.append(", wave ").append(wave);
            Integer waves = whole(result, R_WAVES);
            if (waves != null) {
                b.append(" of ").append(waves);
            }
        }
        b.append(", ").append(number(result, R_SAMPLES)).append(" inferences, ").append(number(result,
                R_DEVICES_REPORTING));
        long expected = number(result, R_DEVICES_EXPECTED);
        // A wave no device had reported to before it started (a first rollout to new devices) has no known size.
        b.append(expected > 0 ? " of " + expected + " devices reporting" : " devices reporting");
        if (WAIT.equals(text(result, R_DECISION))) {
            String waiting = waitingFor(result);
            if (!waiting.isEmpty()) {
                b.append("; waiting for: ").append(waiting);
            }
        } else if (Boolean.TRUE.equals(result.get(R_COMPLETE.name()))) {
            b.append("; rollout complete");
        }
        return b.toString();
    }

    /** The engine's {@code waitingFor}, a list of phrases or one text, as one text. */
    static String waitingFor(Map<String, Object> result) {
        return joined(result.get(R_WAITING_FOR.name()));
    }

    /** The one line a rejected wave fails the step with: the decision, where, and every reason. */
    static String failure(GatePlan plan, Map<String, Object> result) {
        String decision = text(result, R_DECISION);
        StringBuilder b = new StringBuilder(plan.function()).append(": ");
        b.append(WAIT.equals(decision) ? "no decision before the timeout" : decision);
        Integer wave = whole(result, R_WAVE);
        if (wave != null) {
            b.append(" at wave ").append(wave);
            Integer waves = whole(result, R_WAVES);
            if (waves != null) {
                b.append(" of ").append(waves);
            }
        }
        String rollout = text(result, R_ROLLOUT);
        if (rollout != null) {
            b.append(" of rollout ").append(rollout);
        }
        String reasons = joined(result.get(R_REASONS.name()));
        return b.append(": ").append(reasons.isEmpty() ? "the engine gave no reason" : reasons).toString();
    }

    /** Durations as the step's parameters are written: {@code 5m}, {@code 1m30s}. */
    static String duration(long millis) {
        return DurationText.format(Duration.ofSeconds(Math.max(0, (millis + 999) / 1000)));
    }

    private static Next retryOrFail(GatePlan plan, GateProgress before, String problem, long now) {
        int errors = before.errors() + 1;
        if (errors > MAX_CONSECUTIVE_ERRORS) {
            return new Failed(plan.function() + ": " + problem + " (" + errors + " polls in a row failed; the gate's "
                    + "progress is in the store, so running the step again resumes it)", null, List.of());
        }
        long delay = Math.max(before.delayMillis(), MIN_RETRY_MILLIS);
        GateProgress next = before.failed("a poll to answer after: " + problem, now + delay);
        return new Again(next, List.of(LOG + "drift gate poll " + (before.polls() + 1) + " failed (" + errors + " of "
                + MAX_CONSECUTIVE_ERRORS + " retries): " + problem + "; next poll in " + duration(delay)), null);
    }

    private static List<String> finalLines(int poll, Map<String, Object> result) {
        List<String> lines = new ArrayList<>();
        lines.add(pollLine(poll, result));
        if (result.get(R_REASONS.name()) instanceof List<?> reasons) {
            for (Object reason : reasons) {
                lines.add(LOG + "  " + reason);
            }
        }
        return lines;
    }

    private static String withoutPrefix(GatePlan plan, String failure) {
        String prefix = plan.function() + ": ";
        return failure != null && failure.startsWith(prefix) ? failure.substring(prefix.length()) : failure;
    }

    private static String joined(Object value) {
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object o : list) {
                if (o != null && !o.toString().isBlank()) {
                    parts.add(o.toString().strip());
                }
            }
            return String.join("; ", parts);
        }
        return value == null ? "" : value.toString().strip();
    }

    private static String text(Map<String, Object> result, ResultKey key) {
        return EngineResultParser.text(result, key.name());
    }

    private static Integer whole(Map<String, Object> result, ResultKey key) {
        return result.get(key.name()) instanceof Number n ? n.intValue() : null;
    }

    private static long number(Map<String, Object> result, ResultKey key) {
        return result.get(key.name()) instanceof Number n ? n.longValue() : 0;
    }
}
