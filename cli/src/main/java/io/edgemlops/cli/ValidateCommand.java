package io.edgemlops.cli;

import io.edgemlops.report.CheckTable;
import io.edgemlops.store.OpenStore;
import io.edgemlops.target.CheckResult;
import io.edgemlops.target.ValidateAndRecord;
import io.edgemlops.target.ValidationReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edge-mlops validate}: the {@code validateForTarget} step from the command line. */
@Command(name = "validate", description = "Check a model variant against an edge device profile "
        + "(size, memory, latency, accuracy, operators, data types, opset, schema); exit 1 when a check fails.")
final class ValidateCommand extends StoreCommand {

    @Option(names = "--model", required = true, description = "Model name.")
    String model;

    @Option(names = "--version", defaultValue = "latest",
            description = "Version number, latest, or an alias such as production (default: latest).")
    String version;

    @Option(names = "--target", required = true,
            description = "Bundled profile name (raspberry-pi-4, raspberry-pi-zero-2w, jetson-nano-cpu, x86-gateway) "
                    + "or a profile JSON file.")
    String target;

    @Option(names = "--variant", defaultValue = "fp32", description = "Variant to validate: fp32, int8, fp16 (default: fp32).")
    String variant;

    @Option(names = "--min-accuracy", description = "Minimum accuracy (R² for regression), overriding the profile's.")
    Double minAccuracy;

    @Option(names = "--report", description = "JUnit XML report path (default: edge-mlops-reports/validate-<target>-<variant>.xml).")
    String report;

    @Option(names = "--on-target", description = "This machine is the target device: report latency as measured, unscaled.")
    boolean onTarget;

    @Override
    protected LinkedHashMap<String, Object> compute(OpenStore store) {
        ValidateAndRecord.Request request = new ValidateAndRecord.Request(model, version, target, variant, minAccuracy,
                report, onTarget, Path.of("").toAbsolutePath(), build.reference());
        ValidateAndRecord.Outcome outcome = ValidateAndRecord.run(store.store(), request, new Progress(err()));
        err().println(CheckTable.render(outcome.report()));
        err().flush();
        return result(outcome, report == null ? ValidateAndRecord.defaultReportPath(outcome.report().target(),
                outcome.report().variant()) : report);
    }

    static LinkedHashMap<String, Object> result(ValidateAndRecord.Outcome outcome, String reportPath) {
        ValidationReport v = outcome.report();
        LinkedHashMap<String, Object> r = new LinkedHashMap<>();
        r.put("passed", v.passed());
        if (!v.passed()) {
            r.put("reason", outcome.card().ref() + " " + v.variant() + " on " + v.target() + ": " + v.reason());
        }
        r.put("model", outcome.card().name());
        r.put("version", outcome.card().version());
        r.put("target", v.target());
        r.put("variant", v.variant());
        List<Map<String, Object>> checks = new ArrayList<>();
        for (CheckResult c : v.checks()) {
            checks.add(Output.toMap(c));
        }
        r.put("checks", checks);
        r.put("latencyP95Ms", v.latencyP95Ms());
        if (v.measuredLatency() != null) {
            r.put("measuredLatencyP95Ms", v.measuredLatency().p95Ms());
        }
        if (v.metrics() != null && v.metrics().accuracy() != null) {
            r.put("accuracy", v.metrics().accuracy());
        }
        if (v.metrics() != null && v.metrics().r2() != null) {
            r.put("r2", v.metrics().r2());
        }
        r.put("sizeBytes", v.modelBytes());
        if (v.memory() != null) {
            r.put("memoryBytes", v.memory().requiredBytes());
        }
        r.put("report", reportPath);
        return r;
    }
}
