package io.edgemlops.gate;

import io.edgemlops.data.DatasetProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the gate knows about a wave at one poll, gathered from the store; {@link GateEvaluator} judges it without
 * touching the store.
 *
 * @param snapshots one per complete telemetry window since the wave started, oldest first
 * @param expectedDevices target → devices the wave reaches (from the fleet's device records when the wave started)
 * @param baseline the new version's training baseline
 * @param previousBaseline the previous version's baseline, for the control's drift; null when unknown
 * @param budgets target → p95 latency budget in milliseconds
 * @param shadow whether the wave runs the new version in shadow
 * @param waveStarted when the wave's desired state was signed
 * @param now the time of the poll
 */
public record GateEvidence(List<WaveSnapshot> snapshots, Map<String, Long> expectedDevices, DatasetProfile baseline,
                           DatasetProfile previousBaseline, Map<String, Double> budgets, boolean shadow,
                           Instant waveStarted, Instant now) {

    public GateEvidence {
        snapshots = List.copyOf(snapshots);
        expectedDevices = Map.copyOf(expectedDevices);
        budgets = Map.copyOf(budgets);
    }

    /** How long the wave has run. */
    public Duration age() {
        return Duration.between(waveStarted, now);
    }
}
