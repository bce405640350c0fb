package io.edgemlops.contract;

import static io.edgemlops.contract.ParameterType.CHOICE;
import static io.edgemlops.contract.ParameterType.DECIMAL;
import static io.edgemlops.contract.ParameterType.DURATION;
import static io.edgemlops.contract.ParameterType.FLAG;
import static io.edgemlops.contract.ParameterType.TEXT;
import static io.edgemlops.contract.ParameterType.TEXT_LIST;
import static io.edgemlops.contract.ParameterType.WHOLE_NUMBER;

import java.util.List;

/**
 * {@code awaitDriftGate} / {@code edge-mlops gate}: judge the current wave of a rollout on the telemetry of its devices,
 * then promote it, hold it for a person, or roll it back.
 *
 * <p>The defaults are the gate's, not the front-ends': {@code docs/drift.md} explains each rule and why its default.
 */
public final class AwaitDriftGateContract {

    private AwaitDriftGateContract() {
    }

    public static final double DEFAULT_PSI_THRESHOLD = 0.2;
    public static final double DEFAULT_ALPHA = 0.01;
    public static final double DEFAULT_DRIFT_SHARE = 0.5;
    public static final double DEFAULT_MAX_LATENCY_INCREASE = 0.2;
    public static final double DEFAULT_MAX_ERROR_RATE = 0.05;
    public static final double DEFAULT_MIN_AGREEMENT = 0.9;
    /**
     * Inferences before drift is judged. Above about 500, more samples do not make a shift easier to see: the
     * baseline's own sampling noise limits it (docs/drift.md, measured), so a larger default would only delay.
     */
    public static final long DEFAULT_MIN_SAMPLES = 1000;
    public static final long DEFAULT_MIN_DEVICES = 3;
    public static final double DEFAULT_MAX_UNKNOWN_SHARE = 0.1;
    public static final long DEFAULT_CONFIRM_WINDOWS = 2;
    public static final String DEFAULT_SOAK = "30m";
    public static final String DEFAULT_TIMEOUT = "24h";
    public static final String DEFAULT_POLL_INTERVAL = "5m";
    public static final String DEFAULT_ON_TIMEOUT = "hold";
    public static final String DEFAULT_ON_DATA_DRIFT = "rollback";

