package io.edgemlops.demo;

import io.edgemlops.gate.GateDecision;
import java.util.List;

/**
 * What the two-night demo did: each night, and the gate's decision on each rollout.
 *
 * @param nights the nights, in order
 * @param keyId id of the key the rollouts were signed with
 */
public record DemoRun(List<Night> nights, String keyId) {

    public DemoRun {
        nights = List.copyOf(nights);
    }

    /** One rollout's outcome: which version, in which night, and the gate's decision with its reasons. */
    public record Decision(int night, int version, String rollout, GateDecision decision, int wave, int waves,
                           List<String> reasons) {
    }

    /** The gate's final decision on every rollout, in order. */
    public List<Decision> decisions() {
        return nights.stream().flatMap(n -> n.candidates().stream().filter(c -> c.lastPoll() != null)
                .map(c -> new Decision(n.number(), c.version(), c.published().rollout().id(), c.decision(),
                        c.lastPoll().judgedWave() + 1, c.published().rollout().waves().size(),
                        c.lastPoll().summary().reasons()))).toList();
    }
}
