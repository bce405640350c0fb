package io.jenkins.plugins.edgemlops;

import static io.edgemlops.contract.AwaitDriftGateContract.R_COMPLETE;
import static io.edgemlops.contract.AwaitDriftGateContract.R_CONTROL_LATENCY_P95_MS;
import static io.edgemlops.contract.AwaitDriftGateContract.R_DECISION;
import static io.edgemlops.contract.AwaitDriftGateContract.R_LATENCY_P95_MS;
import static io.edgemlops.contract.AwaitDriftGateContract.R_PASSED;
import static io.edgemlops.contract.AwaitDriftGateContract.R_ROLLOUT;
import static io.edgemlops.contract.AwaitDriftGateContract.R_WAVE;
import static io.edgemlops.contract.AwaitDriftGateContract.R_WAVES;

import io.edgemlops.render.DriftGateView;
import io.edgemlops.render.GateHistory;
import io.edgemlops.render.GateLimits;
import io.edgemlops.render.GatePoint;
import io.edgemlops.render.GatePoll;
import io.edgemlops.render.Results;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drift gate of one rollout on the build page, drawn by {@link DriftGateView}. The renderer's
 * {@link GateHistory} folds the polls (decisions per wave, the largest PSI of the wave); this section keeps what it
 * needs to rebuild that history as plain fields: the latest result, each wave's decision, the largest PSI per feature,
 * the step's limits, and one short line of text per poll ({@link PollPoint}). Every poll replaces the section with one
 * more point; past {@link #MAX_POINTS} every other older point is dropped, so a day of polls stays a few kilobytes in
 * build.xml.
 */
public final class DriftGateSection extends EdgeMlopsSection {

    /** Most points kept; beyond, the older half is thinned to every other point (first and last always stay). */
    static final int MAX_POINTS = 240;

    private final Map<String, Object> latest;
    private final List<WaveDecision> decisions;
    private final Map<String, Double> largestPsi;
    /** Targets in order of first report; a point's latencies are aligned with this list. */
    private final List<String> targets;
    /** {@link PollPoint#encode() Encoded} points, oldest first. */
    private final List<String> points;
    private final double psiThreshold;
    private final double maxErrorRate;
    private final Double maxLatencyP95Ms;

    /** A decision on one wave, kept with the build (plain fields: XStream cannot restore records). */
    static final class WaveDecision {
        private final int wave;
        private final String decision;
        private final long time;
        private final List<String> reasons;

        WaveDecision(io.edgemlops.render.WaveDecision d) {
            this.wave = d.wave();
            this.decision = d.decision();
            this.time = d.epochMillis();
            this.reasons = new ArrayList<>(d.reasons());
        }

        io.edgemlops.render.WaveDecision toRender() {
            return new io.edgemlops.render.WaveDecision(wave, decision, time, reasons);
        }
    }

    /**
     * One poll as the charts need it, with latencies aligned with the section's {@link #targets} as they were when the
     * point was taken (a target that appeared later is missing from older points); NaN means no value. Saved as one
     * line of text ({@link #encode()}), about 60 bytes, rather than as an XML element per number.
     */
    record PollPoint(long time, int wave, long samples, double largestPsi, double errorRate, double[] latency,
            double[] controlLatency) {

        double latency(int target) {
            return target < latency.length ? latency[target] : Double.NaN;
        }

        double controlLatency(int target) {
            return target < controlLatency.length ? controlLatency[target] : Double.NaN;
        }

        /** The renderer's point, latencies keyed by target again. */
        GatePoint toGatePoint(List<String> targets) {
            Map<String, Double> own = new LinkedHashMap<>();
            Map<String, Double> control = new LinkedHashMap<>();
            for (int i = 0; i < targets.size(); i++) {
                if (Double.isFinite(latency(i))) {
                    own.put(targets.get(i), latency(i));
                }
                if (Double.isFinite(controlLatency(i))) {
                    control.put(targets.get(i), controlLatency(i));
                }
            }
            return new GatePoint(time, wave, samples, largestPsi, errorRate, own, control);
        }

        /** The renderer's point with its latencies aligned with {@code targets}. */
        static PollPoint of(GatePoint p, List<String> targets) {
            double[] own = new double[targets.size()];
            double[] control = new double[targets.size()];
            for (int i = 0; i < targets.size(); i++) {
                own[i] = p.latency().getOrDefault(targets.get(i), Double.NaN);
                control[i] = p.controlLatency().getOrDefault(targets.get(i), Double.NaN);
            }
            return new PollPoint(p.epochMillis(), p.wave(), p.samples(), p.largestPsi(), p.errorRate(), own, control);
        }

        /** {@code <time> <wave> <samples> <largest PSI> <error rate> <latencies> <control latencies>}. */
        String encode() {
            return time + " " + wave + " " + samples + " " + number(largestPsi) + " " + number(errorRate) + " "
                    + numbers(latency) + " " + numbers(controlLatency);
        }

        /** Reads {@link #encode()}'s line; null for a line it cannot read (the chart then leaves that poll out). */
        static PollPoint decode(String line) {
            String[] f = line == null ? new String[0] : line.trim().split(" ");
            if (f.length != 7) {
                return null;
            }
            try {
                return new PollPoint(Long.parseLong(f[0]), Integer.parseInt(f[1]), Long.parseLong(f[2]),
                        parse(f[3]), parse(f[4]), parseAll(f[5]), parseAll(f[6]));
            } catch (NumberFormatException unreadable) {
                return null;
            }
        }

        private static String number(double v) {
            return Double.isFinite(v) ? new java.math.BigDecimal(v).round(new java.math.MathContext(4))
                    .stripTrailingZeros().toPlainString() : "-";
        }

        private static String numbers(double[] values) {
            if (values.length == 0) {
                return "-";
            }
            StringBuilder b = new StringBuilder();
            for (double v : values) {
                b.append(b.length() == 0 ? "" : ",").append(number(v));
            }
            return b.toString();
        }

        private static double parse(String text) {
            return text.equals("-") ? Double.NaN : Double.parseDouble(text);
        }

        private static double[] parseAll(String text) {
            if (text.equals("-")) {
                return new double[0];
            }
            return java.util.Arrays.stream(text.split(",")).mapToDouble(PollPoint::parse).toArray();
        }
    }

    private DriftGateSection(Map<String, Object> latest, List<WaveDecision> decisions, Map<String, Double> largestPsi,
            List<String> targets, List<String> points, GatePlan plan) {
        this.latest = PlainValues.copy(latest);
        this.decisions = new ArrayList<>(decisions);
        this.largestPsi = new LinkedHashMap<>(largestPsi);
        this.targets = new ArrayList<>(targets);
        this.points = new ArrayList<>(points);
        this.psiThreshold = plan.psiThreshold();
        this.maxErrorRate = plan.maxErrorRate();
        this.maxLatencyP95Ms = plan.maxLatencyP95Ms();
    }

    /** The section of the gate of {@code rollout} this build already shows, or null. */
    static DriftGateSection shown(EdgeMlopsAction action, String rollout) {
        if (action == null || rollout == null) {
            return null;
        }
        for (EdgeMlopsSection section : action.getSections()) {
            if (section instanceof DriftGateSection gate && rollout.equals(gate.getRollout())) {
                return gate;
            }
        }
        return null;
    }

    /**
     * The section after one more poll: the renderer's history folds it in, this section keeps the result.
     *
     * @param previous what the page showed before this poll, or null for the first
     * @param plan     the step's plan: the limits drawn next to the values
     * @param result   the poll's result
     * @param now      when the poll answered, epoch milliseconds
     */
    static DriftGateSection afterPoll(DriftGateSection previous, GatePlan plan, Map<String, Object> result, long now) {
        GateHistory before = previous == null ? GateHistory.empty() : previous.history();
        GateHistory after = before.after(new GatePoll(now, result));

        List<String> targets = new ArrayList<>(previous == null ? List.of() : previous.getTargets());
        for (String key : List.of(R_LATENCY_P95_MS.name(), R_CONTROL_LATENCY_P95_MS.name())) {
            for (Object target : Results.map(result.get(key)).keySet()) {
                if (!targets.contains(String.valueOf(target))) {
                    targets.add(String.valueOf(target));
                }
            }
        }
        List<GatePoint> drawn = after.points();
        List<String> points = new ArrayList<>(previous == null ? List.of() : previous.getPointLines());
        points.add(PollPoint.of(drawn.get(drawn.size() - 1), targets).encode());
        return new DriftGateSection(result, after.decisions().stream().map(WaveDecision::new).toList(),
                after.largestPsi(), targets, thinned(points), plan);
    }

    /** Keeps at most {@link #MAX_POINTS}: past it, every other point goes, except the first and the last. */
    static <T> List<T> thinned(List<T> points) {
        if (points.size() <= MAX_POINTS) {
            return points;
        }
        List<T> kept = new ArrayList<>();
        for (int i = 0; i < points.size() - 1; i += 2) {
            kept.add(points.get(i));
        }
        kept.add(points.get(points.size() - 1));
        return kept;
    }

    /** The renderer's history rebuilt from the kept fields. */
    GateHistory history() {
        List<GatePoint> drawn = new ArrayList<>();
        for (String line : getPointLines()) {
            PollPoint point = PollPoint.decode(line);
            if (point != null) {
                drawn.add(point.toGatePoint(getTargets()));
            }
        }
        return new GateHistory(latest(), drawn, decisions == null ? List.of()
                : decisions.stream().map(WaveDecision::toRender).toList(), largestPsi);
    }

    private Map<String, Object> latest() {
        return latest == null ? Map.of() : latest;
    }

    @Override
    public String getKey() {
        return "gate:" + getRollout();
    }

    @Override
    public String getTitle() {
        return DriftGateView.title(latest());
    }

    @Override
    public String getHtml() {
        return DriftGateView.html(history(), new GateLimits(psiThreshold, maxErrorRate, maxLatencyP95Ms));
    }

    /** False once the gate rolled the wave back (or the step timed out under {@code onTimeout: 'fail'}). */
    @Override
    public boolean isPassed() {
        return !Boolean.FALSE.equals(latest().get(R_PASSED.name())) && !DriftGatePolls.ROLLED_BACK.equals(getDecision());
    }

    /** True while the latest poll answered WAIT: the step was still waiting then. */
    public boolean isWaiting() {
        return DriftGateView.waiting(latest());
    }

    public String getRollout() {
        return Results.text(latest(), R_ROLLOUT);
    }

    public long getWaves() {
        return Results.whole(latest(), R_WAVES, 0);
    }

    /** The wave the latest poll judged, from 1. */
    public long getWave() {
        return Results.whole(latest(), R_WAVE, 0);
    }

    public String getDecision() {
        return Results.text(latest(), R_DECISION);
    }

    public boolean isComplete() {
        return Results.flag(latest(), R_COMPLETE);
    }

    /** What the latest poll still waited for, or null. */
    public String getWaitingFor() {
        return DriftGateView.waitingFor(latest());
    }

    List<String> getTargets() {
        return targets == null ? List.of() : List.copyOf(targets);
    }

    /** Polls drawn, at most {@link #MAX_POINTS}. */
    int getPollCount() {
        return points == null ? 0 : points.size();
    }

    List<String> getPointLines() {
        return points == null ? List.of() : List.copyOf(points);
    }
}