    public static final Parameter FLEET = Parameter.builder("fleet", TEXT).required()
            .title("Fleet")
            .help("The fleet the rollout goes to, e.g. `eu` (`publishToEdge` returns it as `fleet`).")
            .build();
    public static final Parameter ROLLOUT = Parameter.builder("rollout", TEXT)
            .defaultText("the rollout of `model` in progress in the fleet")
            .title("Rollout")
            .help("The rollout to judge: the id `publishToEdge` returns as `rollout`, e.g. `pump-v3-20261125T100000Z`.")
            .build();
    public static final Parameter MODEL = Parameter.builder("model", TEXT)
            .defaultText("the model of `rollout`")
            .title("Model")
            .help("The model whose rollout in progress is judged, when `rollout` is not given.")
            .build();
    public static final Parameter PSI_THRESHOLD = Parameter.builder("psiThreshold", DECIMAL)
            .defaultValue(DEFAULT_PSI_THRESHOLD).range(Range.greaterThan(0))
            .title("PSI threshold")
            .help("A feature (or the predicted classes) drifts when its population stability index against the "
                    + "training baseline reaches this value and the chi-square test is significant. 0.1 is a small "
                    + "shift, 0.2 a material one, 0.25 and above a large one.")
            .build();
    public static final Parameter ALPHA = Parameter.builder("alpha", DECIMAL)
            .defaultValue(DEFAULT_ALPHA).range(Range.open(0, 1))
            .title("Significance level")
            .help("The chi-square test's significance level over all features together (Bonferroni-corrected: each "
                    + "feature is tested at alpha divided by the number of features). It only guards small samples: "
                    + "the decision rests on the PSI.")
            .build();
    public static final Parameter DRIFT_SHARE = Parameter.builder("driftShare", DECIMAL)
            .defaultValue(DEFAULT_DRIFT_SHARE).range(new Range(0.0, true, 1.0, false))
            .title("Share of drifted features for dataset drift")
            .help("The inputs as a whole drift when this share of the features drifts, or any feature named in "
                    + "`criticalFeatures`.")
            .build();
    public static final Parameter CRITICAL_FEATURES = Parameter.builder("criticalFeatures", TEXT_LIST)
            .defaultText("none")
            .title("Critical features")
            .help("Features whose drift alone means the inputs drift, e.g. `['temperature']`.")
            .build();
    public static final Parameter MAX_LATENCY_P95_MS = Parameter.builder("maxLatencyP95Ms", DECIMAL)
            .range(Range.greaterThan(0))
            .defaultText("each target profile's latency budget")
            .title("Latency budget p95 (ms)")
            .help("The largest p95 inference latency on any target, in milliseconds.")
            .build();
    public static final Parameter MAX_LATENCY_INCREASE = Parameter.builder("maxLatencyIncrease", DECIMAL)
            .defaultValue(DEFAULT_MAX_LATENCY_INCREASE).range(Range.atLeast(0))
            .title("Largest latency increase over the control")
            .help("The largest increase of the p95 latency over the devices of the same target still on the previous "
                    + "version, in the same windows: 0.2 is +20 %. Judging against that control group keeps a slow "
                    + "hour of the whole fleet from being blamed on the new model.")
            .build();
    public static final Parameter MAX_ERROR_RATE = Parameter.builder("maxErrorRate", DECIMAL)
            .defaultValue(DEFAULT_MAX_ERROR_RATE).range(new Range(0.0, false, 1.0, true))
            .title("Largest error rate")
            .help("The largest share of failed inferences. The gate rolls back only when the lower bound of the "
                    + "95 % Wilson interval of the error rate is above it, and promotes only when the upper bound is "
                    + "below it.")
            .build();
    public static final Parameter MIN_AGREEMENT = Parameter.builder("minAgreement", DECIMAL)
            .defaultValue(DEFAULT_MIN_AGREEMENT).range(new Range(0.0, true, 1.0, false))
            .title("Smallest shadow agreement")
            .help("For a shadow wave: the smallest share of inputs on which the new version predicts what the serving "
                    + "version predicts.")
            .build();
    public static final Parameter MIN_SAMPLES = Parameter.builder("minSamples", WHOLE_NUMBER)
            .defaultValue(DEFAULT_MIN_SAMPLES).range(Range.atLeast(1))
            .title("Fewest inferences")
            .help("The gate waits until the wave's devices have run at least this many inferences: fewer prove "
                    + "nothing, and the gate never rolls back on no data.")
            .build();
    public static final Parameter MIN_DEVICES = Parameter.builder("minDevices", WHOLE_NUMBER)
            .defaultValue(DEFAULT_MIN_DEVICES).range(Range.atLeast(1))
            .defaultText("3, or every device of the wave when it has fewer")
            .title("Fewest devices")
            .help("The gate waits until at least this many devices of the wave report the new version healthy.")
            .build();
    public static final Parameter MAX_UNKNOWN_SHARE = Parameter.builder("maxUnknownShare", DECIMAL)
            .defaultValue(DEFAULT_MAX_UNKNOWN_SHARE).range(Range.closed(0, 1))
            .title("Largest share of silent devices")
            .help("Devices of the wave that have not reported the new version in the last window count as unknown; "
                    + "while their share is above this, the gate does not promote.")
            .build();
    public static final Parameter CONFIRM_WINDOWS = Parameter.builder("confirmWindows", WHOLE_NUMBER)
            .defaultValue(DEFAULT_CONFIRM_WINDOWS).range(Range.atLeast(1))
            .title("Windows that confirm a violation")
            .help("Drift or a slowdown must show in this many consecutive telemetry windows before the gate rolls "
                    + "back. Hard failures (devices that refused or reverted the new version, an error rate whose "
                    + "lower bound is over the limit) roll back at once.")
            .build();
    public static final Parameter SOAK = Parameter.builder("soak", DURATION)
            .defaultValue(DEFAULT_SOAK).range(Range.atLeast(0))
            .title("Soak time")
            .help("The least time a wave runs before the gate promotes it, e.g. `30m` or `2h`.")
            .build();
    public static final Parameter TIMEOUT = Parameter.builder("timeout", DURATION)
            .defaultValue(DEFAULT_TIMEOUT).range(Range.greaterThan(0))
            .title("Timeout")
            .help("How long the step waits for a decision before `onTimeout` applies.")
            .build();
    public static final Parameter POLL_INTERVAL = Parameter.builder("pollInterval", DURATION)
            .defaultValue(DEFAULT_POLL_INTERVAL).range(Range.atLeast(0))
            .title("Poll interval")
            .help("Time between two polls while the gate waits; it doubles after polls that found nothing new, up to "
                    + "four times this.")
            .build();
    public static final Parameter ON_TIMEOUT = Parameter.builder("onTimeout", CHOICE)
            .choices("hold", "rollback", "fail").defaultValue(DEFAULT_ON_TIMEOUT)
            .title("On timeout")
            .help("What a timeout does: `hold` leaves the wave where it is for a person to decide (decision `HELD`), "
                    + "`rollback` rolls it back, `fail` fails the build and leaves the rollout as it is.")
            .build();
    public static final Parameter ON_DATA_DRIFT = Parameter.builder("onDataDrift", CHOICE)
            .choices("rollback", "hold").defaultValue(DEFAULT_ON_DATA_DRIFT)
            .title("On field drift")
            .help("What the gate does when the inputs drift on the previous version's devices too (the field changed, "
                    + "not the model): `rollback` stops the rollout and returns its devices to the fleet's version, "
                    + "so no more devices get a model whose training data no longer matches the field; `hold` leaves "
                    + "it for a person. Either way the result says to retrain.")
            .build();
    public static final Parameter AUTO_ADVANCE = Parameter.builder("autoAdvance", FLAG)
            .defaultValue(false)
            .title("Judge every wave")
            .help("Keep judging wave after wave until the rollout completes, rolls back or is held, instead of "
                    + "returning after the first promotion.")
            .build();
    public static final Parameter SIGNING_KEY = Parameter.builder("signingKey", TEXT)
            .defaultText("the `" + PublishToEdgeContract.SIGNING_KEY_VARIABLE + "` environment variable")
            .title("Signing key file")
            .help("The Ed25519 private key that signed the rollout: the gate signs the desired state again when it "
                    + "promotes or rolls back. As for `publishToEdge`.")
            .build();

