package io.edgemlops.render;

import static io.edgemlops.contract.TrainModelContract.R_ACCURACY;
import static io.edgemlops.contract.TrainModelContract.R_BEST_EPOCH;
import static io.edgemlops.contract.TrainModelContract.R_DATASET_SHA256;
import static io.edgemlops.contract.TrainModelContract.R_DROPPED_ROWS;
import static io.edgemlops.contract.TrainModelContract.R_EPOCHS_RUN;
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
import static io.edgemlops.contract.TrainModelContract.R_STOP_REASON;
import static io.edgemlops.contract.TrainModelContract.R_TASK;
import static io.edgemlops.contract.TrainModelContract.R_TRAIN_ROWS;
import static io.edgemlops.contract.TrainModelContract.R_TRIGGER;
import static io.edgemlops.contract.TrainModelContract.R_VERSION;

import io.edgemlops.contract.ResultKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The model card of a trained (or registered) version from a {@code trainModel} result: quality on the holdout, where
 * the rows went, how training stopped, what triggered it and its parent, the file, the retraining chain (lineage), and
 * for classification the confusion matrix.
 */
public final class ModelCardView {

    /** Quality figures, in this order, whichever the task has. */
    public static final List<ResultKey> QUALITY = List.of(R_ACCURACY, R_MACRO_F1, R_RMSE, R_MAE, R_R2);
    private static final List<ResultKey> DETAILS = List.of(R_ROWS, R_TRAIN_ROWS, R_HOLDOUT_ROWS, R_DROPPED_ROWS,
            R_IMPUTED_VALUES, R_PARENT_VERSION, R_TRIGGER, R_EPOCHS_RUN, R_BEST_EPOCH, R_STOP_REASON);

    private ModelCardView() {
    }

    /** "Model pump version 3". */
    public static String title(Map<String, ?> result) {
        return "Model " + Results.text(result, R_MODEL) + " version " + Results.figure(result, R_VERSION);
    }

    /** The model card as an HTML fragment. */
    public static String html(Map<String, ?> result) {
        return new Block("model-card", title(result), Tone.INFO).wrap(summary(result) + lineage(result)
                + confusionMatrix(result));
    }

    /** Accuracy and macro F1, or RMSE, MAE and R², whichever the result has. */
    public static List<Figure> quality(Map<String, ?> result) {
        List<Figure> figures = new ArrayList<>();
        for (ResultKey key : QUALITY) {
            QuantizationView.add(figures, key.title(), Results.figure(result, key));
        }
        return figures;
    }

    /** Task, quality, data, training and file as one label/value table. */
    static String summary(Map<String, ?> result) {
        Table table = Table.withHeader();
        if (Results.text(result, R_TASK) != null) {
            table = table.labelledRow("Task", Results.text(result, R_TASK));
        }
        for (Figure f : quality(result)) {
            table = table.labelledRow(f.label(), f.value());
        }
        for (ResultKey key : DETAILS) {
            table = labelled(table, key.title(), Results.figure(result, key));
        }
        double size = Results.decimal(result, R_SIZE_BYTES);
        if (Double.isFinite(size)) {
            table = table.labelledRow(R_SIZE_BYTES.title(), Units.bytes(size));
        }
        if (Results.flag(result, R_EXTERNAL)) {
            table = table.labelledRow(R_EXTERNAL.title(), "yes: registered with onnx");
        }
        if (Results.text(result, R_DATASET_SHA256) != null) {
            table = table.labelledRow("Dataset SHA-256", Markup.raw(Html.code(Results.text(result, R_DATASET_SHA256))));
        }
        if (Results.text(result, R_MODEL_URI) != null) {
            table = table.labelledRow("Model card", Markup.raw(Html.code(Results.text(result, R_MODEL_URI))));
        }
        return table.html();
    }

    /** The retraining chain, newest first; empty without one. */
    static String lineage(Map<String, ?> result) {
        Table table = Table.withHeader("Version", "Parent", "Dataset SHA-256", "Metrics", "Trigger");
        for (Map<?, ?> entry : Results.maps(result.get(R_LINEAGE.name()))) {
            List<String> figures = new ArrayList<>();
            Results.map(entry.get("metrics")).forEach((name, figure) -> figures.add(name + " " + Units.value(figure)));
            Object parent = entry.get("parentVersion");
            Object dataset = entry.get("datasetSha256");
            table = table.row(Units.value(entry.get("version")), parent == null ? "none" : Units.value(parent),
                    dataset == null ? "" : Markup.raw(Html.code(dataset)), String.join(", ", figures),
                    entry.get("trigger") == null ? "" : entry.get("trigger"));
        }
        if (table.isEmpty()) {
            return "";
        }
        return "<h3>Lineage (newest first; the parent is the version that was in production when a version was "
                + "trained)</h3>\n" + table.html();
    }

    /** Rows: actual class, columns: predicted class; empty for regression or when the counts do not match. */
    static String confusionMatrix(Map<String, ?> result) {
        Map<?, ?> metrics = Results.map(result.get(R_METRICS.name()));
        Map<?, ?> counts = Results.map(metrics.get("classCounts"));
        if (!(metrics.get("confusionMatrix") instanceof List<?> matrix) || matrix.isEmpty()
                || matrix.size() != counts.size()) {
            return "";
        }
        List<Object> header = new ArrayList<>();
        header.add("actual \\ predicted");
        List<String> classes = counts.keySet().stream().map(String::valueOf).toList();
        header.addAll(classes);
        Table table = Table.withHeader(header.toArray());
        for (int i = 0; i < matrix.size(); i++) {
            List<Object> cells = new ArrayList<>();
            if (matrix.get(i) instanceof List<?> row) {
                row.forEach(n -> cells.add(n instanceof Number number ? number.longValue() : 0L));
            }
            table = table.labelledRow(classes.get(i), cells.toArray());
        }
        return "<h3>Confusion matrix on the holdout (rows: actual class, columns: predicted class)</h3>\n"
                + table.html();
    }

    private static Table labelled(Table table, String label, String value) {
        return value == null ? table : table.labelledRow(label, value);
    }
}
