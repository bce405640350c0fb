package io.edgemlops.train;

/**
 * Patience-based early stopping on the validation loss. An epoch counts as better when its loss
 * is below the best so far by more than {@value #MIN_DELTA}; after {@code patience} epochs
 * without a better one, {@link #shouldStop()} turns true. The caller keeps the best epoch's
 * weights and ships those, not the last epoch's.
 */
final class EarlyStopping {

    /** Smallest loss decrease that counts as an improvement. */
    static final double MIN_DELTA = 1e-4;

    private final int patience;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int lastEpoch;

    EarlyStopping(int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1, got " + patience);
        }
        this.patience = patience;
    }

    /** Records an epoch's validation loss; returns whether it is the new best epoch. */
    boolean record(int epoch, double validationLoss) {
        lastEpoch = epoch;
        if (bestEpoch == 0 || validationLoss < bestLoss - MIN_DELTA) {
            bestLoss = validationLoss;
            bestEpoch = epoch;
            return true;
        }
        return false;
    }

    boolean shouldStop() {
        return bestEpoch > 0 && lastEpoch - bestEpoch >= patience;
    }

    int patience() {
        return patience;
    }

    int bestEpoch() {
        return bestEpoch;
    }

    double bestLoss() {
        return bestLoss;
    }
}