    public static final ResultKey R_DECISION = ResultKey.always("decision", "Decision",
            "`PROMOTED` (the wave passed: the next wave started, or after the last the version became `production`), "
                    + "`ROLLED_BACK` (its devices went back to the previous version), `HELD` (a person must decide) "
                    + "or, from `edge-mlops gate --once` only, `WAIT` (not enough evidence yet)");
    public static final ResultKey R_PASSED = ResultKey.always("passed", "Passed",
            "false when the decision is `ROLLED_BACK`");
    public static final ResultKey R_ROLLOUT = ResultKey.always("rollout", "Rollout", "the rollout's id");
    public static final ResultKey R_FLEET = ResultKey.always("fleet", "Fleet", "the fleet");
    public static final ResultKey R_MODEL = ResultKey.always("model", "Model", "the model");
    public static final ResultKey R_VERSION = ResultKey.always("version", "Version", "the version rolled out");
    public static final ResultKey R_PREVIOUS_VERSION = ResultKey.sometimes("previousVersion", "Previous version",
            "the version the control devices run, and the one a rollback returns to");
    public static final ResultKey R_WAVE = ResultKey.always("wave", "Wave judged",
            "the wave that was judged, counted from 1");
    public static final ResultKey R_WAVES = ResultKey.always("waves", "Waves", "the number of waves");
    public static final ResultKey R_COMPLETE = ResultKey.always("complete", "Complete",
            "true when the last wave was promoted and the version is now under the alias `production`");
    public static final ResultKey R_REASONS = ResultKey.always("reasons", "Reasons",
            "one sentence per finding behind the decision, each with its value and limit");
    public static final ResultKey R_WAITING_FOR = ResultKey.always("waitingFor", "Waiting for",
            "what the gate still waits for (samples, devices, soak time left); empty once it decided");
    public static final ResultKey R_PER_FEATURE = ResultKey.always("perFeature", "Drift per feature",
            "feature name → `[psi:, pValue:, drifted:]` on the wave's devices against the training baseline");
    public static final ResultKey R_DRIFTED_FEATURES = ResultKey.always("driftedFeatures", "Drifted features",
            "the names of the features that drifted");
    public static final ResultKey R_FIELD_DRIFT = ResultKey.always("fieldDrift", "Field drift",
            "true when the inputs drifted on the previous version's devices too: retrain on recent data");
    public static final ResultKey R_PREDICTION_PSI = ResultKey.sometimes("predictionPsi", "Prediction drift (PSI)",
            "PSI of the predicted classes against the baseline (classifiers)");
    public static final ResultKey R_LATENCY_P95_MS = ResultKey.always("latencyP95Ms", "Latency p95 (ms)",
            "target → p95 latency of the new version in milliseconds, from the merged histograms (within 4.4 %)");
    public static final ResultKey R_CONTROL_LATENCY_P95_MS = ResultKey.always("controlLatencyP95Ms",
            "Control latency p95 (ms)", "target → p95 latency of the devices still on the previous version");
    public static final ResultKey R_ERROR_RATE = ResultKey.always("errorRate", "Error rate",
            "failed inferences of the new version over all of its inferences");
    public static final ResultKey R_AGREEMENT = ResultKey.sometimes("agreement", "Shadow agreement",
            "shadow wave: share of inputs on which the new version agreed with the serving one");
    public static final ResultKey R_SAMPLES = ResultKey.always("samples", "Inferences",
            "inferences of the new version in the wave");
    public static final ResultKey R_DEVICES_REPORTING = ResultKey.always("devicesReporting", "Devices reporting",
            "devices of the wave that reported the new version in the last window");
    public static final ResultKey R_DEVICES_EXPECTED = ResultKey.always("devicesExpected", "Devices expected",
            "devices the wave reaches");
    public static final ResultKey R_POLLS = ResultKey.always("polls", "Polls", "polls of this wave so far");
    public static final ResultKey R_REPORT = ResultKey.always("report", "Report",
            "the store key of the gate's HTML report of every poll");

