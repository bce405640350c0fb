package io.edgemlops.registry;

/**
 * How the training of a model version went, as recorded on its card. Absent (null) for a model
 * trained elsewhere and on cards written before it was recorded.
 *
 * @param epochsRun epochs trained while watching the loss on the validation slice
 * @param maxEpochs the epoch limit: the user's {@code epochs} or the automatic limit
 * @param bestEpoch the epoch with the lowest validation loss; the model was trained for that many epochs
 * @param stopReason why training ended, as the one sentence the build log showed
 */
public record TrainingRun(int epochsRun, int maxEpochs, int bestEpoch, String stopReason) {
}
