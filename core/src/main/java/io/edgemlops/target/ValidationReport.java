package io.edgemlops.target;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.edgemlops.runtime.LatencyStats;
import io.edgemlops.runtime.MemoryEstimate;
import io.edgemlops.train.Metrics;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of validating one model variant for one device profile; stored next to the model
 * version and rendered as JUnit XML and a console table.
 *
 * @param target profile name
 * @param variant variant name (fp32, int8, fp16)
 * @param passed true when every check passed
 * @param checks every check in the order run
 * @param latency single-row latency as expected on the device (measured × relativeSpeed, or as
 *     measured when {@code onTarget}); null when the model could not be run
 * @param measuredLatency single-row latency as measured on this host; null when not run
 * @param relativeSpeed factor applied to the measured latency (1 when on target)
 * @param onTarget whether validation ran on the device itself
 * @param metrics quality on the evaluation rows; null when not evaluated
 * @param memory memory estimate; null when the model could not be analysed
 * @param modelBytes size of the model file
 * @param modelSha256 hex sha256 of the model file
 * @param validatedAt ISO-8601 instant
 * @param host where validation ran (host name, OS, architecture, CPUs, runtime version)
 * @param champion the champion / challenger comparison with the version in production (also one of the
 *     {@code checks}, named {@value ChampionChallenger#CHECK}), or null when it was not run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidationReport(
        String target,
        String variant,
        boolean passed,
        List<CheckResult> checks,
        LatencyStats latency,
        LatencyStats measuredLatency,
        double relativeSpeed,
        boolean onTarget,
        Metrics metrics,
        MemoryEstimate memory,
        long modelBytes,
        String modelSha256,
        String validatedAt,
        String host,
        ChampionComparison champion) {

    public ValidationReport {
        checks = List.copyOf(checks);
    }

    /** A report without a champion / challenger comparison. */
    public ValidationReport(String target, String variant, boolean passed, List<CheckResult> checks,
                            LatencyStats latency, LatencyStats measuredLatency, double relativeSpeed, boolean onTarget,
                            Metrics metrics, MemoryEstimate memory, long modelBytes, String modelSha256,
                            String validatedAt, String host) {
        this(target, variant, passed, checks, latency, measuredLatency, relativeSpeed, onTarget, metrics, memory,
                modelBytes, modelSha256, validatedAt, host, null);
    }

    /**
     * This report with the champion / challenger comparison added: kept as {@code champion}, appended to the checks
     * as {@value ChampionChallenger#CHECK} (so the JUnit report has a test case for it), and part of {@code passed}.
     */
    public ValidationReport withChampion(ChampionComparison comparison) {
        List<CheckResult> all = new java.util.ArrayList<>(checks.stream()
                .filter(c -> !c.name().equals(ChampionChallenger.CHECK)).toList());
        all.add(ChampionChallenger.check(comparison));
        boolean allPassed = all.stream().allMatch(CheckResult::passed);
        return new ValidationReport(target, variant, allPassed, all, latency, measuredLatency, relativeSpeed, onTarget,
                metrics, memory, modelBytes, modelSha256, validatedAt, host, comparison);
    }

    /** The checks that failed. */
    public List<CheckResult> failedChecks() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** One line naming each failed check and its violation, or "all checks passed". */
    public String reason() {
        List<CheckResult> failed = failedChecks();
        if (failed.isEmpty()) {
            return "all " + checks.size() + " checks passed for " + target + " (" + variant + ")";
        }
        return failed.stream().map(c -> c.name() + ": " + c.failureSummary())
                .collect(Collectors.joining("; ", target + " (" + variant + ") failed: ", ""));
    }

    /** Projected single-row p95 on the device in ms, or null when the model did not run. */
    public Double latencyP95Ms() {
        return latency == null ? null : latency.p95Ms();
    }

    /** Accuracy (classification) or R² (regression) on the evaluation rows, or null when not evaluated. */
    public Double headlineMetric() {
        return metrics == null ? null : metrics.headline();
    }

    /** The check with this name, or null. */
    public CheckResult check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }
}
