package io.edgemlops.train;

/**
 * Why and when training ended, and which epoch's weights the model has.
 *
 * @param epochsRun epochs trained while watching the validation loss
 * @param maxEpochs the limit: the user's {@code epochs}, or the automatic limit from the data size
 * @param bestEpoch the epoch with the lowest validation loss (the last epoch when there was no
 *     validation slice); the model is trained for this many epochs
 * @param patience epochs without improvement that end a run (0 without a validation slice)
 * @param reason why the run ended
 * @param refitRows rows of the whole training split the model was then trained on for
 *     {@code bestEpoch} epochs, validation slice included; 0 when there was no slice (the
 *     watched run's weights of {@code bestEpoch} are the model)
 */
public record TrainingStop(int epochsRun, int maxEpochs, int bestEpoch, int patience, Reason reason, int refitRows) {

    /** Why a run ended. */
    public enum Reason {
        /** The validation loss did not improve for {@code patience} epochs. */
        NO_IMPROVEMENT,
        /** All {@code maxEpochs} epochs ran. */
        EPOCH_LIMIT
    }

    /** A stop without a refit on the whole training split. */
    public TrainingStop(int epochsRun, int maxEpochs, int bestEpoch, int patience, Reason reason) {
        this(epochsRun, maxEpochs, bestEpoch, patience, reason, 0);
    }

    /** Whether the model was trained again on the whole training split for {@code bestEpoch} epochs. */
    public boolean refit() {
        return refitRows > 0;
    }

    /**
     * One sentence for a build log, e.g. "stopped after epoch 37 of at most 200: validation loss did
     * not improve for 10 epochs; best epoch 27; retrained on all 160 training rows for 27 epochs".
     */
    public String describe() {
        String why = reason == Reason.NO_IMPROVEMENT
                ? "validation loss did not improve for " + patience + " epochs"
                : "reached the limit of " + maxEpochs + " epochs";
        String kept;
        if (refit()) {
            kept = "best epoch " + bestEpoch + "; retrained on all " + refitRows + " training rows for " + bestEpoch
                    + (bestEpoch == 1 ? " epoch" : " epochs");
        } else {
            kept = bestEpoch == epochsRun
                    ? "kept the weights of the last epoch"
                    : "restored the weights of epoch " + bestEpoch;
        }
        return "stopped after epoch " + epochsRun + " of at most " + maxEpochs + ": " + why + "; " + kept;
    }
}
