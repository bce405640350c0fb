package io.edgemlops.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.data.CsvReader;
import io.edgemlops.data.FeatureSchema;
import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.data.Table;
import io.edgemlops.onnx.OnnxExporter;
import io.edgemlops.onnx.OnnxModelInfo;
import io.edgemlops.onnx.OnnxModelReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Trains on generated pump data with real DJL/PyTorch and checks what a user would rely on. */
class ModelTrainerTest {

    static final TrainingOptions OPTIONS = TrainingOptions.of(SensorDataGenerator.LABEL)
            .withEpochs(8).withBatchSize(64).withLearningRate(0.003).withSeed(7);

    static Table pump;
    static TrainingResult result;
    static List<String> progress = new ArrayList<>();

    @BeforeAll
    static void trainOnce() {
        pump = new SensorDataGenerator(1).generate(6000);
        result = ModelTrainer.train(pump, OPTIONS, TrainingListener.lines(progress::add, slowClock()));
    }

    @Test
    void pumpDataTrainsToHighButNotPerfectAccuracy() {
        double accuracy = result.metrics().accuracy();
        assertTrue(accuracy >= 0.90, "holdout accuracy " + accuracy);
        assertTrue(accuracy < 1.0, "the generated data should not be trivially separable");
        assertEquals(FeatureSchema.Task.CLASSIFICATION, result.schema().task());
        assertEquals(List.of("bearing_wear", "cavitation", "normal"), result.schema().classes());
        assertEquals(16, result.schema().inputWidth());
        assertEquals(1200, result.metrics().rows());
        assertEquals(6000, result.rows().used());
        assertEquals(4800, result.rows().train());
    }

    @Test
    void onnxRuntimeMatchesDjlOnTheHoldout() {
        assertTrue(result.exportMaxAbsDiff() <= 1e-5, "max abs diff " + result.exportMaxAbsDiff());
    }

    @Test
    void progressIsReportedPerEpochThenWhyTrainingStopped() {
        assertEquals(9, progress.size(), "8 epoch lines and the stop line: " + progress);
        assertTrue(progress.get(0).startsWith("epoch 1/8 loss "), progress.get(0));
        assertTrue(progress.get(7).contains("rows/s"), progress.get(7));
        assertTrue(progress.get(8).startsWith("stopped after epoch 8 of at most 8: reached the limit of 8 epochs; "),
                progress.get(8));
        EpochStats last = result.history().get(7);
        assertTrue(last.loss() < result.history().get(0).loss(), "loss should fall");
        assertTrue(last.rowsPerSecond() > 0);
    }

    @Test
    void sameSeedGivesSameModelAndMetrics() {
        TrainingResult again = ModelTrainer.train(pump, OPTIONS, TrainingListener.NONE);
        assertEquals(result.metrics(), again.metrics());
        assertArrayEquals(result.onnx(), again.onnx());
        assertEquals(result.baseline(), again.baseline());
    }

    @Test
    void exportedModelDescribesItself() {
        OnnxModelInfo info = OnnxModelReader.read(result.onnx());
        assertEquals(8, info.irVersion());
        assertEquals(17L, info.opsets().get("ai.onnx"));
        assertEquals(16, info.inputWidth());
        assertEquals(3, info.outputWidth());
        assertEquals(List.of("N", "16"), info.inputs().get(0).shape());
        assertEquals(OnnxExporter.INPUT, info.inputs().get(0).name());
        assertEquals(OnnxExporter.OUTPUT, info.outputs().get(0).name());
        assertEquals(List.of("Sub", "Mul", "Gemm", "Relu", "Softmax"),
                info.operators().stream().map(OnnxModelInfo.Operator::opType).toList());
        assertEquals(List.of("FLOAT"), info.initializerTypes());
        long params = 16 * 2 + (16 * 64 + 64) + (64 * 32 + 32) + (32 * 3 + 3);
        assertEquals(params, info.parameterCount());
        assertEquals(params * 4, info.parameterBytes());
        assertTrue(info.metadata().get(OnnxExporter.META_CLASSES).contains("cavitation"));
    }

    @Test
    void baselineAndHoldoutFileDescribeTheHoldout() {
        assertEquals(1200, result.baseline().rows());
        assertEquals(16, result.baseline().features().size());
        var vib = result.baseline().features().get(0);
        assertEquals(11, vib.binEdges().size());
        assertEquals(1200, vib.total());
        long predicted = result.baseline().predictedClassCounts().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(1200, predicted);
        Table holdout = CsvReader.read(new ByteArrayInputStream(result.holdoutCsv()), "holdout.csv");
        assertEquals(1200, holdout.rowCount());
        assertEquals(pump.columnNames(), holdout.columnNames());
        assertFalse(result.external());
    }

    /** A clock that advances three seconds per reading, so every epoch is reported. */
    static java.util.function.LongSupplier slowClock() {
        long[] now = {0};
        return () -> now[0] += 3_000_000_000L;
    }
}
