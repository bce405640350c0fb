package io.jenkins.plugins.edgemlops;

import static io.edgemlops.contract.TrainModelContract.R_ACCURACY;
import static io.edgemlops.contract.TrainModelContract.R_BEST_EPOCH;
import static io.edgemlops.contract.TrainModelContract.R_EPOCHS_RUN;
import static io.edgemlops.contract.TrainModelContract.R_STOP_REASON;
import static io.edgemlops.contract.TrainModelContract.R_DATASET_SHA256;
import static io.edgemlops.contract.TrainModelContract.R_DROPPED_ROWS;
import static io.edgemlops.contract.TrainModelContract.R_EXTERNAL;
import static io.edgemlops.contract.TrainModelContract.R_HOLDOUT_ROWS;
import static io.edgemlops.contract.TrainModelContract.R_IMPUTED_VALUES;
import static io.edgemlops.contract.TrainModelContract.R_LINEAGE;
import static io.edgemlops.contract.TrainModelContract.R_MACRO_F1;
import static io.edgemlops.contract.TrainModelContract.R_MAE;
import static io.edgemlops.contract.TrainModelContract.R_METRICS;
import static io.edgemlops.contract.TrainModelContract.R_MODEL;
import static io.edgemlops.contract.TrainModelContract.R_MODEL_URI;
import static io.edgemlops.contract.TrainModelContract.R_PARENT_VERSION;
import static io.edgemlops.contract.TrainModelContract.R_R2;
import static io.edgemlops.contract.TrainModelContract.R_RMSE;
import static io.edgemlops.contract.TrainModelContract.R_ROWS;
import static io.edgemlops.contract.TrainModelContract.R_SIZE_BYTES;
import static io.edgemlops.contract.TrainModelContract.R_TASK;
import static io.edgemlops.contract.TrainModelContract.R_TRAIN_ROWS;
import static io.edgemlops.contract.TrainModelContract.R_TRIGGER;
import static io.edgemlops.contract.TrainModelContract.R_VERSION;

import io.edgemlops.contract.ResultKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The model card of a trained (or registered) version: quality on the holdout, where the rows went, the file, and for
 * classification the confusion matrix. Reads the result only through the contract's keys.
 */
public final class ModelCardSection extends EdgeMlopsSection {

    private final String model;
    private final String version;
    private final String task;
    private final List<LabelledValue> quality;
    private final List<LabelledValue> details;
    private final String datasetSha256;
    private final String modelUri;
    private final List<String> classes;
    private final List<ConfusionRow> confusionRows;
    private List<LineageRow> lineage;

    /**
     * One version of the retraining chain: its parent (the version in production when it was trained), dataset,
     * headline metrics and what triggered its training.
     */
    public static final class LineageRow {
        private final String version;
        private final String parent;
        private final String datasetSha256;
        private final String metrics;
        private final String trigger;

        public LineageRow(String version, String parent, String datasetSha256, String metrics, String trigger) {
            this.version = version;
            this.parent = parent;
            this.datasetSha256 = datasetSha256;
            this.metrics = metrics;
            this.trigger = trigger;
        }

        public String getVersion() {
            return version;
        }

        public String getParent() {
            return parent;
        }

        public String getDatasetSha256() {
            return datasetSha256;
        }

        public String getMetrics() {
            return metrics;
        }

        public String getTrigger() {
            return trigger;
        }
    }

    /** One actual class and how its holdout rows were predicted, in class order. */
    public static final class ConfusionRow {
        private final String label;
        private final List<Long> counts;

        public ConfusionRow(String label, List<Long> counts) {
            this.label = label;
            this.counts = new ArrayList<>(counts);
        }

        public String getLabel() {
            return label;
        }

        public List<Long> getCounts() {
            return List.copyOf(counts);
        }
    }

    public ModelCardSection(String model, String version, String task, List<LabelledValue> quality,
            List<LabelledValue> details,
            String datasetSha256, String modelUri, List<String> classes, List<ConfusionRow> confusionRows) {
        this.model = model;
        this.version = version;
        this.task = task;
        this.quality = new ArrayList<>(quality);
        this.details = new ArrayList<>(details);
        this.datasetSha256 = datasetSha256;
        this.modelUri = modelUri;
        this.classes = new ArrayList<>(classes);
        this.confusionRows = new ArrayList<>(confusionRows);
    }

