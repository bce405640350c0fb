package io.edgemlops.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real DJL training on small noisy data: early stopping, the epoch limit and what a user sees of them. */
class EarlyStoppingTrainingTest {

    /** A high learning rate overfits 240 noisy rows quickly, so the validation loss turns up early. */
    static final TrainingOptions OVERFITTING = TrainingOptions.of("kind").withLearningRate(0.01)
            .withHidden(List.of(64, 64)).withSeed(4);

    static Table noisy;
    static TrainingResult result;
    static List<String> lines = new ArrayList<>();

    @BeforeAll
    static void trainOnce() {
        noisy = blobs(300, 1.0, 9);
        result = ModelTrainer.train(noisy, OVERFITTING, TrainingListener.lines(lines::add, ModelTrainerTest.slowClock()));
    }

    @Test
    void stopsWhenTheValidationLossStopsImprovingAndSaysWhy() {
        assertTrue(result.epochsRun() < result.maxEpochs(), result.stopReason());
        assertEquals(result.epochsRun(), result.history().size());
        int patience = EpochBudget.patience(216, 64);
        assertEquals(result.bestEpoch() + patience, result.epochsRun());
        String expected = "stopped after epoch " + result.epochsRun() + " of at most " + result.maxEpochs()
                + ": validation loss did not improve for " + patience + " epochs; best epoch " + result.bestEpoch()
                + "; retrained on all 240 training rows for " + result.bestEpoch() + " epochs";
        assertEquals(expected, result.stopReason());
        assertEquals(expected, lines.get(lines.size() - 1), "the last progress line says why training stopped");
        assertEquals(result.epochsRun() + 1, lines.size());
    }

    @Test
    void theBestEpochHasTheLowestValidationLoss() {
        EpochStats best = result.history().get(result.bestEpoch() - 1);
        EpochStats last = result.history().get(result.epochsRun() - 1);
        for (EpochStats s : result.history()) {
            assertTrue(s.validationLoss() >= best.validationLoss() - EarlyStopping.MIN_DELTA,
                    "epoch " + s.epoch() + " beat the kept epoch");
        }
        assertTrue(last.validationLoss() > best.validationLoss());
        // The model is then trained again on all 240 training rows for that many epochs: its holdout
        // metrics (from ONNX Runtime) are that model's, not a value from the watched run's history.
        assertEquals(240, result.rows().train());
    }

    @Test
    void smallDataGetsMoreEpochsThanTheOldFixedTwenty() {
        assertEquals(EpochBudget.maxEpochs(216, 64, null), result.maxEpochs());
        assertTrue(result.maxEpochs() > 20, "limit " + result.maxEpochs());
    }

    @Test
    void anExplicitEpochCountIsTheLimit() {
        TrainingResult capped = ModelTrainer.train(noisy, OVERFITTING.withEpochs(6), TrainingListener.NONE);
        assertEquals(6, capped.maxEpochs());
        assertEquals(6, capped.epochsRun());
        assertEquals(6, capped.history().size());
        assertTrue(capped.stopReason().startsWith("stopped after epoch 6 of at most 6: reached the limit"),
                capped.stopReason());
    }

    @Test
    void sameSeedSameStop() {
        TrainingResult again = ModelTrainer.train(noisy, OVERFITTING, TrainingListener.NONE);
        assertEquals(result.epochsRun(), again.epochsRun());
        assertEquals(result.bestEpoch(), again.bestEpoch());
        assertEquals(result.metrics(), again.metrics());
        assertArrayEquals(result.onnx(), again.onnx());
    }

    /** Three overlapping Gaussian classes in 5 dimensions. */
    static Table blobs(int rows, double separation, long seed) {
        Random random = new Random(seed);
        double[][] centres = new double[3][5];
        for (double[] c : centres) {
            for (int j = 0; j < c.length; j++) {
                c[j] = random.nextGaussian() * separation;
            }
        }
        List<String[]> data = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int k = random.nextInt(3);
            String[] row = new String[6];
            for (int j = 0; j < 5; j++) {
                row[j] = String.format(Locale.ROOT, "%.4f", centres[k][j] + random.nextGaussian());
            }
            row[5] = "k" + k;
            data.add(row);
        }
        return Table.ofRows("blobs.csv", List.of("a", "b", "c", "d", "e", "kind"), data);
    }
}
