package io.edgemlops.render;

import static io.edgemlops.contract.AwaitDriftGateContract.R_CONTROL_LATENCY_P95_MS;
import static io.edgemlops.contract.AwaitDriftGateContract.R_ERROR_RATE;
import static io.edgemlops.contract.AwaitDriftGateContract.R_LATENCY_P95_MS;
import static io.edgemlops.contract.AwaitDriftGateContract.R_PER_FEATURE;
import static io.edgemlops.contract.AwaitDriftGateContract.R_SAMPLES;
import static io.edgemlops.contract.AwaitDriftGateContract.R_WAVE;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One poll as the charts need it: a few numbers, small enough that a front-end can keep hundreds of them (the Jenkins
 * build keeps them in build.xml). NaN means no value.
 *
 * @param epochMillis    when the poll answered
 * @param wave           the wave judged, from 1
 * @param samples        inferences of the new version in the wave
 * @param largestPsi     the largest PSI over the features
 * @param errorRate      the new version's error rate, as a share
 * @param latency        target → p95 latency of the new version in ms
 * @param controlLatency target → p95 latency of the devices still on the previous version in ms
 */
public record GatePoint(long epochMillis, int wave, long samples, double largestPsi, double errorRate,
        Map<String, Double> latency, Map<String, Double> controlLatency) {

    public GatePoint {
        latency = latency == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(latency));
        controlLatency = controlLatency == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(controlLatency));
    }

    /** Reads a poll's result through the contract's keys. */
    public static GatePoint of(GatePoll poll) {
        Map<String, Object> r = poll.result();
        double largest = Double.NaN;
        for (Object values : Results.map(r.get(R_PER_FEATURE.name())).values()) {
            double psi = Results.decimal(Results.map(values).get("psi"));
            largest = Double.isFinite(largest) ? (Double.isFinite(psi) ? Math.max(largest, psi) : largest) : psi;
        }
        return new GatePoint(poll.epochMillis(), (int) Results.whole(r, R_WAVE, 0), Results.whole(r, R_SAMPLES, 0),
                largest, Results.decimal(r, R_ERROR_RATE), byTarget(r.get(R_LATENCY_P95_MS.name())),
                byTarget(r.get(R_CONTROL_LATENCY_P95_MS.name())));
    }

    private static Map<String, Double> byTarget(Object value) {
        Map<String, Double> out = new LinkedHashMap<>();
        Results.map(value).forEach((target, ms) -> {
            if (ms instanceof Number n) {
                out.put(String.valueOf(target), n.doubleValue());
            }
        });
        return out;
    }
}
