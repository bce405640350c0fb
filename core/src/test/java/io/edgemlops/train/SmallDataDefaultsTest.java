package io.edgemlops.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The defaults on a small data set of the size of the classic wine data (178 rows, 13 features,
 * 3 classes): early stopping picks the epoch count on a slice, then the model trains on every
 * training row for that many epochs.
 */
class SmallDataDefaultsTest {

    static final Table WINE_LIKE = wineLike(178, 13, 3, 1.1, 13);

    @Test
    void defaultsReachGoodAccuracyAndRetrainOnAllTrainingRows() {
        for (long seed : new long[] {1, 3}) {
            TrainingResult r = ModelTrainer.train(WINE_LIKE, TrainingOptions.of("kind").withSeed(seed),
                    TrainingListener.NONE);
            double accuracy = r.metrics().accuracy();
            assertTrue(accuracy >= 0.9, "seed " + seed + ": holdout accuracy " + accuracy + ", " + r.stopReason());
            long trainRows = r.rows().train();
            assertTrue(r.stopReason().endsWith("; best epoch " + r.bestEpoch() + "; retrained on all " + trainRows
                    + " training rows for " + r.bestEpoch() + " epochs"), r.stopReason());
        }
    }

    @Test
    void theRefitIsDeterministic() {
        TrainingOptions options = TrainingOptions.of("kind").withSeed(2).withEpochs(30);
        TrainingResult a = ModelTrainer.train(WINE_LIKE, options, TrainingListener.NONE);
        TrainingResult b = ModelTrainer.train(WINE_LIKE, options, TrainingListener.NONE);
        assertEquals(a.stopReason(), b.stopReason());
        assertEquals(a.metrics(), b.metrics());
        assertArrayEquals(a.onnx(), b.onnx());
    }

    /** Gaussian class blobs with a shared latent factor and feature scales from 0.01 to 1000. */
    static Table wineLike(int rows, int features, int classes, double separation, long seed) {
        Random random = new Random(seed);
        double[][] centres = new double[classes][features];
        for (double[] c : centres) {
            for (int j = 0; j < features; j++) {
                c[j] = random.nextGaussian() * separation;
            }
        }
        double[] loading = new double[features];
        for (int j = 0; j < features; j++) {
            loading[j] = random.nextGaussian() * 0.7;
        }
        List<String> header = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            header.add("f" + (j + 1));
        }
        header.add("kind");
        List<String[]> data = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int k = random.nextInt(classes);
            double latent = random.nextGaussian();
            String[] row = new String[features + 1];
            for (int j = 0; j < features; j++) {
                double scale = Math.pow(10, (j % 6) - 2);
                row[j] = String.format(Locale.ROOT, "%.5g",
                        (centres[k][j] + latent * loading[j] + random.nextGaussian()) * scale);
            }
            row[features] = "c" + k;
            data.add(row);
        }
        return Table.ofRows("wine-like.csv", header, data);
    }
}
