package io.edgemlops.gate;

import io.edgemlops.drift.DatasetDrift;
import io.edgemlops.drift.DistributionDrift;
import io.edgemlops.drift.WilsonInterval;
import io.edgemlops.gate.Findings.DeviceAccounting;
import io.edgemlops.gate.Findings.LatencyFinding;
import io.edgemlops.gate.Findings.RateFinding;
import io.edgemlops.gate.Findings.Violation;
import io.edgemlops.telemetry.LatencyHistogram;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The gate's rules: one poll's evidence in, one decision out, nothing else touched. The contract, in order:
 * <ol>
 * <li>No telemetry of the new version from the wave yet: {@code WAIT}. The gate never rolls back on no data.</li>
 * <li>A hard failure rolls back at once: a device of the wave refused the new version (download, signature or
 * self-test) or went back from it by itself, or the error rate's Wilson lower bound is above the limit (and above the
 * control's upper bound when there is a control).</li>
 * <li>A soft violation (input drift, prediction drift, a target slower than its budget or than its control, a shadow
 * that disagrees) is judged only with at least {@code minSamples} inferences and must show in the last
 * {@code confirmWindows} snapshots in a row; then it rolls back, except field drift (the control drifts too) under
 * {@code onDataDrift: hold}, which holds. Seen in fewer windows: {@code WAIT} for confirmation.</li>
 * <li>Otherwise the wave is promoted once it has enough samples, enough healthy devices, few enough silent ones, its
 * soak time, an error rate whose upper bound is below the limit (or no worse than the control's) and, in shadow,
 * enough agreement; until then {@code WAIT}, saying what for.</li>
 * </ol>
 * Timeouts are the caller's: they depend on when the gate started, not on the evidence.
 */
public final class GateEvaluator {

    /** Latency samples a target needs before its p95 is judged: below that a p95 is one or two slow calls. */
    static final long MIN_LATENCY_SAMPLES = 100;
    /**
     * Inferences before the error rate can roll a wave back on its own: the Wilson lower bound of 1 failure in 3 calls
     * is already 6 %, over a 5 % limit (found by the honesty bench on a wave whose first window held 3 calls).
     */
    static final long MIN_ERROR_SAMPLES = 100;
    /** Confidence of the Wilson intervals: 95 %. */
    static final double INTERVAL_ALPHA = 0.05;

    private GateEvaluator() {
    }

    /** Judges the evidence of one poll. */
    public static GateVerdict judge(GatePolicy policy, GateEvidence evidence) {
        if (evidence.snapshots().isEmpty() || latest(evidence).samples() == 0 && noDevices(latest(evidence))) {
            return new GateVerdict(GateDecision.WAIT, List.of("no telemetry of the new version from the wave's "
                    + "devices yet"), List.of("the first complete telemetry window from the wave's devices"), false,
                    false, null);
        }
        WaveSnapshot last = latest(evidence);
        Findings findings = measure(policy, evidence, last);
        List<String> hard = hardFailures(policy, findings);
        if (!hard.isEmpty()) {
            return new GateVerdict(GateDecision.ROLLED_BACK, hard, List.of(), true, findings.fieldDrift(), findings);
        }
        List<String> reasons = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        boolean rollBack = false;
        boolean hold = false;
        for (Violation v : findings.violations()) {
            int seen = windowsInARow(policy, evidence, v.kind());
            if (seen >= policy.confirmWindows()) {
                reasons.add(v.reason() + " (in " + seen + " window" + (seen == 1 ? "" : "s") + " in a row)");
                if (v.kind().equals(FIELD_DRIFT) && policy.onDataDrift() == GatePolicy.OnDataDrift.HOLD) {
                    hold = true;
                } else {
                    rollBack = true;
                }
            } else {
                waiting.add("confirmation of: " + v.reason() + " (seen in " + seen + " of " + policy.confirmWindows()
                        + " windows)");
            }
        }
        if (rollBack || hold) {
            return new GateVerdict(rollBack ? GateDecision.ROLLED_BACK : GateDecision.HELD, reasons, List.of(), false,
                    findings.fieldDrift(), findings);
        }
        waiting.addAll(missingEvidence(policy, evidence, findings));
        if (!waiting.isEmpty()) {
            return new GateVerdict(GateDecision.WAIT, reasons, waiting, false, findings.fieldDrift(), findings);
        }
        return new GateVerdict(GateDecision.PROMOTED, passed(findings), List.of(), false, false, findings);
    }

    static final String DRIFT = "drift";
    static final String FIELD_DRIFT = "field-drift";
    static final String PREDICTION_DRIFT = "prediction-drift";
    static final String AGREEMENT = "agreement";

    private static WaveSnapshot latest(GateEvidence e) {
        return e.snapshots().get(e.snapshots().size() - 1);
    }

    private static boolean noDevices(WaveSnapshot s) {
        return s.cohort().values().stream().allMatch(t -> t.devicesLastWindow() == 0 && t.unhealthy() == 0)
                && s.control().values().stream().allMatch(t -> t.unhealthy() == 0);
    }

    /** Everything measured on one snapshot, with the soft violations it shows. */
    static Findings measure(GatePolicy policy, GateEvidence e, WaveSnapshot s) {
        TargetTally cohort = TallyDrift.sum(s.cohort());
        TargetTally control = TallyDrift.sum(s.control());
        DatasetDrift input = TallyDrift.inputs(e.baseline(), cohort, policy.drift());
        DatasetDrift controlDrift = control.inferences() == 0 ? null
                : TallyDrift.inputs(e.previousBaseline(), control, policy.drift());
        DistributionDrift predictions = TallyDrift.predictions(e.baseline(), cohort, policy.drift());
        Map<String, LatencyFinding> latency = new TreeMap<>();
        s.cohort().forEach((target, t) -> latency.put(target, latency(policy, e, target, t,
                s.control().get(target))));
        RateFinding errors = rate(cohort.errors(), cohort.inferences(), policy.maxErrorRate());
        RateFinding controlErrors = control.inferences() == 0 ? null
                : rate(control.errors(), control.inferences(), policy.maxErrorRate());
        RateFinding agreement = e.shadow() ? rate(cohort.shadowAgreements(), cohort.shadowInferences(),
                policy.minAgreement()) : null;
        long expected = e.expectedDevices().values().stream().mapToLong(Long::longValue).sum();
        DeviceAccounting devices = new DeviceAccounting(expected, cohort.devicesLastWindow(),
                cohort.healthyLastWindow(), control.unhealthy(), cohort.unhealthy());
        boolean field = input != null && input.datasetDrifted() && controlDrift != null
                && controlDrift.datasetDrifted();
        List<Violation> violations = s.samples() < policy.minSamples() ? List.of()
                : violations(policy, e, input, controlDrift, field, predictions, latency, agreement);
        return new Findings(s.samples(), input, controlDrift, predictions, latency, errors, controlErrors, agreement,
                devices, violations, field);
    }

    private static LatencyFinding latency(GatePolicy policy, GateEvidence e, String target, TargetTally t,
                                          TargetTally control) {
        double budget = policy.maxLatencyP95Ms() != null ? policy.maxLatencyP95Ms()
                : e.budgets().getOrDefault(target, Double.POSITIVE_INFINITY);
        LatencyHistogram reference = null;
        if (e.shadow() && t.servingLatency().count() >= MIN_LATENCY_SAMPLES) {
            // A shadow runs beside the serving model on the same inputs: the paired comparison beats any control.
            reference = t.servingLatency();
        } else if (control != null && control.latency().count() >= MIN_LATENCY_SAMPLES
                && control.devicesLastWindow() >= policy.minDevices()) {
            // One or two control devices are their own hardware, not the previous version's speed.
            reference = control.latency();
        }
        // Interpolated within the bucket, so that ratios to the control do not step by whole buckets (2^(1/8)):
        // with bucket values, 7 devices 13 % slower by their hardware read as +29.7 % (honesty bench, seed 274).
        LatencyHistogram h = t.latency();
        long n = h.count();
        return new LatencyFinding(target, n, n == 0 ? 0 : h.interpolatedPercentileMillis(50),
                n == 0 ? 0 : h.interpolatedPercentileMillis(95), n == 0 ? 0 : h.interpolatedPercentileMillis(99),
                reference == null ? null : reference.interpolatedPercentileMillis(50),
                reference == null ? null : reference.interpolatedPercentileMillis(95), budget,
                policy.maxLatencyIncrease());
    }

    private static RateFinding rate(long events, long trials, double limit) {
        WilsonInterval w = WilsonInterval.of(events, trials, INTERVAL_ALPHA);
        return new RateFinding(events, trials, w.lower(), w.upper(), limit);
    }

    private static List<Violation> violations(GatePolicy policy, GateEvidence e, DatasetDrift input,
                                              DatasetDrift controlDrift, boolean field, DistributionDrift predictions,
                                              Map<String, LatencyFinding> latency, RateFinding agreement) {
        List<Violation> out = new ArrayList<>();
        if (input != null && input.datasetDrifted()) {
            String what = "inputs drift against the training baseline: " + describe(input);
            out.add(field ? new Violation(FIELD_DRIFT, what + "; the previous version's devices see it too ("
                    + describe(controlDrift) + "): the field changed, retrain on recent data")
                    : new Violation(DRIFT, what + "; the previous version's devices do not"
                    + (controlDrift == null ? " report comparable counts" : " see it")));
        }
        if (predictions != null && predictions.drifted() && (input == null || !input.datasetDrifted())) {
            out.add(new Violation(PREDICTION_DRIFT, "predicted classes drift while the inputs do not: PSI "
                    + num(predictions.psi()) + " ≥ " + num(predictions.psiLimit()) + ", p " + p(predictions.pValue())
                    + " < " + p(predictions.alpha())));
        }
        for (LatencyFinding l : latency.values()) {
            if (l.samples() < MIN_LATENCY_SAMPLES) {
                continue;
            }
            if (l.slowerThanControl()) {
                out.add(new Violation("latency:" + l.target(), l.target() + " p95 " + ms(l.p95Ms()) + " is "
                        + percent(l.p95Ms() / l.controlP95Ms() - 1) + " slower than "
                        + (e.shadow() ? "the serving version on the same inputs" : "the previous version's devices")
                        + " (" + ms(l.controlP95Ms()) + "; p50 " + ms(l.p50Ms()) + " against " + ms(l.controlP50Ms())
                        + "; at most +" + percent(l.maxIncrease()) + ")"));
            } else if (l.overBudgetAlone()) {
                out.add(new Violation("latency:" + l.target(), l.target() + " p95 " + ms(l.p95Ms())
                        + " is over its budget of " + ms(l.budgetP95Ms())));
            }
        }
        if (agreement != null && agreement.trials() > 0 && agreement.upper() < policy.minAgreement()) {
            out.add(new Violation(AGREEMENT, "the shadow agrees with the serving version on " + percent(agreement.rate())
                    + " of inputs (95 % interval up to " + percent(agreement.upper()) + "; at least "
                    + percent(policy.minAgreement()) + ")"));
        }
        return out;
    }

    /** How many of the latest snapshots in a row, with enough samples, show a violation of this kind. */
    private static int windowsInARow(GatePolicy policy, GateEvidence e, String kind) {
        int seen = 0;
        for (int i = e.snapshots().size() - 1; i >= 0 && seen < policy.confirmWindows(); i--) {
            Findings f = measure(policy, e, e.snapshots().get(i));
            if (f.violations().stream().noneMatch(v -> v.kind().equals(kind))) {
                break;
            }
            seen++;
        }
        return seen;
    }

    private static List<String> hardFailures(GatePolicy policy, Findings f) {
        List<String> out = new ArrayList<>();
        DeviceAccounting d = f.devices();
        if (d.refused() > 0) {
            out.add(d.refused() + " device(s) refused the new version (download, signature or self-test failed); "
                    + "`edge-mlops fleet status` names them and why");
        }
        // One device going back by itself can be that device's bad minute (its own p95 over a few dozen calls);
        // more than the share of silent devices the gate tolerates is the version's doing.
        if (d.reverted() > policy.maxUnknownShare() * Math.max(1, d.expected())) {
            out.add(d.reverted() + " of " + d.expected() + " device(s) went back from the new version by themselves "
                    + "(their local health watch: error rate or p95 over the limit after the swap), more than "
                    + percent(policy.maxUnknownShare()));
        }
        RateFinding err = f.errors();
        RateFinding control = f.controlErrors();
        if (err.trials() >= Math.min(MIN_ERROR_SAMPLES, policy.minSamples()) && err.lower() > policy.maxErrorRate()
                && (control == null || err.lower() > control.upper())) {
            out.add("error rate " + percent(err.rate()) + " (" + err.events() + " of " + err.trials()
                    + " inferences; 95 % interval " + percent(err.lower()) + "–" + percent(err.upper())
                    + ") is over the limit of " + percent(policy.maxErrorRate())
                    + (control == null ? "" : " and over the previous version's " + percent(control.rate())));
        }
        return out;
    }

    private static List<String> missingEvidence(GatePolicy policy, GateEvidence e, Findings f) {
        List<String> out = new ArrayList<>();
        if (f.samples() < policy.minSamples()) {
            out.add("samples: " + f.samples() + " of " + policy.minSamples() + " inferences");
        }
        DeviceAccounting d = f.devices();
        long needed = d.expected() == 0 ? policy.minDevices() : Math.min(policy.minDevices(), d.expected());
        if (d.healthy() < needed) {
            out.add("devices: " + d.healthy() + " of " + needed + " reporting the new version healthy");
        }
        if (d.unknownShare() > policy.maxUnknownShare()) {
            out.add("devices: " + (d.expected() - Math.min(d.expected(), d.reporting())) + " of " + d.expected()
                    + " silent in the last window (" + percent(d.unknownShare()) + ", at most "
                    + percent(policy.maxUnknownShare()) + ")");
        }
        Duration left = policy.soak().minus(e.age());
        if (!left.isNegative() && !left.isZero()) {
            out.add("soak: " + io.edgemlops.contract.DurationText.format(left.withNanos(0)) + " left of "
                    + io.edgemlops.contract.DurationText.format(policy.soak()));
        }
        RateFinding err = f.errors();
        RateFinding control = f.controlErrors();
        boolean noWorseThanControl = control != null && err.rate() <= control.rate();
        if (err.upper() >= policy.maxErrorRate() && !noWorseThanControl) {
            out.add("error rate: 95 % upper bound " + percent(err.upper()) + " not yet below "
                    + percent(policy.maxErrorRate()));
        }
        if (f.agreement() != null && f.agreement().rate() < policy.minAgreement()) {
            out.add("shadow agreement: " + percent(f.agreement().rate()) + " of at least "
                    + percent(policy.minAgreement()));
        }
        return out;
    }

    private static List<String> passed(Findings f) {
        List<String> out = new ArrayList<>();
        if (f.inputDrift() != null) {
            out.add("inputs: " + f.inputDrift().drifted().size() + " of " + f.inputDrift().features().size()
                    + " features drifted" + maxPsi(f.inputDrift()));
        }
        if (f.predictionDrift() != null) {
            out.add("predicted classes: PSI " + num(f.predictionDrift().psi()) + " (limit "
                    + num(f.predictionDrift().psiLimit()) + ")");
        }
        for (LatencyFinding l : f.latency().values()) {
            out.add(l.target() + ": p95 " + ms(l.p95Ms()) + " (budget " + ms(l.budgetP95Ms())
                    + (l.controlP95Ms() == null ? "" : ", previous version " + ms(l.controlP95Ms())) + ")");
        }
        out.add("error rate " + percent(f.errors().rate()) + " (95 % upper bound " + percent(f.errors().upper())
                + ", limit " + percent(f.errors().limit()) + ")");
        if (f.agreement() != null) {
            out.add("shadow agreement " + percent(f.agreement().rate()) + " (at least " + percent(f.agreement().limit())
                    + ")");
        }
        // Zero expected: no device of the wave had reported before it started (new devices), so its size is unknown.
        out.add("devices: " + f.devices().reporting() + (f.devices().expected() > 0 ? " of " + f.devices().expected()
                : "") + " reporting, " + f.devices().healthy() + " healthy; " + f.samples() + " inferences");
        if (f.devices().reverted() > 0) {
            out.add(f.devices().reverted() + " device(s) went back from the new version by themselves, within the "
                    + "tolerated share of silent devices; `edge-mlops fleet status` says why");
        }
        return out;
    }

    private static String describe(DatasetDrift d) {
        if (d == null) {
            return "no comparable counts";
        }
        Set<String> names = new LinkedHashSet<>(d.drifted());
        List<String> parts = new ArrayList<>();
        for (DistributionDrift f : d.features()) {
            if (names.contains(f.name())) {
                parts.add(f.name() + " PSI " + num(f.psi()) + " ≥ " + num(f.psiLimit()) + ", p " + p(f.pValue()) + " < "
                        + p(f.alpha()) + (d.criticalDrifted().contains(f.name()) ? " (critical)" : ""));
            }
        }
        return String.join("; ", parts) + " — " + d.drifted().size() + " of " + d.features().size() + " features ("
                + percent(d.driftedShare()) + ", dataset drift at " + percent(d.shareLimit())
                + (d.criticalDrifted().isEmpty() ? "" : " or any critical feature") + ")";
    }

    private static String maxPsi(DatasetDrift d) {
        return d.features().stream().max(java.util.Comparator.comparingDouble(DistributionDrift::psi))
                .map(f -> " (largest PSI " + num(f.psi()) + " on " + f.name() + ", limit " + num(f.psiLimit()) + ")")
                .orElse("");
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    static String p(double v) {
        return v < 1e-4 ? String.format(Locale.ROOT, "%.1e", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    static String ms(double v) {
        return String.format(Locale.ROOT, "%.3g ms", v);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
