package io.edgemlops.render;

import static io.edgemlops.contract.AwaitDriftGateContract.R_DECISION;
import static io.edgemlops.contract.AwaitDriftGateContract.R_PER_FEATURE;
import static io.edgemlops.contract.AwaitDriftGateContract.R_REASONS;
import static io.edgemlops.contract.AwaitDriftGateContract.R_WAVE;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the gate of one rollout showed so far, folded from its polls: the latest result (decision, reasons, drift per
 * feature, facts), a {@link GatePoint} per poll for the charts, the decision on each wave, and the largest PSI each
 * feature reached while the current wave was judged. A front-end that keeps its polls passes them to {@link #of};
 * one that keeps only this summary (the Jenkins build) rebuilds it from its fields and adds each poll with
 * {@link #after}. Immutable.
 *
 * @param latest     the latest poll's result, empty before the first
 * @param points     one point per poll drawn, oldest first
 * @param decisions  one decision per decided wave, in order
 * @param largestPsi feature → the largest PSI while the latest wave was judged
 */
public record GateHistory(Map<String, Object> latest, List<GatePoint> points, List<WaveDecision> decisions,
        Map<String, Double> largestPsi) {

    /** The decision a poll answers while it is still collecting evidence. */
    public static final String WAIT = "WAIT";

    public GateHistory {
        latest = latest == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(latest));
        points = points == null ? List.of() : List.copyOf(points);
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
        largestPsi = largestPsi == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(largestPsi));
    }

    /** Before the first poll. */
    public static GateHistory empty() {
        return new GateHistory(Map.of(), List.of(), List.of(), Map.of());
    }

    /** The history of a series of polls, oldest first. */
    public static GateHistory of(List<GatePoll> polls) {
        GateHistory history = empty();
        for (GatePoll poll : polls) {
            history = history.after(poll);
        }
        return history;
    }

    /**
     * The history after one more poll: its point is added; a decision other than WAIT replaces any earlier one on the
     * same wave (a poll after a restart may answer the same decision again); the largest PSI per feature starts over
     * when the wave changes.
     */
    public GateHistory after(GatePoll poll) {
        Map<String, Object> result = poll.result();
        int wave = (int) Results.whole(result, R_WAVE, 0);
        boolean sameWave = !latest.isEmpty() && Results.whole(latest, R_WAVE, 0) == wave;
        Map<String, Double> largest = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : Results.map(result.get(R_PER_FEATURE.name())).entrySet()) {
            String feature = String.valueOf(e.getKey());
            double psi = Results.decimal(Results.map(e.getValue()).get("psi"));
            Double before = sameWave ? largestPsi.get(feature) : null;
            double kept = before == null || !Double.isFinite(before) ? psi
                    : Double.isFinite(psi) ? Math.max(before, psi) : before;
            largest.put(feature, kept);
        }
        List<GatePoint> morePoints = new ArrayList<>(points);
        morePoints.add(GatePoint.of(poll));
        List<WaveDecision> moreDecisions = new ArrayList<>(decisions);
        String decision = Results.text(result, R_DECISION);
        if (decision != null && !WAIT.equals(decision)) {
            moreDecisions.removeIf(d -> d.wave() == wave);
            moreDecisions.add(new WaveDecision(wave, decision, poll.epochMillis(),
                    Results.texts(result.get(R_REASONS.name()))));
        }
        return new GateHistory(result, morePoints, moreDecisions, largest);
    }

    /** The same history with other points (a front-end that thins old points for storage). */
    public GateHistory withPoints(List<GatePoint> kept) {
        return new GateHistory(latest, kept, decisions, largestPsi);
    }

    /** Every target that reported a latency in any poll, in order of first appearance. */
    public List<String> targets() {
        List<String> targets = new ArrayList<>();
        for (GatePoint p : points) {
            for (Map<String, Double> byTarget : List.of(p.latency(), p.controlLatency())) {
                byTarget.keySet().stream().filter(t -> !targets.contains(t)).forEach(targets::add);
            }
        }
        return targets;
    }
}
