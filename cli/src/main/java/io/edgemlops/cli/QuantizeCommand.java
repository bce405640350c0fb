package io.edgemlops.cli;

import static io.edgemlops.contract.QuantizeContract.CALIBRATION;
import static io.edgemlops.contract.QuantizeContract.CALIBRATION_METHOD;
import static io.edgemlops.contract.QuantizeContract.CALIBRATION_ROWS;
import static io.edgemlops.contract.QuantizeContract.MAX_ACCURACY_DROP;
import static io.edgemlops.contract.QuantizeContract.MODE;
import static io.edgemlops.contract.QuantizeContract.MODEL;
import static io.edgemlops.contract.QuantizeContract.PERCENTILE;
import static io.edgemlops.contract.QuantizeContract.VERSION;
import static io.edgemlops.contract.QuantizeContract.WEIGHT_ONLY;

import io.edgemlops.contract.QuantizeContract;
import io.edgemlops.contract.ResultKey;
import io.edgemlops.contract.StepContract;
import io.edgemlops.quantize.QuantizationReport;
import io.edgemlops.store.OpenStore;
import io.edgemlops.usecase.QuantizeAndRegister;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code edge-mlops quantize}: the {@code quantize} step from the command line; flags from the contract. */
@Command(name = "quantize", modelTransformer = ContractOptions.class,
        description = "Derive an int8 or fp16 variant of a model version, compare it with fp32 (accuracy, size, "
                + "latency) and register it when the accuracy drop is within the limit; exit 1 when it is not.")
final class QuantizeCommand extends StoreCommand implements ContractCommand {

    @Override
    public StepContract contract() {
        return QuantizeContract.STEP;
    }

    @Override
    protected LinkedHashMap<String, Object> compute(OpenStore store) {
        QuantizeAndRegister.Request request = request(stepValues(), Path.of("").toAbsolutePath(), build.reference());
        QuantizeAndRegister.Outcome outcome = QuantizeAndRegister.run(store.store(), request, new Progress(err()));
        err().print(QuantizeTable.render(outcome.card().ref(), outcome.report()));
        err().flush();
        return result(outcome);
    }

    /**
     * The use case's request: the request has no "absent" for its numbers, so every parameter the command line left
     * out takes the contract's default here.
     */
    static QuantizeAndRegister.Request request(StepValues v, Path workDir, String build) {
        return new QuantizeAndRegister.Request(v.text(MODEL),
                orDefault(v.text(VERSION), QuantizeContract.DEFAULT_VERSION),
                orDefault(v.text(MODE), QuantizeContract.DEFAULT_MODE).toLowerCase(Locale.ROOT),
                v.flag(WEIGHT_ONLY),
                v.text(CALIBRATION),
                v.wholeInt(CALIBRATION_ROWS) == null ? Math.toIntExact(QuantizeContract.DEFAULT_CALIBRATION_ROWS)
                        : v.wholeInt(CALIBRATION_ROWS),
                orDefault(v.text(CALIBRATION_METHOD), QuantizeContract.DEFAULT_CALIBRATION_METHOD)
                        .toLowerCase(Locale.ROOT),
                v.decimal(PERCENTILE) == null ? QuantizeContract.DEFAULT_PERCENTILE : v.decimal(PERCENTILE),
                v.decimal(MAX_ACCURACY_DROP) == null ? QuantizeContract.DEFAULT_MAX_ACCURACY_DROP
                        : v.decimal(MAX_ACCURACY_DROP),
                workDir, build);
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    /** The {@code quantize} result Map, keyed by the contract's result keys. */
    static LinkedHashMap<String, Object> result(QuantizeAndRegister.Outcome outcome) {
        QuantizationReport q = outcome.report();
        ResultMap r = new ResultMap(QuantizeContract.STEP);
        r.put(QuantizeContract.R_PASSED, q.passed());
        if (!q.passed()) {
            // The engine's reason starts with the variant ("int8 accuracy 0.91 vs fp32 0.95: drop ..."): name the version.
            r.put(QuantizeContract.R_REASON, outcome.card().ref() + " " + q.reason());
        }
        r.put(QuantizeContract.R_MODEL, outcome.card().name());
        r.put(QuantizeContract.R_VERSION, outcome.card().version());
        r.put(QuantizeContract.R_VARIANT, q.variant());
        r.put(QuantizeContract.R_METHOD, q.method());
        r.put(QuantizeContract.R_SIZE_BYTES, q.sizeBytes());
        r.put(QuantizeContract.R_FP32_SIZE_BYTES, q.fp32SizeBytes());
        r.put(QuantizeContract.R_SIZE_RATIO, q.sizeRatio());
        putIfPresent(r, QuantizeContract.R_ACCURACY, q.accuracy());
        putIfPresent(r, QuantizeContract.R_FP32_ACCURACY, q.fp32Accuracy());
        putIfPresent(r, QuantizeContract.R_ACCURACY_DROP, q.accuracyDrop());
        putIfPresent(r, QuantizeContract.R_RMSE, q.rmse());
        putIfPresent(r, QuantizeContract.R_FP32_RMSE, q.fp32Rmse());
        r.put(QuantizeContract.R_AGREEMENT, q.agreement());
        r.put(QuantizeContract.R_LATENCY_P50_MS, q.latency().p50Ms());
        r.put(QuantizeContract.R_LATENCY_P95_MS, q.latency().p95Ms());
        r.put(QuantizeContract.R_FP32_LATENCY_P50_MS, q.fp32Latency().p50Ms());
        r.put(QuantizeContract.R_FP32_LATENCY_P95_MS, q.fp32Latency().p95Ms());
        r.put(QuantizeContract.R_LATENCY_RATIO, q.latencyRatio());
        return r.toMap();
    }

    private static void putIfPresent(ResultMap r, ResultKey key, Object value) {
        if (value != null) {
            r.put(key, value);
        }
    }
}
