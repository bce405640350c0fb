package io.edgemlops.contract;

import static io.edgemlops.contract.ParameterType.DECIMAL;
import static io.edgemlops.contract.ParameterType.DURATION;
import static io.edgemlops.contract.ParameterType.TEXT;
import static io.edgemlops.contract.ParameterType.TEXT_OR_WHOLE_NUMBER;
import static io.edgemlops.contract.ParameterType.WHOLE_NUMBER;

import java.util.List;

/**
 * {@code monitorFieldDrift} / {@code edge-mlops monitor}: whether the field drifted, judged on the telemetry of the
 * version in production across a fleet over a recent span, so that a nightly job retrains only when it did.
 *
 * <p>The drift limits are the gate's own parameters ({@link AwaitDriftGateContract}), same names, defaults and help: a
 * shift the gate calls drift on a wave is drift in the field too. See {@code docs/drift.md}, "Gate vs monitor".
 */
public final class MonitorFieldDriftContract {

    private MonitorFieldDriftContract() {
    }

    public static final String DEFAULT_SINCE = "24h";
    /** The alias whose version is judged when no version is given. */
    public static final String DEFAULT_VERSION = "production";
    /**
     * Lower than the gate's 0.5: the monitor asks whether to retrain, which costs a night's training and is guarded by
     * the champion / challenger check; the gate asks whether to take a model away from devices. On the pump model's
     * 16 features, two drifted features are field drift here.
     */
    public static final double DEFAULT_DRIFT_SHARE = 0.1;

    public static final Parameter MODEL = Parameter.builder("model", TEXT).required()
            .title("Model")
            .help("The model whose version in the field is judged.")
            .build();
    public static final Parameter FLEET = Parameter.builder("fleet", TEXT).required()
            .title("Fleet")
            .help("The fleet whose devices' telemetry is judged, e.g. `eu`.")
            .build();
    public static final Parameter SINCE = Parameter.builder("since", DURATION)
            .defaultValue(DEFAULT_SINCE).range(Range.greaterThan(0))
            .title("Span")
            .help("How far back from now the telemetry is judged, e.g. `24h` for the day before a nightly job, or `7d`. "
                    + "Telemetry windows that start inside the span count.")
            .build();
    public static final Parameter VERSION = Parameter.builder("version", TEXT_OR_WHOLE_NUMBER)
            .defaultValue(DEFAULT_VERSION)
            .title("Version")
            .help("The version to judge: a version number, or an alias. Without a version under the alias the answer is "
                    + "`drifted: false` with the reason, and no `version` in the result.")
            .build();
    public static final Parameter DRIFT_SHARE = Parameter.builder("driftShare", DECIMAL)
            .defaultValue(DEFAULT_DRIFT_SHARE).range(new Range(0.0, true, 1.0, false))
            .title("Share of drifted features for field drift")
            .help("The field drifted when this share of the features drifts, or any feature named in "
                    + "`criticalFeatures`. Lower than the gate's default (0.5): a retraining is cheap and checked "
                    + "against the version in production before it ships; with the pump model's 16 features, two "
                    + "drifted features are enough.")
            .build();
    public static final Parameter MIN_SAMPLES = Parameter.builder("minSamples", WHOLE_NUMBER)
            .defaultValue(AwaitDriftGateContract.DEFAULT_MIN_SAMPLES).range(Range.atLeast(1))
            .title("Fewest inferences")
            .help("With fewer inferences over the span nothing is judged: the answer is `drifted: false`, and the "
                    + "reason says how many there were. A target profile's own drift counts only with this many "
                    + "inferences of its own.")
            .build();
    public static final Parameter MIN_DEVICES = Parameter.builder("minDevices", WHOLE_NUMBER)
            .defaultValue(AwaitDriftGateContract.DEFAULT_MIN_DEVICES).range(Range.atLeast(1))
            .title("Fewest devices")
            .help("With fewer devices reporting in any one telemetry window nothing is judged (a device or two are "
                    + "their own sensors, not the field). A target profile's own drift counts only with this many "
                    + "devices of its own.")
            .build();

