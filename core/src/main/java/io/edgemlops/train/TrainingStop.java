package io.edgemlops.train;

/**
 * Why and when training ended, and which epoch's weights the model has.
 *
 * @param epochsRun epochs trained
 * @param maxEpochs the limit: the user's {@code epochs}, or the automatic limit from the data size
 * @param bestEpoch the epoch whose weights were kept (lowest validation loss; the last epoch
 *     when there was no validation slice)
 * @param patience epochs without improvement that end a run (0 without a validation slice)
 * @param reason why the run ended
 */
public record TrainingStop(int epochsRun, int maxEpochs, int bestEpoch, int patience, Reason reason) {

    /** Why a run ended. */
    public enum Reason {
        /** The validation loss did not improve for {@code patience} epochs. */
        NO_IMPROVEMENT,
        /** All {@code maxEpochs} epochs ran. */
        EPOCH_LIMIT
    }

    /** One sentence for a build log, e.g. "stopped after epoch 37 of at most 200: ...". */
    public String describe() {
        String why = reason == Reason.NO_IMPROVEMENT
                ? "validation loss did not improve for " + patience + " epochs"
                : "reached the limit of " + maxEpochs + " epochs";
        String kept = bestEpoch == epochsRun
                ? "kept the weights of the last epoch"
                : "restored the weights of epoch " + bestEpoch;
        return "stopped after epoch " + epochsRun + " of at most " + maxEpochs + ": " + why + "; " + kept;
    }
}
