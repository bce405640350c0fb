package io.edgemlops.contract;

import static io.edgemlops.contract.ParameterType.CHOICE;
import static io.edgemlops.contract.ParameterType.DECIMAL;
import static io.edgemlops.contract.ParameterType.FLAG;
import static io.edgemlops.contract.ParameterType.TEXT;
import static io.edgemlops.contract.ParameterType.TEXT_OR_WHOLE_NUMBER;
import static io.edgemlops.contract.ParameterType.WHOLE_NUMBER;

import java.util.List;

/**
 * {@code quantize} / {@code edge-mlops quantize}: derive an int8 or fp16 variant of a version, compare it with fp32 and
 * register it when its accuracy drop is within the gate.
 */
public final class QuantizeContract {

    private QuantizeContract() {
    }

    public static final String DEFAULT_VERSION = "latest";
    public static final String DEFAULT_MODE = "int8";
    public static final long DEFAULT_CALIBRATION_ROWS = 500;
    public static final String DEFAULT_CALIBRATION_METHOD = "percentile";
    public static final double DEFAULT_PERCENTILE = 99.99;
    public static final double DEFAULT_MAX_ACCURACY_DROP = 0.01;

    public static final Parameter MODEL = Parameter.builder("model", TEXT).required()
            .title("Model name")
            .help("Name of the model in the registry.")
            .build();
    public static final Parameter VERSION = Parameter.builder("version", TEXT_OR_WHOLE_NUMBER)
            .defaultValue(DEFAULT_VERSION)
            .title("Version")
            .help("A version number (`version: t.version` works), `latest`, or an alias such as `production`.")
            .build();
    public static final Parameter MODE = Parameter.builder("mode", CHOICE).choices("int8", "fp16")
            .defaultValue(DEFAULT_MODE)
            .title("Mode")
            .help("`int8`: static post-training quantization in QDQ form (int8 weights per output channel, int32 "
                    + "biases, uint8 activations per tensor with ranges calibrated on sample rows); when the graph "
                    + "cannot be quantized statically, the step says so and falls back to weight-only int8. "
                    + "`fp16`: float16 weights, with float32 inputs and outputs so callers feed the model as before.")
            .build();
    public static final Parameter WEIGHT_ONLY = Parameter.builder("weightOnly", FLAG)
            .defaultValue(false)
            .title("Weights only")
            .help("With `int8` only: quantize the weights only and keep activations in float32, so no calibration "
                    + "rows are needed.")
            .build();
    public static final Parameter CALIBRATION = Parameter.builder("calibration", TEXT)
            .defaultText("the version's registered holdout rows")
            .title("Calibration rows")
            .help("A CSV file in the workspace with the model's feature columns, whose rows set the activation "
                    + "ranges of `int8`: rows like the ones the devices will see.")
            .build();
    public static final Parameter CALIBRATION_ROWS = Parameter.builder("calibrationRows", WHOLE_NUMBER)
            .defaultValue(DEFAULT_CALIBRATION_ROWS).range(Range.closed(1, 1_000_000))
            .title("Calibration row limit")
            .help("At most this many calibration rows are used.")
            .build();
    public static final Parameter CALIBRATION_METHOD = Parameter.builder("calibrationMethod", CHOICE)
            .choices("percentile", "minmax")
            .defaultValue(DEFAULT_CALIBRATION_METHOD)
            .title("Calibration method")
            .help("How an activation's range is taken from the calibration rows: `percentile` clips rare extremes "
                    + "at `percentile` so they do not stretch the range, `minmax` keeps the smallest and largest "
                    + "value seen.")
            .build();
    public static final Parameter PERCENTILE = Parameter.builder("percentile", DECIMAL)
            .defaultValue(DEFAULT_PERCENTILE).range(new Range(50.0, true, 100.0, false))
            .title("Percentile")
            .help("With `calibrationMethod: 'percentile'`: the percentile of each activation's values at which its "
                    + "range is clipped, e.g. `99.99`.")
            .build();
    public static final Parameter MAX_ACCURACY_DROP = Parameter.builder("maxAccuracyDrop", DECIMAL)
            .defaultValue(DEFAULT_MAX_ACCURACY_DROP).range(Range.closed(0, 1))
            .title("Largest accuracy drop")
            .help("The largest allowed drop of holdout accuracy (R² for regression) from fp32 to the variant, "
                    + "absolute: `0.01` allows 0.95 to become 0.94. A variant that drops more is not registered "
                    + "and the step fails.")
            .build();

