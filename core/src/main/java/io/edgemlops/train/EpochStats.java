package io.edgemlops.train;

import java.util.Locale;

/**
 * Progress after one epoch. The holdout is not in it: it is evaluated once, after training, so nothing
 * during training depends on it.
 *
 * @param epoch 1-based epoch number
 * @param epochs the most epochs this run may take (early stopping may end it sooner)
 * @param loss mean training loss over the epoch's batches
 * @param validationLoss loss on the validation slice of the training split that early stopping
 *     watches (null when the training split is too small for one)
 * @param trainAccuracy accuracy on the epoch's training batches (null for regression)
 * @param rowsPerSecond training rows processed per second (forward, backward and update only)
 * @param seconds wall time of the epoch's training steps
 */
public record EpochStats(int epoch, int epochs, double loss, Double validationLoss, Double trainAccuracy,
                         double rowsPerSecond, double seconds) {

    /** One human-readable progress line. */
    public String describe() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d loss %.4f", epoch, epochs, loss));
        if (validationLoss != null) {
            sb.append(String.format(Locale.ROOT, " val-loss %.4f", validationLoss));
        }
        if (trainAccuracy != null) {
            sb.append(String.format(Locale.ROOT, " train-acc %.4f", trainAccuracy));
        }
        return sb.append(String.format(Locale.ROOT, " %.0f rows/s", rowsPerSecond)).toString();
    }
}
