package io.edgemlops.contract;

import static io.edgemlops.contract.ParameterType.CHOICE;
import static io.edgemlops.contract.ParameterType.DECIMAL;
import static io.edgemlops.contract.ParameterType.FLAG;
import static io.edgemlops.contract.ParameterType.TEXT;
import static io.edgemlops.contract.ParameterType.TEXT_OR_WHOLE_NUMBER;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code validateForTarget} / {@code edge-mlops validate}: check a model variant against a device profile. */
public final class ValidateForTargetContract {

    private ValidateForTargetContract() {
    }

    public static final String DEFAULT_VERSION = "latest";
    public static final String DEFAULT_VARIANT = "fp32";
    /** How much worse than the version in production a challenger may be, by default. */
    public static final double DEFAULT_MAX_REGRESSION = 0.01;
    /** Folder, relative to the workspace, of the default JUnit report paths. */
    public static final String REPORT_FOLDER = "edge-mlops-reports";

    /** Where the JUnit report goes when {@code report} is not given. */
    public static String defaultReportPath(String profileName, String variant) {
        return REPORT_FOLDER + "/validate-" + profileName + "-" + variant + ".xml";
    }

    /** The checks a validation reports, by the name in {@code checks[].name}, with the build page's label. */
    public static final Map<String, String> CHECK_TITLES = checkTitles();

    private static Map<String, String> checkTitles() {
        Map<String, String> titles = new LinkedHashMap<>();
        titles.put("model-size", "Model size");
        titles.put("opset", "ONNX opset");
        titles.put("operators", "Unsupported operators");
        titles.put("data-types", "Unsupported data types");
        titles.put("schema", "Schema changes that break production");
        titles.put("memory", "Memory");
        titles.put("latency-p95", "Latency p95");
        titles.put("accuracy", "Accuracy");
        titles.put("r2", "R²");
        titles.put("rmse", "RMSE");
        titles.put("champion", "Champion / challenger");
        return Collections.unmodifiableMap(titles);
    }

    public static final Parameter MODEL = Parameter.builder("model", TEXT).required()
            .title("Model name")
            .help("Name of the model in the registry.")
            .build();
    public static final Parameter VERSION = Parameter.builder("version", TEXT_OR_WHOLE_NUMBER)
            .defaultValue(DEFAULT_VERSION)
            .title("Version")
            .help("A version number (`version: t.version` works), `latest`, or an alias such as `production`.")
            .build();
    public static final Parameter TARGET = Parameter.builder("target", TEXT).required()
            .title("Target device profile")
            .help("A bundled profile (`raspberry-pi-4`, `raspberry-pi-zero-2w`, `jetson-nano-cpu`, `x86-gateway`) or a "
                    + "profile JSON file in the workspace.")
            .build();
    public static final Parameter VARIANT = Parameter.builder("variant", CHOICE).choices("fp32", "int8", "fp16")
            .defaultValue(DEFAULT_VARIANT)
            .title("Variant")
            .help("Which variant of the version to check.")
            .build();
    public static final Parameter MIN_ACCURACY = Parameter.builder("minAccuracy", DECIMAL)
            .range(Range.closed(0, 1))
            .defaultText("the profile's")
            .title("Minimum accuracy")
            .help("Minimum holdout accuracy (R² for regression), overriding the profile's.")
            .build();
    public static final Parameter MAX_REGRESSION = Parameter.builder("maxRegression", DECIMAL)
            .defaultValue(DEFAULT_MAX_REGRESSION).range(Range.closed(0, 1))
            .title("Largest regression against production")
            .help("How much worse than the version under alias `production` (the champion) this version may be on "
                    + "the same rows: accuracy and macro F1 may each drop by at most this many points (`0.01` is one "
                    + "percentage point); for regression, RMSE may grow by at most this share of the champion's. "
                    + "`publishToEdge` refuses a version that fails this check unless `allowRegression: true`. The "
                    + "first version of a model has no champion and passes.")
            .build();
    public static final Parameter REPORT = Parameter.builder("report", TEXT)
            .defaultText("`" + defaultReportPath("<target>", "<variant>") + "`")
            .title("JUnit report path")
            .help("Where the JUnit XML report goes, relative to the workspace: one test case per check, for the "
                    + "`junit` step.")
            .build();
    public static final Parameter ON_TARGET = Parameter.builder("onTarget", FLAG)
            .defaultValue(false)
            .title("On the target")
            .help("This machine is the target device itself: latency is reported as measured, not scaled by the "
                    + "profile's relative speed.")
            .surface(Surface.CLI_ONLY)
            .build();

