package io.edgemlops.monitor;

import io.edgemlops.data.DatasetProfile;
import io.edgemlops.drift.DatasetDrift;
import io.edgemlops.drift.DistributionDrift;
import io.edgemlops.gate.TallyDrift;
import io.edgemlops.gate.TargetTally;
import io.edgemlops.monitor.FieldDriftReport.FeatureDrift;
import io.edgemlops.monitor.FieldDriftReport.PredictionDrift;
import io.edgemlops.monitor.FieldDriftReport.TargetDrift;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The field monitor's rules: a span of a version's telemetry in, one answer out, nothing touched.
 * <ol>
 * <li>Fewer than {@code minSamples} inferences, or fewer than {@code minDevices} devices reporting in one window, or
 * counts that cannot be compared with the baseline: not judged, {@code drifted: false}, the reason said. A nightly
 * job must never retrain on noise or on one device's sensors.</li>
 * <li>The inputs of the whole fleet are judged as the drift gate judges a wave ({@link TallyDrift}, the dataset rule
 * with {@code driftShare} and {@code criticalFeatures}): dataset drift is field drift.</li>
 * <li>So are the inputs of each target profile that has {@code minSamples} inferences and {@code minDevices} devices of
 * its own: a kind of device whose field moved (one site's sensors, one climate) is field drift even when the fleet as
 * a whole dilutes it.</li>
 * <li>The predicted classes are judged and reported, but do not make field drift by themselves: without labels a change
 * in what the model predicts may be a change in what happens (more failures), which retraining would not fix.</li>
 * </ol>
 */
public final class FieldDriftJudge {

    private FieldDriftJudge() {
    }

    /**
     * What a run looks at.
     *
     * @param fleet the fleet
     * @param model the model
     * @param version the version judged, or null when there is none
     * @param since the span as text, e.g. {@code 24h}
     * @param from start of the span
     * @param to end of the span
     */
    public record Scope(String fleet, String model, Integer version, String since, Instant from, Instant to) {
    }

    /** Judges the span's telemetry of {@code scope.version()} against its training baseline. */
    public static FieldDriftReport judge(Scope scope, DatasetProfile baseline, FieldTelemetry telemetry,
                                         FieldDriftPolicy policy) {
        long samples = telemetry.samples();
        long devices = telemetry.devicesReporting();
        List<String> missing = new ArrayList<>();
        if (samples < policy.minSamples()) {
            missing.add(count(samples) + " of " + count(policy.minSamples()) + " inferences");
        }
        if (devices < policy.minDevices()) {
            missing.add(devices + " of " + policy.minDevices() + " devices reporting in one window");
        }
        if (!missing.isEmpty()) {
            return notJudged(scope, telemetry, policy, "not enough data over " + scope.since() + ": "
                    + String.join(", ", missing));
        }
        TargetTally total = telemetry.total();
        DatasetDrift inputs = TallyDrift.inputs(baseline, total, policy.drift());
        if (inputs == null) {
            return notJudged(scope, telemetry, policy, "not enough data: the telemetry of version " + scope.version()
                    + " counts " + total.features().size() + " features, its baseline "
                    + (baseline == null ? "is missing" : "has " + baseline.features().size()));
        }
        DistributionDrift predictions = TallyDrift.predictions(baseline, total, policy.drift());
        List<TargetDrift> targets = new ArrayList<>();
        List<String> targetReasons = new ArrayList<>();
        for (Map.Entry<String, TargetTally> t : telemetry.perTarget().entrySet()) {
            long targetDevices = telemetry.devicesPerTarget().getOrDefault(t.getKey(), 0L);
            DatasetDrift own = t.getValue().inferences() < policy.minSamples() || targetDevices < policy.minDevices()
                    ? null : TallyDrift.inputs(baseline, t.getValue(), policy.drift());
            boolean drifted = own != null && own.datasetDrifted();
            targets.add(new TargetDrift(t.getKey(), t.getValue().inferences(), targetDevices, drifted,
                    own == null ? List.of() : own.drifted()));
            if (drifted) {
                targetReasons.add(t.getKey() + " devices (" + count(t.getValue().inferences()) + " inferences from "
                        + targetDevices + " devices): " + describe(own));
            }
        }
        List<String> reasons = new ArrayList<>();
        if (inputs.datasetDrifted()) {
            reasons.add("inputs across the fleet drift against the training baseline of version " + scope.version()
                    + ": " + describe(inputs));
        } else {
            reasons.add("inputs across the fleet: " + inputs.drifted().size() + " of " + inputs.features().size()
                    + " features drifted" + (inputs.drifted().isEmpty() ? "" : " (" + describe(inputs) + ")")
                    + ", no dataset drift (at " + percent(inputs.shareLimit()) + " of the features"
                    + (policy.drift().critical().isEmpty() ? "" : " or any critical feature") + ")"
                    + largestPsi(inputs));
        }
        targetReasons.forEach(r -> reasons.add("inputs drift on " + r));
        if (predictions != null) {
            reasons.add("predicted classes: PSI " + psi(predictions.psi()) + (predictions.drifted()
                    ? " ≥ " + psi(predictions.psiLimit()) + ", p " + p(predictions.pValue()) + " < "
                    + p(predictions.alpha()) + ": drifted (not field drift by itself: more predicted failures may "
                    + "be more failures)" : ", no drift (limit " + psi(predictions.psiLimit()) + ")"));
        }
        boolean drifted = inputs.datasetDrifted() || !targetReasons.isEmpty();
        String evidence = " over " + scope.since() + ", " + count(samples) + " inferences from " + devices + " devices";
        String summary;
        if (inputs.datasetDrifted()) {
            summary = "field drift on " + names(inputs) + ": PSI " + psis(inputs) + evidence;
        } else if (drifted) {
            summary = "field drift on " + String.join(", ", targets.stream().filter(TargetDrift::drifted)
                    .map(TargetDrift::target).toList()) + " devices" + evidence;
        } else if (!inputs.drifted().isEmpty()) {
            summary = "no field drift" + evidence + ": " + names(inputs) + " drifted (PSI " + psis(inputs) + "), under "
                    + percent(inputs.shareLimit()) + " of the features";
        } else {
            summary = "no field drift" + evidence + largestPsi(inputs).replaceFirst("^;", ":");
        }
        List<FeatureDrift> perFeature = new ArrayList<>();
        for (DistributionDrift f : inputs.features()) {
            perFeature.add(new FeatureDrift(f.name(), f.psi(), f.pValue(), f.drifted(),
                    policy.drift().critical().contains(f.name())));
        }
        return new FieldDriftReport(FieldDriftReport.SCHEMA_VERSION, scope.fleet(), scope.model(), scope.version(),
                scope.since(), scope.from(), scope.to(), drifted, true, summary, reasons, samples, devices,
                telemetry.windows(), perFeature, inputs.drifted(), predictions == null ? null
                : new PredictionDrift(predictions.psi(), predictions.pValue(), predictions.drifted()), targets, policy);
    }

    /**
     * A report that judged nothing: {@code drifted: false}, with the reason as summary and only reason. For a span with
     * too little telemetry, or no version to judge at all.
     */
    public static FieldDriftReport notJudged(Scope scope, FieldTelemetry telemetry, FieldDriftPolicy policy,
                                             String reason) {
        List<TargetDrift> targets = new ArrayList<>();
        telemetry.perTarget().forEach((target, t) -> targets.add(new TargetDrift(target, t.inferences(),
                telemetry.devicesPerTarget().getOrDefault(target, 0L), false, List.of())));
        return new FieldDriftReport(FieldDriftReport.SCHEMA_VERSION, scope.fleet(), scope.model(), scope.version(),
                scope.since(), scope.from(), scope.to(), false, false, reason, List.of(reason), telemetry.samples(),
                telemetry.devicesReporting(), telemetry.windows(), List.of(), List.of(), null, targets, policy);
    }

    /** Each drifted feature with its PSI and p-value beside their limits, then the share. */
    private static String describe(DatasetDrift d) {
        List<String> parts = new ArrayList<>();
        for (DistributionDrift f : d.features()) {
            if (f.drifted()) {
                parts.add(f.name() + " PSI " + psi(f.psi()) + " ≥ " + psi(f.psiLimit()) + ", p " + p(f.pValue())
                        + " < " + p(f.alpha()) + (d.criticalDrifted().contains(f.name()) ? " (critical)" : ""));
            }
        }
        return String.join("; ", parts) + " — " + d.drifted().size() + " of " + d.features().size() + " features ("
                + percent(d.driftedShare()) + ")";
    }

    private static String names(DatasetDrift d) {
        return String.join(", ", d.drifted());
    }

    private static String psis(DatasetDrift d) {
        return String.join(", ", d.features().stream().filter(DistributionDrift::drifted)
                .map(f -> psi(f.psi())).toList());
    }

    private static String largestPsi(DatasetDrift d) {
        return d.features().stream().max(Comparator.comparingDouble(DistributionDrift::psi))
                .map(f -> "; largest PSI " + psi(f.psi()) + " on " + f.name() + " (limit " + psi(f.psiLimit()) + ")")
                .orElse("");
    }

    /** Two decimals: PSI limits are read as 0.1, 0.2, 0.25. */
    static String psi(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String p(double v) {
        return v < 1e-4 ? String.format(Locale.ROOT, "%.1e", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    /** With thousands separators: 12,400. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
