package io.edgemlops.cli;

import static io.edgemlops.contract.AwaitDriftGateContract.ALPHA;
import static io.edgemlops.contract.AwaitDriftGateContract.CRITICAL_FEATURES;
import static io.edgemlops.contract.AwaitDriftGateContract.PSI_THRESHOLD;
import static io.edgemlops.contract.MonitorFieldDriftContract.FLEET;
import static io.edgemlops.contract.MonitorFieldDriftContract.MIN_DEVICES;
import static io.edgemlops.contract.MonitorFieldDriftContract.MIN_SAMPLES;
import static io.edgemlops.contract.MonitorFieldDriftContract.MODEL;
import static io.edgemlops.contract.MonitorFieldDriftContract.SINCE;
import static io.edgemlops.contract.MonitorFieldDriftContract.VERSION;

import io.edgemlops.contract.MonitorFieldDriftContract;
import io.edgemlops.contract.StepContract;
import io.edgemlops.drift.DriftLimits;
import io.edgemlops.monitor.FieldDriftPolicy;
import io.edgemlops.monitor.FieldDriftReport;
import io.edgemlops.store.OpenStore;
import io.edgemlops.usecase.MonitorFieldDrift;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code edge-mlops monitor}: the {@code monitorFieldDrift} step from the command line; flags from the contract. Exit 0
 * whether the field drifted or not (and when there was not enough data to tell): the answer is {@code drifted}.
 */
@Command(name = "monitor", modelTransformer = ContractOptions.class,
        description = "Judge whether the field drifted: the telemetry of the version in production across a fleet "
                + "over the last --since, against its training baseline. Prints drifted true or false (exit 0 either "
                + "way; not enough data is false with the reason) and stores a JSON report in the store.")
final class MonitorCommand extends StoreCommand implements ContractCommand {

    /** The clock the span ends at; replaceable in tests, whose simulated fleets run ahead of the wall clock. */
    static Clock clock = Clock.systemUTC();

    @Override
    public StepContract contract() {
        return MonitorFieldDriftContract.STEP;
    }

    @Override
    protected LinkedHashMap<String, Object> compute(OpenStore store) {
        StepValues v = stepValues();
        MonitorFieldDrift.Request request = new MonitorFieldDrift.Request(v.text(FLEET), v.text(MODEL),
                v.text(VERSION), v.text(SINCE), policy(v));
        return result(MonitorFieldDrift.run(store.store(), request, clock, new Progress(err())));
    }

    /** The monitor's limits: the engine's defaults ({@link FieldDriftPolicy#defaults}) for every flag left out. */
    static FieldDriftPolicy policy(StepValues v) {
        FieldDriftPolicy defaults = FieldDriftPolicy.defaults();
        List<String> critical = v.texts(CRITICAL_FEATURES);
        return new FieldDriftPolicy(
                new DriftLimits(or(v.decimal(PSI_THRESHOLD), defaults.drift().psi()),
                        or(v.decimal(ALPHA), defaults.drift().alpha()),
                        or(v.decimal(MonitorFieldDriftContract.DRIFT_SHARE), defaults.drift().datasetShare()),
                        critical == null ? defaults.drift().critical() : new LinkedHashSet<>(critical)),
                or(v.whole(MIN_SAMPLES), defaults.minSamples()),
                or(v.whole(MIN_DEVICES), defaults.minDevices()));
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /** The {@code monitorFieldDrift} result Map, keyed by the contract's result keys. */
    static LinkedHashMap<String, Object> result(MonitorFieldDrift.Outcome o) {
        FieldDriftReport r = o.report();
        ResultMap m = new ResultMap(MonitorFieldDriftContract.STEP);
        m.put(MonitorFieldDriftContract.R_DRIFTED, r.drifted());
        m.put(MonitorFieldDriftContract.R_SUMMARY, r.summary());
        m.put(MonitorFieldDriftContract.R_REASONS, r.reasons());
        if (r.version() != null) {
            m.put(MonitorFieldDriftContract.R_VERSION, r.version());
        }
        m.put(MonitorFieldDriftContract.R_SINCE, r.since());
        m.put(MonitorFieldDriftContract.R_FROM, r.from().toString());
        m.put(MonitorFieldDriftContract.R_TO, r.to().toString());
        m.put(MonitorFieldDriftContract.R_SAMPLES, r.samples());
        m.put(MonitorFieldDriftContract.R_DEVICES_REPORTING, r.devicesReporting());
        List<Map<String, Object>> perFeature = new ArrayList<>();
        for (FieldDriftReport.FeatureDrift f : r.perFeature()) {
            perFeature.add(Output.toMap(f));
        }
        m.put(MonitorFieldDriftContract.R_PER_FEATURE, perFeature);
        m.put(MonitorFieldDriftContract.R_DRIFTED_FEATURES, r.driftedFeatures());
        if (r.predictionDrift() != null) {
            m.put(MonitorFieldDriftContract.R_PREDICTION_DRIFT, Output.toMap(r.predictionDrift()));
        }
        List<Map<String, Object>> perTarget = new ArrayList<>();
        for (FieldDriftReport.TargetDrift t : r.perTarget()) {
            perTarget.add(Output.toMap(t));
        }
        m.put(MonitorFieldDriftContract.R_PER_TARGET, perTarget);
        m.put(MonitorFieldDriftContract.R_REPORT, o.reportKey());
        return m.toMap();
    }
}