    public static final ResultKey R_PASSED = ResultKey.always("passed", "Passed", "every check passed");
    public static final ResultKey R_REASON = ResultKey.sometimes("reason", "Reason", "when not passed: the failed checks, e.g. "
            + "`latency-p95: value 7.4 > limit 5`");
    public static final ResultKey R_MODEL = ResultKey.always("model", "Model", "the model validated");
    public static final ResultKey R_VERSION = ResultKey.always("version", "Version", "the version number validated");
    public static final ResultKey R_TARGET = ResultKey.always("target", "Target", "the profile's name");
    public static final ResultKey R_VARIANT = ResultKey.always("variant", "Variant", "the variant validated");
    public static final ResultKey R_CHECKS = ResultKey.always("checks", "Checks", "one map per check: `name`, `passed`, "
            + "`value`, `limit`, `unit`, `message`");
    public static final ResultKey R_LATENCY_P95_MS = ResultKey.always("latencyP95Ms", "Latency p95 on the target", "single-row p95 latency "
            + "projected onto the target, in milliseconds");
    public static final ResultKey R_MEASURED_LATENCY_P95_MS = ResultKey.sometimes("measuredLatencyP95Ms",
            "Latency p95 measured here", "single-row p95 latency as measured on this agent, in milliseconds");
    public static final ResultKey R_ACCURACY = ResultKey.sometimes("accuracy", "Accuracy", "classification: holdout accuracy");
    public static final ResultKey R_R2 = ResultKey.sometimes("r2", "R²", "regression: holdout R²");
    public static final ResultKey R_CHAMPION = ResultKey.always("champion", "Champion / challenger",
            "the comparison with the version in production: `version` and `variant` of the champion (absent when "
                    + "there is none) and `variantNote` (why that variant), `maxRegression`, `passed`, `reason`, and "
                    + "`rowSets`, one map per row set: `name` "
                    + "(`challenger-holdout`, `champion-holdout`), `version`, `rows`, `decides`, `note`, "
                    + "`challengerAccuracy`, `championAccuracy`, `challengerMacroF1`, `championMacroF1` (or "
                    + "`challengerRmse`, `championRmse`), `difference` (challenger minus champion accuracy; for RMSE "
                    + "the relative change), `macroF1Difference` and `passed`");
    public static final ResultKey R_SIZE_BYTES = ResultKey.always("sizeBytes", "Model size", "size of the model file");
    public static final ResultKey R_MEMORY_BYTES = ResultKey.sometimes("memoryBytes", "Memory needed", "memory the model needs");
    public static final ResultKey R_REPORT = ResultKey.always("report", "JUnit report", "the JUnit XML report's path");

    public static final StepContract STEP = new StepContract("validateForTarget", "validate",
            "Validate a model for an edge device (Edge MLOps)",
            "Checks one model version and variant against an edge device profile: file size, memory, operators, "
                    + "data types, opset, schema compatibility with production, single-row latency measured in ONNX "
                    + "Runtime on the agent and scaled to the device, holdout accuracy, and whether it is worse than the version in "
                    + "production on the same rows (champion / challenger). The result is recorded in "
                    + "the registry, where `publishToEdge` looks for a passing validation, and written as a JUnit XML "
                    + "report with one test case per check.\n\n"
                    + "Returns a map with `passed`, `checks`, `latencyP95Ms`, `accuracy` and `report`; a failed check "
                    + "fails the build with the failed checks named, unless `failOnError: false`.",
            "def v = validateForTarget model: 'pump', version: t.version, target: 'raspberry-pi-4'\n"
                    + "junit testResults: v.report",
            List.of(MODEL, VERSION, TARGET, VARIANT, MIN_ACCURACY, MAX_REGRESSION, REPORT, ON_TARGET, CommonParameters.STORE,
                    CommonParameters.FAIL_ON_ERROR),
            List.of(R_PASSED, R_REASON, R_MODEL, R_VERSION, R_TARGET, R_VARIANT, R_CHECKS, R_LATENCY_P95_MS,
                    R_MEASURED_LATENCY_P95_MS, R_ACCURACY, R_R2, R_CHAMPION, R_SIZE_BYTES, R_MEMORY_BYTES, R_REPORT));
}
