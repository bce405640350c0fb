package io.edgemlops.train;

/**
 * How many epochs a run may take and how long early stopping waits for an improvement.
 *
 * <p>The budget is counted in optimizer steps, not epochs: a fixed epoch count gives a 150-row
 * dataset a handful of Adam steps (too few to converge) and a 100,000-row dataset thousands. So
 * the automatic limit is the number of epochs that makes at least {@value #TARGET_STEPS} steps,
 * kept between {@value #MIN_EPOCHS} and {@value #MAX_EPOCHS}. Small data thus gets many epochs,
 * large data few. Early stopping usually ends a run well before the limit; the limit only bounds
 * the time a run can take.
 *
 * <p>An {@code epochs} value given by the user replaces the automatic limit (it stays a limit:
 * early stopping may end the run sooner).
 *
 * <p>Patience, the number of epochs without a better validation loss after which training stops,
 * is at least {@value #MIN_PATIENCE} epochs and at least {@value #PATIENCE_STEPS} optimizer
 * steps, so a tiny dataset with one or two steps per epoch is not stopped by noise.
 */
final class EpochBudget {

    /** Optimizer steps the automatic limit aims for. */
    static final int TARGET_STEPS = 3000;
    /** Fewest epochs of the automatic limit (large data). */
    static final int MIN_EPOCHS = 20;
    /** Most epochs of the automatic limit (tiny data). */
    static final int MAX_EPOCHS = 1000;
    /** Fewest epochs without improvement before stopping. */
    static final int MIN_PATIENCE = 10;
    /** Fewest optimizer steps without improvement before stopping. */
    static final int PATIENCE_STEPS = 250;

    private EpochBudget() {
    }

    /** Optimizer steps per epoch: batches of {@code batchSize} rows, the last one possibly smaller. */
    static int stepsPerEpoch(int trainRows, int batchSize) {
        return Math.max(1, (trainRows + batchSize - 1) / batchSize);
    }

    /**
     * The most epochs to run.
     *
     * @param trainRows rows the optimizer trains on per epoch
     * @param batchSize rows per step
     * @param requested epochs given by the user, or null for the automatic limit
     */
    static int maxEpochs(int trainRows, int batchSize, Integer requested) {
        if (requested != null) {
            return requested;
        }
        int steps = stepsPerEpoch(trainRows, batchSize);
        int epochs = (TARGET_STEPS + steps - 1) / steps;
        return Math.max(MIN_EPOCHS, Math.min(MAX_EPOCHS, epochs));
    }

    /** Epochs without a better validation loss after which the run stops. */
    static int patience(int trainRows, int batchSize) {
        int steps = stepsPerEpoch(trainRows, batchSize);
        return Math.max(MIN_PATIENCE, (PATIENCE_STEPS + steps - 1) / steps);
    }
}
