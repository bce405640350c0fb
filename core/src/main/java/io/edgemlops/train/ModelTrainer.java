package io.edgemlops.train;

import io.edgemlops.data.CompactDataset;
import io.edgemlops.data.CompactPreparer;
import io.edgemlops.data.DataOptions;
import io.edgemlops.data.DatasetScan;
import io.edgemlops.data.Table;
import io.edgemlops.onnx.OnnxExporter;
import io.edgemlops.store.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains an MLP on a table and returns the exported ONNX model with its metrics and baseline.
 *
 * <p>The flow: prepare the data ({@link CompactPreparer}: schema, seeded split, imputation),
 * train with DJL/PyTorch, export to ONNX, then run the ONNX model in ONNX Runtime on the holdout.
 * Metrics and the baseline's predicted-class distribution come from that ONNX Runtime run, i.e.
 * from the artifact that ships. The ONNX outputs are compared with DJL's; a difference above
 * {@value #MAX_EXPORT_DIFF} means the export is wrong and fails the run.
 */
public final class ModelTrainer {

    /** Largest tolerated |ONNX Runtime - DJL| on any holdout output. */
    public static final double MAX_EXPORT_DIFF = 1e-4;
    /** ONNX metadata key holding the imputation values as JSON. */
    public static final String META_FILL_VALUES = "edge-mlops.fillValues";


    private ModelTrainer() {
    }

    /**
     * Loads PyTorch before training, so its cost (seconds on the first run on a machine, when about 430 MB of natives
     * are unpacked) can be told apart from training; returns the folder of the natives.
     */
    public static String loadEngine() {
        return DjlSetup.loadEngine();
    }

    /**
     * Trains a model on a table already in memory (small data, tests, benches).
     *
     * @throws io.edgemlops.data.DataException on unusable data (message names file, row and column)
     * @throws IllegalArgumentException on invalid options (message names the parameter)
     */
    public static TrainingResult train(Table table, TrainingOptions options, TrainingListener listener) {
        return train(prepare(table, options.dataOptions()), options, listener);
    }

    /** A table read through the same scan and preparation as a dataset read from files. */
    public static CompactDataset prepare(Table table, DataOptions options) {
        DatasetScan scan = new DatasetScan(options, null);
        scan.readTable(table);
        return CompactPreparer.prepare(scan.finish(), options);
    }

    /**
     * Trains a model on a prepared dataset.
     *
     * @throws IllegalArgumentException on invalid options (message names the parameter)
     */
    public static TrainingResult train(CompactDataset data, TrainingOptions options, TrainingListener listener) {
        DjlMlpTrainer.Trained trained = DjlMlpTrainer.train(data, options,
                listener == null ? TrainingListener.NONE : listener);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(META_FILL_VALUES, Json.toString(data.fillValues()));
        byte[] onnx = OnnxExporter.export(trained.parameters(), data.schema(), metadata);
        HoldoutEvaluator.Evaluation eval = HoldoutEvaluator.evaluate(onnx, data);
        double diff = maxAbsDiff(eval.outputs(), trained.holdoutOutputs());
        // Relative to the outputs' magnitude: a regression label around 1e5 has float32 steps near 0.01.
        double limit = MAX_EXPORT_DIFF * Math.max(1, maxAbs(trained.holdoutOutputs()));
        if (!(diff <= limit)) {
            throw new IllegalStateException("ONNX export check failed: ONNX Runtime differs from DJL by " + diff
                    + " (limit " + limit + ")");
        }
        return new TrainingResult(data.schema(), onnx, eval.metrics(), eval.baseline(),
                data.holdoutCsv(CompactDataset.HOLDOUT_SAMPLE_ROWS, options.seed()),
                data.counts(), data.fillValues(), trained.history(), trained.stop().epochsRun(), trained.stop().maxEpochs(),
                trained.stop().bestEpoch(), trained.stop().describe(), options, diff, false);
    }

    static double maxAbs(float[] values) {
        double max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }
}
