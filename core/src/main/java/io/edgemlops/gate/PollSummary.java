package io.edgemlops.gate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One poll in a line of the gate's history: enough to draw drift, latency and error rate over time and to answer a
 * resumed step with the decision it missed.
 *
 * @param n poll number, from 1
 * @param at when it ran
 * @param wave the wave judged, from 0
 * @param decision what it decided
 * @param timedOut whether the decision came from the timeout
 * @param samples inferences of the new version in the wave
 * @param devicesReporting devices reporting the new version in the last window
 * @param devicesExpected devices the wave reaches
 * @param errorRate the new version's error rate
 * @param psi feature → PSI against the baseline
 * @param predictionPsi PSI of the predicted classes, or null
 * @param latencyP95Ms target → the new version's p95
 * @param controlLatencyP95Ms target → the control's p95
 * @param agreement shadow agreement, or null
 * @param reasons the decision's reasons
 * @param waitingFor what it waited for
 */
public record PollSummary(int n, Instant at, int wave, GateDecision decision, boolean timedOut, long samples,
                          long devicesReporting, long devicesExpected, double errorRate, Map<String, Double> psi,
                          Double predictionPsi, Map<String, Double> latencyP95Ms,
                          Map<String, Double> controlLatencyP95Ms, Double agreement, List<String> reasons,
                          List<String> waitingFor) {

    public PollSummary {
        psi = psi == null ? Map.of() : psi;
        latencyP95Ms = latencyP95Ms == null ? Map.of() : latencyP95Ms;
        controlLatencyP95Ms = controlLatencyP95Ms == null ? Map.of() : controlLatencyP95Ms;
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        waitingFor = waitingFor == null ? List.of() : List.copyOf(waitingFor);
    }
}