    /** Reads a {@code trainModel} result. */
    public static ModelCardSection fromResult(Map<String, Object> result) {
        List<LabelledValue> quality = new ArrayList<>();
        for (ResultKey key : List.of(R_ACCURACY, R_MACRO_F1, R_RMSE, R_MAE, R_R2)) {
            add(quality, key, Format.value(result.get(key.name())));
        }
        List<LabelledValue> details = new ArrayList<>();
        for (ResultKey key : List.of(R_ROWS, R_TRAIN_ROWS, R_HOLDOUT_ROWS, R_DROPPED_ROWS, R_IMPUTED_VALUES,
                R_PARENT_VERSION, R_TRIGGER, R_EPOCHS_RUN, R_BEST_EPOCH, R_STOP_REASON)) {
            add(details, key, Format.value(result.get(key.name())));
        }
        if (result.get(R_SIZE_BYTES.name()) instanceof Number size) {
            add(details, R_SIZE_BYTES, Format.bytes(size.doubleValue()));
        }
        if (Boolean.TRUE.equals(result.get(R_EXTERNAL.name()))) {
            add(details, R_EXTERNAL, "yes: registered with onnx");
        }
        List<String> classes = new ArrayList<>();
        List<ConfusionRow> confusion = new ArrayList<>();
        if (result.get(R_METRICS.name()) instanceof Map<?, ?> metrics
                && metrics.get("classCounts") instanceof Map<?, ?> counts
                && metrics.get("confusionMatrix") instanceof List<?> matrix && matrix.size() == counts.size()) {
            counts.keySet().forEach(c -> classes.add(String.valueOf(c)));
            for (int i = 0; i < matrix.size(); i++) {
                List<Long> row = new ArrayList<>();
                if (matrix.get(i) instanceof List<?> cells) {
                    cells.forEach(n -> row.add(n instanceof Number number ? number.longValue() : 0L));
                }
                confusion.add(new ConfusionRow(classes.get(i), row));
            }
        }
        ModelCardSection section = new ModelCardSection(EngineResultParser.text(result, R_MODEL.name()),
                Format.value(result.get(R_VERSION.name())), EngineResultParser.text(result, R_TASK.name()), quality,
                details, EngineResultParser.text(result, R_DATASET_SHA256.name()),
                EngineResultParser.text(result, R_MODEL_URI.name()), classes, confusion);
        section.lineage = lineage(result.get(R_LINEAGE.name()));
        return section;
    }

    /** The {@code lineage} result as table rows, newest first; empty when absent. */
    static List<LineageRow> lineage(Object value) {
        List<LineageRow> rows = new ArrayList<>();
        if (!(value instanceof List<?> chain)) {
            return rows;
        }
        for (Object element : chain) {
            if (!(element instanceof Map<?, ?> entry)) {
                continue;
            }
            List<String> figures = new ArrayList<>();
            if (entry.get("metrics") instanceof Map<?, ?> metrics) {
                metrics.forEach((name, figure) -> figures.add(name + " " + Format.value(figure)));
            }
            Object parent = entry.get("parentVersion");
            Object dataset = entry.get("datasetSha256");
            Object trigger = entry.get("trigger");
            rows.add(new LineageRow(Format.value(entry.get("version")), parent == null ? "none" : Format.value(parent),
                    dataset == null ? null : dataset.toString(), String.join(", ", figures),
                    trigger == null ? null : trigger.toString()));
        }
        return rows;
    }

    private static void add(List<LabelledValue> rows, ResultKey key, String value) {
        if (value != null) {
            rows.add(new LabelledValue(key.title(), value));
        }
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

    public List<LabelledValue> getQuality() {
        return quality == null ? List.of() : List.copyOf(quality);
    }

    public List<LabelledValue> getDetails() {
        return details == null ? List.of() : List.copyOf(details);
    }

    public String getDatasetSha256() {
        return datasetSha256;
    }

    public String getModelUri() {
        return modelUri;
    }

    public List<String> getClasses() {
        return classes == null ? List.of() : List.copyOf(classes);
    }

    public List<ConfusionRow> getConfusionRows() {
        return confusionRows == null ? List.of() : List.copyOf(confusionRows);
    }

    public List<LineageRow> getLineage() {
        return lineage == null ? List.of() : List.copyOf(lineage);
    }

    public boolean isHasLineage() {
        return lineage != null && !lineage.isEmpty();
    }

    public boolean isHasConfusionMatrix() {
        return confusionRows != null && !confusionRows.isEmpty();
    }
}