    public static final ResultKey R_PASSED = ResultKey.always("passed", "Passed",
            "the accuracy drop is within `maxAccuracyDrop`, and the variant is registered");
    public static final ResultKey R_REASON = ResultKey.sometimes("reason", "Reason",
            "when not passed: one line with the numbers and what to try, e.g. `pump@3 int8 accuracy 0.9100 vs fp32 "
                    + "0.9450: drop 0.0350 > maxAccuracyDrop 0.01 (agreement 0.952, 3.47× smaller, latency ×0.83); try "
                    + "…`");
    public static final ResultKey R_MODEL = ResultKey.always("model", "Model", "the model quantized");
    public static final ResultKey R_VERSION = ResultKey.always("version", "Version", "the version number quantized");
    public static final ResultKey R_VARIANT = ResultKey.always("variant", "Variant",
            "the variant's name, `int8` or `fp16`: pass it to `validateForTarget` and `publishToEdge`");
    public static final ResultKey R_METHOD = ResultKey.always("method", "Method", "what was done: `int8-static`, "
            + "`int8-weight-only` (asked for, or the fallback) or `fp16`");
    public static final ResultKey R_SIZE_BYTES = ResultKey.always("sizeBytes", "Size", "size of the variant's ONNX "
            + "file");
    public static final ResultKey R_FP32_SIZE_BYTES = ResultKey.always("fp32SizeBytes", "fp32 size",
            "size of the fp32 ONNX file");
    public static final ResultKey R_SIZE_RATIO = ResultKey.always("sizeRatio", "Size ratio",
            "fp32 size divided by the variant's: how many times smaller the variant is");
    public static final ResultKey R_ACCURACY = ResultKey.sometimes("accuracy", "Accuracy",
            "the variant's holdout accuracy (R² for regression)");
    public static final ResultKey R_FP32_ACCURACY = ResultKey.sometimes("fp32Accuracy", "fp32 accuracy",
            "fp32's accuracy (R² for regression) on the same rows");
    public static final ResultKey R_ACCURACY_DROP = ResultKey.sometimes("accuracyDrop", "Accuracy drop",
            "`fp32Accuracy - accuracy`; negative when the variant does better");
    public static final ResultKey R_RMSE = ResultKey.sometimes("rmse", "RMSE", "regression: the variant's holdout "
            + "RMSE");
    public static final ResultKey R_FP32_RMSE = ResultKey.sometimes("fp32Rmse", "fp32 RMSE", "regression: fp32's "
            + "holdout RMSE");
    public static final ResultKey R_AGREEMENT = ResultKey.always("agreement", "Agreement with fp32",
            "share of holdout rows where the variant predicts what fp32 predicts (the same class; for regression, "
                    + "within 1 % of the label's standard deviation)");
    public static final ResultKey R_LATENCY_P50_MS = ResultKey.always("latencyP50Ms", "Latency p50",
            "the variant's single-row median latency in ONNX Runtime on this agent, in milliseconds");
    public static final ResultKey R_LATENCY_P95_MS = ResultKey.always("latencyP95Ms", "Latency p95",
            "the variant's single-row p95 latency on this agent, in milliseconds");
    public static final ResultKey R_FP32_LATENCY_P50_MS = ResultKey.always("fp32LatencyP50Ms", "fp32 latency p50",
            "fp32's single-row median latency, measured the same way in the same process");
    public static final ResultKey R_FP32_LATENCY_P95_MS = ResultKey.always("fp32LatencyP95Ms", "fp32 latency p95",
            "fp32's single-row p95 latency, measured the same way");
    public static final ResultKey R_LATENCY_RATIO = ResultKey.always("latencyRatio", "Latency ratio",
            "the variant's p50 divided by fp32's: below 1 means faster on this agent (devices may differ)");

    public static final StepContract STEP = new StepContract("quantize", "quantize",
            "Quantize a model for edge devices (Edge MLOps)",
            "Derives a smaller variant of a model version from its fp32 ONNX model: `int8` (static post-training "
                    + "quantization calibrated on sample rows, or weight-only) or `fp16`. The variant is compared "
                    + "with fp32 on the version's holdout rows (accuracy, or R² for regression, and how often both "
                    + "predict the same), in file size and in single-row latency measured in ONNX Runtime on the "
                    + "agent.\n\n"
                    + "When the accuracy drop is within `maxAccuracyDrop`, the variant is registered under the same "
                    + "version, where `validateForTarget` (`variant: 'int8'`) and `publishToEdge` find it. A variant "
                    + "that drops more is not registered, so nothing can publish it, and the step fails with the "
                    + "numbers unless `failOnError: false`. Returns a map with `variant`, `sizeBytes`, `sizeRatio`, "
                    + "`accuracy`, `accuracyDrop`, `latencyRatio` and the fp32 figures beside them.",
            "def q = quantize model: 'pump', version: t.version, mode: 'int8'\n"
                    + "def v = validateForTarget model: 'pump', version: t.version, target: 'raspberry-pi-4', "
                    + "variant: q.variant",
            List.of(MODEL, VERSION, MODE, WEIGHT_ONLY, CALIBRATION, CALIBRATION_ROWS, CALIBRATION_METHOD, PERCENTILE,
                    MAX_ACCURACY_DROP, CommonParameters.STORE, CommonParameters.FAIL_ON_ERROR),
            List.of(R_PASSED, R_REASON, R_MODEL, R_VERSION, R_VARIANT, R_METHOD, R_SIZE_BYTES, R_FP32_SIZE_BYTES,
                    R_SIZE_RATIO, R_ACCURACY, R_FP32_ACCURACY, R_ACCURACY_DROP, R_RMSE, R_FP32_RMSE, R_AGREEMENT,
                    R_LATENCY_P50_MS, R_LATENCY_P95_MS, R_FP32_LATENCY_P50_MS, R_FP32_LATENCY_P95_MS,
                    R_LATENCY_RATIO));
}