    public static final StepContract STEP = new StepContract("awaitDriftGate", "gate",
            "Await the drift gate of an edge rollout (Edge MLOps)",
            "Waits for telemetry from the devices of a rollout's current wave, then decides: `PROMOTED` starts the next "
                    + "wave (after the last, the version becomes `production`), `ROLLED_BACK` returns the wave's "
                    + "devices to the previous version, `HELD` leaves it for a person. The gate judges data drift per "
                    + "feature (PSI with a chi-square guard), prediction drift, p95 latency per target against its "
                    + "budget and against the devices still on the previous version, the error rate with a Wilson "
                    + "interval, and which devices confirmed the install. It never rolls back on missing data: with "
                    + "too few inferences, devices or soak time it waits.\n\n"
                    + "The step does not hold the Pipeline's thread while it waits (and, outside `node {}`, no "
                    + "executor): polls run on Jenkins' timer, each a short engine run on the enclosing node or "
                    + "the built-in one, and the gate's progress is kept in the store, so a controller restart "
                    + "resumes the wait. A store error during the wait is retried at the next poll, at least 30 s "
                    + "later, up to 5 times in a row. It returns after one decision, or with `autoAdvance: true` "
                    + "after the rollout completes, rolls back or is held. `ROLLED_BACK` fails the build unless "
                    + "`failOnError: false`.",
            "def g = awaitDriftGate fleet: 'eu', rollout: r.rollout, autoAdvance: true\n"
                    + "echo \"${g.decision} at wave ${g.wave} of ${g.waves}: ${g.reasons.join('; ')}\"",
            List.of(FLEET, ROLLOUT, MODEL, PSI_THRESHOLD, ALPHA, DRIFT_SHARE, CRITICAL_FEATURES, MAX_LATENCY_P95_MS,
                    MAX_LATENCY_INCREASE, MAX_ERROR_RATE, MIN_AGREEMENT, MIN_SAMPLES, MIN_DEVICES, MAX_UNKNOWN_SHARE,
                    CONFIRM_WINDOWS, SOAK, TIMEOUT, POLL_INTERVAL, ON_TIMEOUT, ON_DATA_DRIFT, AUTO_ADVANCE,
                    SIGNING_KEY, CommonParameters.STORE, CommonParameters.FAIL_ON_ERROR),
            List.of(R_DECISION, R_PASSED, R_ROLLOUT, R_FLEET, R_MODEL, R_VERSION, R_PREVIOUS_VERSION, R_WAVE, R_WAVES,
                    R_COMPLETE, R_REASONS, R_WAITING_FOR, R_PER_FEATURE, R_DRIFTED_FEATURES, R_FIELD_DRIFT,
                    R_PREDICTION_PSI, R_LATENCY_P95_MS, R_CONTROL_LATENCY_P95_MS, R_ERROR_RATE, R_AGREEMENT,
                    R_SAMPLES, R_DEVICES_REPORTING, R_DEVICES_EXPECTED, R_POLLS, R_REPORT));
}
