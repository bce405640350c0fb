package io.edgemlops.train;

import io.edgemlops.data.RowGroups;
import java.util.Arrays;
import java.util.Random;

/**
 * Sets a seeded share of the training split aside for early stopping. The holdout split is never
 * touched: it stays for the metrics. For classification each class gives its share (at least one
 * row when it has three or more, and always keeps at least two rows for fitting), so the slice has
 * the class mix of the training split.
 */
final class ValidationSlice {

    /** Share of the training split used to decide when to stop. */
    static final double FRACTION = 0.1;
    /** Below this many slice rows the validation loss is too noisy: no early stopping. */
    static final int MIN_ROWS = 5;

    private ValidationSlice() {
    }

    /**
     * Row indices {fit, validation}, each ascending; validation is empty when the training split
     * is too small for a useful slice.
     *
     * @param rows training rows
     * @param classOf class per row, or null for regression
     * @param seed the run's seed
     */
    static int[][] split(int rows, int[] classOf, long seed) {
        Random random = new Random(seed * 31 + 17);
        int groups = 1;
        if (classOf != null) {
            for (int r = 0; r < rows; r++) {
                groups = Math.max(groups, classOf[r] + 1);
            }
        }
        int[][] members = RowGroups.byClass(rows, classOf, groups);
        int[] take = new int[groups];
        int validationRows = 0;
        for (int g = 0; g < groups; g++) {
            int[] shuffled = members[g];
            for (int i = shuffled.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            int n = (int) Math.round(shuffled.length * FRACTION);
            if (shuffled.length >= 3) {
                n = Math.max(1, n);
            }
            take[g] = Math.min(n, Math.max(0, shuffled.length - 2));
            validationRows += take[g];
        }
        if (validationRows < MIN_ROWS) {
            int[] all = new int[rows];
            for (int r = 0; r < rows; r++) {
                all[r] = r;
            }
            return new int[][] {all, new int[0]};
        }
        int[] fit = new int[rows - validationRows];
        int[] validation = new int[validationRows];
        int f = 0;
        int v = 0;
        for (int g = 0; g < groups; g++) {
            System.arraycopy(members[g], 0, validation, v, take[g]);
            v += take[g];
            System.arraycopy(members[g], take[g], fit, f, members[g].length - take[g]);
            f += members[g].length - take[g];
        }
        Arrays.sort(fit);
        Arrays.sort(validation);
        return new int[][] {fit, validation};
    }
}
