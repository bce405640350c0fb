package io.edgemlops.gate;

import java.util.List;

/**
 * The gate's judgement of one poll.
 *
 * @param decision what to do with the wave
 * @param reasons one sentence per finding behind the decision, with value and limit
 * @param waitingFor what the gate still waits for; empty unless {@code WAIT}
 * @param hardFailure whether a rollback comes from a hard failure (no confirmation needed)
 * @param fieldDrift whether the inputs drift on the control too: retrain
 * @param findings the measurements of the latest snapshot; null when there is no telemetry yet
 */
public record GateVerdict(GateDecision decision, List<String> reasons, List<String> waitingFor, boolean hardFailure,
                          boolean fieldDrift, Findings findings) {

    public GateVerdict {
        reasons = List.copyOf(reasons);
        waitingFor = List.copyOf(waitingFor);
    }
}
