package io.edgemlops.render;

import static io.edgemlops.contract.AwaitDriftGateContract.R_PREVIOUS_VERSION;
import static io.edgemlops.contract.AwaitDriftGateContract.R_VERSION;
import static io.edgemlops.contract.AwaitDriftGateContract.R_WAVE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The drift gate's charts over its polls: PSI per feature at the latest poll (bars), the largest PSI over the
 * features, p95 latency per target with the control group dashed in the same colour, and the error rate, each
 * against its limit. A chart with nothing to draw is left out (the empty string).
 */
public final class GateCharts {

    /** Most features drawn as bars (the most drifted first); the table lists them all. */
    public static final int MAX_FEATURE_BARS = 30;

    private GateCharts() {
    }

    /** All four charts, in reading order. */
    public static String html(GateHistory history, GateLimits limits) {
        return features(history, limits) + largestPsi(history, limits) + latency(history, limits)
                + errorRate(history, limits);
    }

    /** The latest PSI of each feature against the threshold, over the largest PSI of the wave. */
    public static String features(GateHistory history, GateLimits limits) {
        List<DriftGateView.FeatureRow> rows = DriftGateView.features(history);
        if (rows.isEmpty()) {
            return "";
        }
        List<BarChart.Bar> bars = rows.subList(0, Math.min(rows.size(), MAX_FEATURE_BARS)).stream()
                .map(r -> new BarChart.Bar(r.name(), r.psi(), r.largestPsi(), r.drifted())).toList();
        return new BarChart("PSI per feature at the latest poll (pale: the largest while wave "
                + Results.whole(history.latest(), R_WAVE, 0) + " was judged)", bars, limits.psiThreshold()).html();
    }

    /** The largest PSI over all features at each poll. */
    public static String largestPsi(GateHistory history, GateLimits limits) {
        return overTime(history, "Largest PSI over the features", "", List.of(new ChartSeries("largest PSI",
                Palette.series(0), false, values(history, GatePoint::largestPsi))),
                List.of(new ChartLimit("threshold", limits.psiThreshold())));
    }

    /** p95 latency per target: the new version solid, the control on the previous version dashed. */
    public static String latency(GateHistory history, GateLimits limits) {
        List<String> targets = history.targets();
        if (targets.isEmpty()) {
            return "";
        }
        String version = Results.figure(history.latest(), R_VERSION);
        String previous = Results.figure(history.latest(), R_PREVIOUS_VERSION);
        List<ChartSeries> series = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            String target = targets.get(i);
            String colour = Palette.series(i);
            series.add(new ChartSeries(target + " v" + version, colour, false,
                    values(history, p -> orNaN(p.latency(), target))));
            double[] control = values(history, p -> orNaN(p.controlLatency(), target));
            if (Arrays.stream(control).anyMatch(Double::isFinite)) {
                series.add(new ChartSeries(target + " control" + (previous == null ? "" : " v" + previous), colour,
                        true, control));
            }
        }
        List<ChartLimit> budget = limits.maxLatencyP95Ms() == null ? List.of()
                : List.of(new ChartLimit("budget", limits.maxLatencyP95Ms()));
        return overTime(history, "p95 latency per target", " ms", series, budget);
    }

    /** The share of failed inferences at each poll, in percent. */
    public static String errorRate(GateHistory history, GateLimits limits) {
        return overTime(history, "Error rate", " %", List.of(new ChartSeries("error rate", Palette.series(0), false,
                values(history, p -> p.errorRate() * 100))), List.of(new ChartLimit("limit",
                limits.maxErrorRate() * 100)));
    }

    private static String overTime(GateHistory history, String title, String unit, List<ChartSeries> series,
            List<ChartLimit> limits) {
        List<GatePoint> points = history.points();
        if (points.isEmpty()) {
            return "";
        }
        long[] times = points.stream().mapToLong(GatePoint::epochMillis).toArray();
        int[] waves = points.stream().mapToInt(GatePoint::wave).toArray();
        return new LineChart(title, unit, times, waves, series, limits).html();
    }

    private static double[] values(GateHistory history, ToDoubleFunction<GatePoint> value) {
        return history.points().stream().mapToDouble(value).toArray();
    }

    private static double orNaN(Map<String, Double> byTarget, String target) {
        Double v = byTarget.get(target);
        return v == null ? Double.NaN : v;
    }
}
