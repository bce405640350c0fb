package io.edgemlops.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
        List<List<Integer>> groups = new ArrayList<>();
        if (classOf == null) {
            groups.add(new ArrayList<>());
        }
        for (int r = 0; r < rows; r++) {
            int g = classOf == null ? 0 : classOf[r];
            while (groups.size() <= g) {
                groups.add(new ArrayList<>());
            }
            groups.get(g).add(r);
        }
        List<Integer> fit = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        for (List<Integer> group : groups) {
            int[] shuffled = group.stream().mapToInt(Integer::intValue).toArray();
            for (int i = shuffled.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            int take = (int) Math.round(shuffled.length * FRACTION);
            if (shuffled.length >= 3) {
                take = Math.max(1, take);
            }
            take = Math.min(take, Math.max(0, shuffled.length - 2));
            for (int i = 0; i < shuffled.length; i++) {
                (i < take ? validation : fit).add(shuffled[i]);
            }
        }
        if (validation.size() < MIN_ROWS) {
            fit.addAll(validation);
            validation.clear();
        }
        int[] f = fit.stream().mapToInt(Integer::intValue).toArray();
        int[] v = validation.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(f);
        Arrays.sort(v);
        return new int[][] {f, v};
    }
}
