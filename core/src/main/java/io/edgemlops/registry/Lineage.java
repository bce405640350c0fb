package io.edgemlops.registry;

import java.util.List;
import java.util.Map;

/**
 * Where a model version came from, so any version can be traced back to its data and build.
 *
 * @param datasetSha256 SHA-256 of the training dataset file
 * @param datasetUri where the dataset was read from (path or URI as given)
 * @param rows rows in the dataset
 * @param parentVersion the version under alias {@code production} when this one was trained: the model it is meant to
 *     replace, or null when none was in production (cards written before this rule hold the then latest version)
 * @param buildUrl CI build that produced it (e.g. Jenkins BUILD_URL), or null
 * @param buildId CI build id/tag, or null
 * @param toolVersions component name to version (edge-mlops, djl, pytorch, onnxruntime...)
 * @param parameters training parameters (epochs, hidden, seed...)
 * @param training how training went (epochs run, limit, best epoch, why it stopped), or null for a
 *     model trained elsewhere and on cards written before this was recorded
 * @param trigger why this version was trained (e.g. the field drift monitor's summary), or null when not given and
 *     on cards written before this was recorded
 * @param datasetParts the files or objects the dataset was read from, in reading order, each with its SHA-256
 *     (empty on cards written before this was recorded and for models registered without a dataset read)
 */
public record Lineage(String datasetSha256, String datasetUri, long rows, Integer parentVersion, String buildUrl,
                      String buildId, Map<String, String> toolVersions, Map<String, Object> parameters,
                      TrainingRun training, String trigger, List<DatasetPart> datasetParts) {

    /**
     * One part of a training dataset.
     *
     * @param name the part as read: {@code s3://bucket/key}, or a path below the dataset's location
     * @param sha256 SHA-256 of its bytes as stored (compressed, for a {@code .csv.gz})
     * @param bytes its size as stored
     */
    public record DatasetPart(String name, String sha256, long bytes) {
    }

    public Lineage {
        datasetParts = datasetParts == null ? List.of() : List.copyOf(datasetParts);
        toolVersions = toolVersions == null ? Map.of() : Map.copyOf(toolVersions);
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    }

    /** Lineage without a list of the dataset's parts. */
    public Lineage(String datasetSha256, String datasetUri, long rows, Integer parentVersion, String buildUrl,
                   String buildId, Map<String, String> toolVersions, Map<String, Object> parameters,
                   TrainingRun training, String trigger) {
        this(datasetSha256, datasetUri, rows, parentVersion, buildUrl, buildId, toolVersions, parameters, training,
                trigger, null);
    }

    /** Lineage without a trigger. */
    public Lineage(String datasetSha256, String datasetUri, long rows, Integer parentVersion, String buildUrl,
                   String buildId, Map<String, String> toolVersions, Map<String, Object> parameters,
                   TrainingRun training) {
        this(datasetSha256, datasetUri, rows, parentVersion, buildUrl, buildId, toolVersions, parameters, training,
                null, null);
    }

    /** Lineage without a record of how training went (a model trained elsewhere) and without a trigger. */
    public Lineage(String datasetSha256, String datasetUri, long rows, Integer parentVersion, String buildUrl,
                   String buildId, Map<String, String> toolVersions, Map<String, Object> parameters) {
        this(datasetSha256, datasetUri, rows, parentVersion, buildUrl, buildId, toolVersions, parameters, null, null, null);
    }
}
