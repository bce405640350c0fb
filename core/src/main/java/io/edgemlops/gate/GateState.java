package io.edgemlops.gate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A gate's checkpoint in the store ({@link GateKeys#state}): the wave being judged, the devices it reaches (counted
 * once when the wave starts, from the fleet's device records), and the history of polls. Written with
 * compare-and-swap, so two gates of one rollout cannot both act on one wave.
 *
 * @param rollout rollout id
 * @param wave the wave being judged, from 0
 * @param waveStarted when that wave's desired state was signed
 * @param expectedDevices target → devices the wave reaches
 * @param polls every poll so far, oldest first (at most {@link #MAX_POLLS}; older ones stay in their own objects)
 */
public record GateState(String rollout, int wave, Instant waveStarted, Map<String, Long> expectedDevices,
                        List<PollSummary> polls) {

    /** Summaries kept in the state; a month of polls every 5 minutes is about 8,600. */
    public static final int MAX_POLLS = 2000;

    public GateState {
        expectedDevices = expectedDevices == null ? Map.of() : Map.copyOf(expectedDevices);
        polls = polls == null ? List.of() : List.copyOf(polls);
    }

    /** Number the next poll gets. */
    public int nextPoll() {
        return polls.isEmpty() ? 1 : polls.get(polls.size() - 1).n() + 1;
    }

    /** This state at a new wave, with the polls kept. */
    public GateState atWave(int newWave, Instant started, Map<String, Long> expected) {
        return new GateState(rollout, newWave, started, expected, polls);
    }

    /** This state with one more poll. */
    public GateState with(PollSummary poll) {
        List<PollSummary> all = new ArrayList<>(polls);
        all.add(poll);
        if (all.size() > MAX_POLLS) {
            all = all.subList(all.size() - MAX_POLLS, all.size());
        }
        return new GateState(rollout, wave, waveStarted, expectedDevices, all);
    }

    /** The final decision recorded for a wave, if a poll made one. */
    public java.util.Optional<PollSummary> decisionOf(int judgedWave) {
        for (int i = polls.size() - 1; i >= 0; i--) {
            PollSummary p = polls.get(i);
            if (p.wave() == judgedWave && p.decision().isFinal()) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }
}
