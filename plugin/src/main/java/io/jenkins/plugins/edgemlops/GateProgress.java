package io.jenkins.plugins.edgemlops;

import java.io.Serializable;
import java.util.Objects;

/**
 * The little a waiting {@code awaitDriftGate} keeps between polls, with the Pipeline's program state; the gate's own
 * progress (merged telemetry, windows seen, decisions) is in the store. Immutable: each poll makes the next one, so a
 * save never sees a half-updated state.
 */
final class GateProgress implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String rollout;
    private final Integer judgedWave;
    private final int polls;
    private final long delayMillis;
    private final Long lastSamples;
    private final int errors;
    private final String waitingFor;
    private final long nextPollAt;

    /**
     * @param rollout     the rollout's id once a poll named it, else null (the engine finds it from the model)
     * @param judgedWave  the wave judged, from 1, once known; the engine's {@code --judged-wave}
     * @param polls       engine runs so far, failed ones included
     * @param delayMillis the current interval between polls (grows while nothing new arrives)
     * @param lastSamples inferences the last successful poll counted, or null after none (or after a new wave)
     * @param errors      consecutive polls that failed with a store error or an unreachable agent
     * @param waitingFor  what the gate waits for, in the engine's words, or a note on the last failure
     * @param nextPollAt  when the next poll is due (epoch milliseconds), for the status and after a restart
     */
    GateProgress(String rollout, Integer judgedWave, int polls, long delayMillis, Long lastSamples, int errors,
            String waitingFor, long nextPollAt) {
        this.rollout = rollout;
        this.judgedWave = judgedWave;
        this.polls = polls;
        this.delayMillis = delayMillis;
        this.lastSamples = lastSamples;
        this.errors = errors;
        this.waitingFor = waitingFor;
        this.nextPollAt = nextPollAt;
    }

    /** Before the first poll, which runs at once. */
    static GateProgress first(String rollout, long intervalMillis, long now) {
        return new GateProgress(rollout, null, 0, intervalMillis, null, 0, "the first poll", now);
    }

    String rollout() {
        return rollout;
    }

    Integer judgedWave() {
        return judgedWave;
    }

    int polls() {
        return polls;
    }

    long delayMillis() {
        return delayMillis;
    }

    Long lastSamples() {
        return lastSamples;
    }

    int errors() {
        return errors;
    }

    String waitingFor() {
        return waitingFor;
    }

    long nextPollAt() {
        return nextPollAt;
    }

    /** After a poll that answered: errors reset. */
    GateProgress answered(String rollout, Integer judgedWave, long delayMillis, Long samples, String waitingFor,
            long nextPollAt) {
        return new GateProgress(rollout, judgedWave, polls + 1, delayMillis, samples, 0, waitingFor, nextPollAt);
    }

    /** After a poll that did not answer (store error, agent offline): the same wave, one more error. */
    GateProgress failed(String problem, long nextPollAt) {
        return new GateProgress(rollout, judgedWave, polls + 1, delayMillis, lastSamples, errors + 1, problem,
                nextPollAt);
    }

    /** The same state with the next poll due at another time (after a restart). */
    GateProgress dueAt(long nextPollAt) {
        return new GateProgress(rollout, judgedWave, polls, delayMillis, lastSamples, errors, waitingFor, nextPollAt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GateProgress p && Objects.equals(rollout, p.rollout)
                && Objects.equals(judgedWave, p.judgedWave) && polls == p.polls && delayMillis == p.delayMillis
                && Objects.equals(lastSamples, p.lastSamples) && errors == p.errors
                && Objects.equals(waitingFor, p.waitingFor) && nextPollAt == p.nextPollAt;
    }

    @Override
    public int hashCode() {
        return Objects.hash(rollout, judgedWave, polls, delayMillis, lastSamples, errors, waitingFor, nextPollAt);
    }

    @Override
    public String toString() {
        return "GateProgress[rollout=" + rollout + ", judgedWave=" + judgedWave + ", polls=" + polls + ", delay="
                + delayMillis + "ms, lastSamples=" + lastSamples + ", errors=" + errors + ", waitingFor=" + waitingFor
                + ", nextPollAt=" + nextPollAt + "]";
    }
}
