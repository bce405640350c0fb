package io.jenkins.plugins.edgemlops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The model card of a trained (or registered) model version: name, version, metrics, dataset and location. */
public final class ModelCardSection extends EdgeMlopsSection {

    /** Result keys that are not metrics. */
    private static final Set<String> NOT_METRICS = Set.of("model", "version", "datasetSha256", "modelUri", "passed",
            "reason", "metrics", "task", "features", "label", "dataset");

    private final String model;
    private final String version;
    private final String task;
    private final String datasetSha256;
    private final String modelUri;
    private final LinkedHashMap<String, String> metrics;

    public ModelCardSection(String model, String version, String task, String datasetSha256, String modelUri,
            Map<String, String> metrics) {
        this.model = model;
        this.version = version;
        this.task = task;
        this.datasetSha256 = datasetSha256;
        this.modelUri = modelUri;
        this.metrics = new LinkedHashMap<>(metrics);
    }

    /**
     * Reads a {@code trainModel} result: the numeric values at the top level (and inside a {@code metrics} map, if the
     * engine nests them) are the metrics.
     */
    public static ModelCardSection fromResult(Map<String, Object> result) {
        Map<String, String> metrics = new LinkedHashMap<>();
        if (result.get("metrics") instanceof Map<?, ?> nested) {
            nested.forEach((name, value) -> {
                if (value instanceof Number || value instanceof String) {
                    metrics.put(String.valueOf(name), Format.value(value));
                }
            });
        }
        result.forEach((name, value) -> {
            if (value instanceof Number && !NOT_METRICS.contains(name)) {
                metrics.put(name, Format.value(value));
            }
        });
        return new ModelCardSection(EngineResultParser.text(result, "model"), Format.value(result.get("version")),
                EngineResultParser.text(result, "task"), EngineResultParser.text(result, "datasetSha256"),
                EngineResultParser.text(result, "modelUri"), metrics);
    }

    @Override
    public String getKey() {
        return "model:" + model + ":" + version;
    }

    @Override
    public String getTitle() {
        return "Model " + model + " version " + version;
    }

    public String getModel() {
        return model;
    }

    public String getVersion() {
        return version;
    }

    public String getTask() {
        return task;
    }

    public String getDatasetSha256() {
        return datasetSha256;
    }

    public String getModelUri() {
        return modelUri;
    }

    /** Metric name to formatted value, in the engine's order. */
    public Map<String, String> getMetrics() {
        return metrics == null ? Map.of() : Collections.unmodifiableMap(metrics);
    }

    /** Metric entries, for Jelly iteration. */
    public List<Map.Entry<String, String>> getMetricEntries() {
        return new ArrayList<>(getMetrics().entrySet());
    }
}
