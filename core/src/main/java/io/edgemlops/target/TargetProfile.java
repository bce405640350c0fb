package io.edgemlops.target;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * What a class of edge device can run and how fast: the limits a model variant is validated against
 * before it may be published to that device.
 *
 * <p>Profiles are loaded by {@link TargetProfiles}, which validates every field; the record itself
 * only normalises lists so that it is safe to share.
 *
 * @param name profile name, e.g. {@code raspberry-pi-4}
 * @param description one line describing the device and its assumptions
 * @param arch CPU architecture, e.g. {@code aarch64}, {@code x86_64}
 * @param os operating system, e.g. {@code linux}
 * @param runtime inference runtime on the device; only {@code onnxruntime} is supported
 * @param maxOpset highest ai.onnx opset the device's runtime executes
 * @param supportedOperators operator types the device runs: {@code Gemm} for the default ai.onnx
 *     domain, {@code domain:Op} (e.g. {@code com.microsoft:FusedGemm}) for other domains
 * @param supportedDataTypes tensor element types, see {@link io.edgemlops.runtime.DataTypes} (e.g. float32, int8)
 * @param maxModelBytes largest model file the device accepts
 * @param maxMemoryBytes memory the model may use at inference (weights, activations, runtime)
 * @param latencyBudgetP95Ms single-row inference p95 budget on the device, in milliseconds
 * @param relativeSpeed how many times slower the device is than the reference build agent
 *     (1.0 = as fast); measured latency is multiplied by it unless validation runs on the device
 * @param minAccuracy lowest acceptable accuracy for classification models, or null
 * @param minR2 lowest acceptable R² for regression models, or null
 * @param maxRmse highest acceptable RMSE for regression models, or null
 * @param sources where the figures come from (vendor specs, benchmarks, estimates)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetProfile(
        String name,
        String description,
        String arch,
        String os,
        String runtime,
        int maxOpset,
        List<String> supportedOperators,
        List<String> supportedDataTypes,
        long maxModelBytes,
        long maxMemoryBytes,
        double latencyBudgetP95Ms,
        double relativeSpeed,
        Double minAccuracy,
        Double minR2,
        Double maxRmse,
        List<String> sources) {

    public TargetProfile {
        Objects.requireNonNull(name, "name");
        supportedOperators = supportedOperators == null ? List.of() : List.copyOf(supportedOperators);
        supportedDataTypes = supportedDataTypes == null ? List.of() : List.copyOf(supportedDataTypes);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** Whether the device runs this operator ({@code domain} empty or {@code ai.onnx} = default). */
    public boolean supportsOperator(String domain, String opType) {
        return supportedOperators.contains(OperatorId.of(domain, opType));
    }

    /** A copy with another latency budget; used by tests and by callers overriding a profile. */
    public TargetProfile withLatencyBudgetP95Ms(double budgetMs) {
        return new TargetProfile(name, description, arch, os, runtime, maxOpset, supportedOperators,
                supportedDataTypes, maxModelBytes, maxMemoryBytes, budgetMs, relativeSpeed, minAccuracy, minR2,
                maxRmse, sources);
    }

    /** A copy with another model size limit. */
    public TargetProfile withMaxModelBytes(long bytes) {
        return new TargetProfile(name, description, arch, os, runtime, maxOpset, supportedOperators,
                supportedDataTypes, bytes, maxMemoryBytes, latencyBudgetP95Ms, relativeSpeed, minAccuracy, minR2,
                maxRmse, sources);
    }

    /** A copy with another operator list. */
    public TargetProfile withSupportedOperators(List<String> operators) {
        return new TargetProfile(name, description, arch, os, runtime, maxOpset, operators, supportedDataTypes,
                maxModelBytes, maxMemoryBytes, latencyBudgetP95Ms, relativeSpeed, minAccuracy, minR2, maxRmse,
                sources);
    }
}
