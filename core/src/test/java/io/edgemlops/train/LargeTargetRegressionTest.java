package io.edgemlops.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.data.FeatureSchema;
import io.edgemlops.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Prices in the hundreds of thousands: float32 steps there exceed any absolute export tolerance. */
class LargeTargetRegressionTest {

    @Test
    void trainsAndExportsARegressionWithLargeLabels() {
        Random random = new Random(8);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            double area = 40 + 160 * random.nextDouble();
            double age = 50 * random.nextDouble();
            double price = 150_000 + 2_000 * area - 1_000 * age + 5_000 * random.nextGaussian();
            rows.add(new String[] {fmt(area), fmt(age), fmt(price)});
        }
        Table table = Table.ofRows("houses.csv", List.of("area", "age", "price"), rows);

        TrainingResult result = ModelTrainer.train(table, TrainingOptions.of("price")
                .withTask(FeatureSchema.Task.REGRESSION).withEpochs(5).withSeed(2), TrainingListener.NONE);

        assertTrue(result.exportMaxAbsDiff() < 1, "diff " + result.exportMaxAbsDiff());
        assertTrue(result.metrics().rmse() > 0, "rmse " + result.metrics().rmse());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
