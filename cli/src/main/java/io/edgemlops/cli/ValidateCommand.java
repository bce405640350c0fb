package io.edgemlops.cli;

import static io.edgemlops.contract.ValidateForTargetContract.MAX_REGRESSION;
import static io.edgemlops.contract.ValidateForTargetContract.MIN_ACCURACY;
import static io.edgemlops.contract.ValidateForTargetContract.MODEL;
import static io.edgemlops.contract.ValidateForTargetContract.ON_TARGET;
import static io.edgemlops.contract.ValidateForTargetContract.REPORT;
import static io.edgemlops.contract.ValidateForTargetContract.TARGET;
import static io.edgemlops.contract.ValidateForTargetContract.VARIANT;
import static io.edgemlops.contract.ValidateForTargetContract.VERSION;

import io.edgemlops.contract.StepContract;
import io.edgemlops.contract.ValidateForTargetContract;
import io.edgemlops.report.CheckTable;
import io.edgemlops.store.OpenStore;
import io.edgemlops.target.CheckResult;
import io.edgemlops.target.ValidationReport;
import io.edgemlops.usecase.ValidateAndRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code edge-mlops validate}: the {@code validateForTarget} step from the command line; flags from the contract. */
@Command(name = "validate", modelTransformer = ContractOptions.class,
        description = "Check a model variant against an edge device profile (size, memory, latency, accuracy, "
                + "operators, data types, opset, schema) and against the version in production (champion / challenger); exit 1 when a check fails.")
final class ValidateCommand extends StoreCommand implements ContractCommand {

    @Override
    public StepContract contract() {
        return ValidateForTargetContract.STEP;
    }

    @Override
    protected LinkedHashMap<String, Object> compute(OpenStore store) {
        StepValues v = stepValues();
        ValidateAndRecord.Request request = new ValidateAndRecord.Request(v.text(MODEL), v.text(VERSION),
                v.text(TARGET), v.text(VARIANT), v.decimal(MIN_ACCURACY), v.text(REPORT), v.flag(ON_TARGET),
                Path.of("").toAbsolutePath(), build.reference(), v.decimal(MAX_REGRESSION));
        ValidateAndRecord.Outcome outcome = ValidateAndRecord.run(store.store(), request, new Progress(err()));
        err().println(CheckTable.render(outcome.report()));
        err().flush();
        return result(outcome);
    }

    /** The {@code validateForTarget} result Map, keyed by the contract's result keys. */
    static LinkedHashMap<String, Object> result(ValidateAndRecord.Outcome outcome) {
        ValidationReport v = outcome.report();
        ResultMap r = new ResultMap(ValidateForTargetContract.STEP);
        r.put(ValidateForTargetContract.R_PASSED, v.passed());
        if (!v.passed()) {
            r.put(ValidateForTargetContract.R_REASON, outcome.card().ref() + " " + v.variant() + " on " + v.target()
                    + ": " + v.reason());
        }
        r.put(ValidateForTargetContract.R_MODEL, outcome.card().name());
        r.put(ValidateForTargetContract.R_VERSION, outcome.card().version());
        r.put(ValidateForTargetContract.R_TARGET, v.target());
        r.put(ValidateForTargetContract.R_VARIANT, v.variant());
        List<Map<String, Object>> checks = new ArrayList<>();
        for (CheckResult c : v.checks()) {
            checks.add(Output.toMap(c));
        }
        r.put(ValidateForTargetContract.R_CHECKS, checks);
        r.put(ValidateForTargetContract.R_LATENCY_P95_MS, v.latencyP95Ms());
        if (v.measuredLatency() != null) {
            r.put(ValidateForTargetContract.R_MEASURED_LATENCY_P95_MS, v.measuredLatency().p95Ms());
        }
        if (v.metrics() != null && v.metrics().accuracy() != null) {
            r.put(ValidateForTargetContract.R_ACCURACY, v.metrics().accuracy());
        }
        if (v.metrics() != null && v.metrics().r2() != null) {
            r.put(ValidateForTargetContract.R_R2, v.metrics().r2());
        }
        if (v.champion() != null) {
            r.put(ValidateForTargetContract.R_CHAMPION, Output.toMap(v.champion()));
        }
        r.put(ValidateForTargetContract.R_SIZE_BYTES, v.modelBytes());
        if (v.memory() != null) {
            r.put(ValidateForTargetContract.R_MEMORY_BYTES, v.memory().requiredBytes());
        }
        r.put(ValidateForTargetContract.R_REPORT, outcome.reportPath());
        return r.toMap();
    }
}