    public static final ResultKey R_DRIFTED = ResultKey.always("drifted", "Field drift",
            "true when the inputs drifted against the version's training baseline, across the fleet or on one target "
                    + "profile with enough evidence of its own: retrain on recent data. Never true without enough "
                    + "data");
    public static final ResultKey R_SUMMARY = ResultKey.always("summary", "Summary",
            "one line for people, e.g. `field drift on temp_bearing, flow_rate: PSI 0.93, 0.88 over 24h, 12,400 "
                    + "inferences from 180 devices` or `not enough data over 24h: 310 of 1,000 inferences`");
    public static final ResultKey R_REASONS = ResultKey.always("reasons", "Reasons",
            "one sentence per finding, each value beside its limit; the only one says why when nothing was judged");
    public static final ResultKey R_VERSION = ResultKey.sometimes("version", "Version",
            "the version judged; absent when there is no version under the alias (no version in production yet)");
    public static final ResultKey R_SINCE = ResultKey.always("since", "Span", "the span judged, e.g. `24h`");
    public static final ResultKey R_FROM = ResultKey.always("from", "From",
            "start of the span, an ISO-8601 instant: telemetry windows that start at or after it count");
    public static final ResultKey R_TO = ResultKey.always("to", "To",
            "end of the span (the time of the run), an ISO-8601 instant");
    public static final ResultKey R_SAMPLES = ResultKey.always("samples", "Inferences",
            "inferences of the version's serving devices over the span, failed ones included");
    public static final ResultKey R_DEVICES_REPORTING = ResultKey.always("devicesReporting", "Devices reporting",
            "the largest number of devices that reported in one telemetry window of the span (devices cannot be "
                    + "told apart across windows)");
    public static final ResultKey R_PER_FEATURE = ResultKey.always("perFeature", "Drift per feature",
            "one map per input feature in schema order, `[feature:, psi:, pValue:, drifted:, critical:]`, across the "
                    + "fleet against the training baseline; empty when nothing was judged");
    public static final ResultKey R_DRIFTED_FEATURES = ResultKey.always("driftedFeatures", "Drifted features",
            "the names of the features that drifted across the fleet (some may drift without dataset drift: fewer "
                    + "than `driftShare` of the features, none critical)");
    public static final ResultKey R_PREDICTION_DRIFT = ResultKey.sometimes("predictionDrift", "Prediction drift",
            "the predicted classes against the baseline's, `[psi:, pValue:, drifted:]` (classifiers, when judged); "
                    + "not field drift by itself: more predicted failures may be more failures");
    public static final ResultKey R_PER_TARGET = ResultKey.always("perTarget", "Per target",
            "one map per target profile, `[target:, samples:, devices:, drifted:, driftedFeatures:]`; a target is "
                    + "judged on its own only with `minSamples` inferences and `minDevices` devices");
    public static final ResultKey R_REPORT = ResultKey.always("report", "Report",
            "the store key of the JSON report of this run, `fleets/<fleet>/monitor/<model>/<time>.json`");

    public static final StepContract STEP = new StepContract("monitorFieldDrift", "monitor",
            "Monitor field drift of the model in production (Edge MLOps)",
            "Judges whether the field drifted: the inputs that the devices of a fleet fed the version in production "
                    + "(or another version or alias) over a recent span, against the data that version was trained on, "
                    + "with the drift gate's statistics (PSI with a chi-square guard per feature, the dataset rule), "
                    + "across the fleet and per target profile. It returns at once with `drifted`, so a nightly job "
                    + "retrains only when the field moved.\n\n"
                    + "Not enough data (no version under the alias, too few inferences or devices) is an answer, not "
                    + "an error: `drifted: false` with the reason, never a retraining on noise. Each run stores a JSON "
                    + "report in the bucket (`report`), which the retraining can cite. The step never fails the build "
                    + "on drift; bad arguments and store errors fail it.",
            "def d = monitorFieldDrift model: 'pump', fleet: 'eu'\n"
                    + "echo d.summary\n"
                    + "if (d.drifted) {\n"
                    + "    // retrain on recent data\n"
                    + "}",
            List.of(MODEL, FLEET, SINCE, VERSION, AwaitDriftGateContract.PSI_THRESHOLD, AwaitDriftGateContract.ALPHA,
                    DRIFT_SHARE, AwaitDriftGateContract.CRITICAL_FEATURES, MIN_SAMPLES,
                    MIN_DEVICES, CommonParameters.STORE),
            List.of(R_DRIFTED, R_SUMMARY, R_REASONS, R_VERSION, R_SINCE, R_FROM, R_TO, R_SAMPLES,
                    R_DEVICES_REPORTING, R_PER_FEATURE, R_DRIFTED_FEATURES, R_PREDICTION_DRIFT, R_PER_TARGET,
                    R_REPORT));
}
