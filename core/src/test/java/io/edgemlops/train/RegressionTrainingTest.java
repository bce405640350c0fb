package io.edgemlops.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.data.FeatureSchema;
import io.edgemlops.data.Table;
import io.edgemlops.onnx.OnnxModelInfo;
import io.edgemlops.onnx.OnnxModelReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A numeric label trains a regressor whose ONNX output is in the label's units. */
class RegressionTrainingTest {

    @Test
    void learnsALinearTargetWithACategoricalFeature() {
        Random random = new Random(3);
        List<String[]> rows = new ArrayList<>();
        String[] sites = {"north", "south", "east"};
        double[] offset = {0, 5, -5};
        for (int i = 0; i < 2000; i++) {
            double x1 = random.nextDouble() * 10;
            double x2 = random.nextGaussian() * 3 + 50;
            int s = random.nextInt(3);
            double y = 100 + 3 * x1 - 2 * (x2 - 50) + offset[s] + random.nextGaussian() * 0.5;
            rows.add(new String[] {fmt(x1), fmt(x2), sites[s], fmt(y)});
        }
        Table t = Table.ofRows("reg.csv", List.of("x1", "x2", "site", "load"), rows);
        TrainingResult r = ModelTrainer.train(t, TrainingOptions.of("load").withEpochs(15).withLearningRate(0.005)
                .withHidden(List.of(32)), TrainingListener.NONE);

        assertEquals(FeatureSchema.Task.REGRESSION, r.schema().task());
        assertEquals(List.of("x1", "x2", "site=east", "site=north", "site=south"), r.schema().inputColumns());
        assertTrue(r.metrics().r2() > 0.95, "R2 " + r.metrics().r2());
        assertTrue(r.metrics().rmse() < 2.0, "RMSE " + r.metrics().rmse());
        assertNull(r.metrics().accuracy());
        assertTrue(r.exportMaxAbsDiff() <= 1e-4, "values near 100 differ by " + r.exportMaxAbsDiff());
        assertTrue(r.history().get(0).loss() > r.history().get(14).loss(), "training loss falls");
        assertTrue(r.baseline().predictedClassCounts().isEmpty());

        OnnxModelInfo info = OnnxModelReader.read(r.onnx());
        assertEquals(1, info.outputWidth());
        assertEquals(List.of("Sub", "Mul", "Gemm", "Relu", "Add"),
                info.operators().stream().map(OnnxModelInfo.Operator::opType).toList());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
