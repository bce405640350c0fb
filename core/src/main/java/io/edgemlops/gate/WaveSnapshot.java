package io.edgemlops.gate;

import java.time.Instant;
import java.util.Map;

/**
 * Everything reported for a wave up to the end of one telemetry window, per target: the wave's devices on the new
 * version ({@code cohort}) and the devices of the same targets still on the previous version ({@code control}). The
 * gate keeps one snapshot per window so that a violation can be confirmed over consecutive windows.
 *
 * @param through end of the last window included
 * @param cohort target → the new version's tally
 * @param control target → the previous version's tally (empty on a first rollout or at 100 %)
 */
public record WaveSnapshot(Instant through, Map<String, TargetTally> cohort, Map<String, TargetTally> control) {

    public WaveSnapshot {
        cohort = Map.copyOf(cohort);
        control = Map.copyOf(control);
    }

    /** Inferences of the new version over every target. */
    public long samples() {
        return cohort.values().stream().mapToLong(TargetTally::inferences).sum();
    }
}
