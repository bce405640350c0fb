package io.edgemlops.gate;

/** What a poll of the gate decided about the current wave. */
public enum GateDecision {
    /** Not enough evidence yet (samples, devices, soak time, an unconfirmed violation): poll again. */
    WAIT,
    /** The wave passed: the next wave started, or after the last the version became {@code production}. */
    PROMOTED,
    /** The wave's devices were sent back to the previous version. */
    ROLLED_BACK,
    /** A person must decide; the rollout stays where it is. */
    HELD;

    /** Whether the gate stops polling after this decision for the current wave. */
    public boolean isFinal() {
        return this != WAIT;
    }
}
