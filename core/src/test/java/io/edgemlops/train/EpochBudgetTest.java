package io.edgemlops.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The epoch limit, patience and early-stopping bookkeeping, without training. */
class EpochBudgetTest {

    @Test
    void smallDataGetsMoreEpochsThanLargeData() {
        int small = EpochBudget.maxEpochs(640, 64, null);
        int medium = EpochBudget.maxEpochs(2_000, 64, null);
        int large = EpochBudget.maxEpochs(100_000, 64, null);
        assertTrue(small > medium && medium > large, small + " > " + medium + " > " + large);
        assertEquals(EpochBudget.MIN_EPOCHS, large);
        assertTrue(small * EpochBudget.stepsPerEpoch(640, 64) >= EpochBudget.TARGET_STEPS,
                "small data reaches the step target");
        assertEquals(EpochBudget.MAX_EPOCHS, EpochBudget.maxEpochs(10, 64, null), "tiny data is capped");
    }

    @Test
    void epochsGivenByTheUserAreTheLimit() {
        assertEquals(7, EpochBudget.maxEpochs(128, 64, 7));
        assertEquals(5000, EpochBudget.maxEpochs(128, 64, 5000));
    }

    @Test
    void patienceCoversEnoughStepsOnTinyData() {
        assertEquals(EpochBudget.MIN_PATIENCE, EpochBudget.patience(100_000, 64));
        assertTrue(EpochBudget.patience(100, 64) * EpochBudget.stepsPerEpoch(100, 64) >= EpochBudget.PATIENCE_STEPS);
    }

    @Test
    void earlyStoppingWaitsPatienceEpochsAfterTheBest() {
        EarlyStopping stopping = new EarlyStopping(3);
        assertTrue(stopping.record(1, 1.0));
        assertTrue(stopping.record(2, 0.5));
        assertFalse(stopping.record(3, 0.49995), "a decrease below MIN_DELTA is no improvement");
        assertFalse(stopping.record(4, 0.7));
        assertFalse(stopping.shouldStop());
        assertFalse(stopping.record(5, 0.6));
        assertTrue(stopping.shouldStop());
        assertEquals(2, stopping.bestEpoch());
        assertEquals(0.5, stopping.bestLoss());
    }

    @Test
    void automaticEpochsAreTheDefaultAndAGivenValueIsChecked() {
        TrainingOptions o = TrainingOptions.of("y");
        assertTrue(o.automaticEpochs());
        assertEquals(TrainingOptions.AUTOMATIC_EPOCHS, o.epochs());
        assertEquals(12, o.withEpochs(12).epochs());
        assertTrue(o.withEpochs(12).withEpochs(null).automaticEpochs());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.withEpochs(0));
        assertTrue(e.getMessage().startsWith("epochs:"), e.getMessage());
    }

    @Test
    void stopSentenceSaysWhyAndWhichWeights() {
        assertEquals("stopped after epoch 37 of at most 200: validation loss did not improve for 10 epochs;"
                        + " restored the weights of epoch 27",
                new TrainingStop(37, 200, 27, 10, TrainingStop.Reason.NO_IMPROVEMENT).describe());
        assertEquals("stopped after epoch 8 of at most 8: reached the limit of 8 epochs; kept the weights of the"
                + " last epoch", new TrainingStop(8, 8, 8, 10, TrainingStop.Reason.EPOCH_LIMIT).describe());
        assertEquals("stopped after epoch 37 of at most 200: validation loss did not improve for 10 epochs;"
                        + " best epoch 27; retrained on all 400 training rows for 27 epochs",
                new TrainingStop(37, 200, 27, 10, TrainingStop.Reason.NO_IMPROVEMENT, 400).describe());
        assertEquals("stopped after epoch 11 of at most 200: validation loss did not improve for 10 epochs;"
                        + " best epoch 1; retrained on all 400 training rows for 1 epoch",
                new TrainingStop(11, 200, 1, 10, TrainingStop.Reason.NO_IMPROVEMENT, 400).describe());
    }
}
