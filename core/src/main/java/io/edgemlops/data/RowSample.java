package io.edgemlops.data;

import java.util.Arrays;
import java.util.Random;

/** Seeded uniform samples of a dataset's rows, for what is kept or computed from a bounded share of them. */
public final class RowSample {

    private RowSample() {
    }

    /**
     * All of {@code rows} when they are at most {@code cap}, else a seeded uniform sample of {@code cap} of them
     * (a partial Fisher-Yates shuffle), ascending.
     */
    public static int[] uniform(int[] rows, int cap, long seed) {
        if (rows.length <= cap) {
            return rows;
        }
        int[] pick = rows.clone();
        Random random = new Random(seed);
        for (int i = 0; i < cap; i++) {
            int j = i + random.nextInt(pick.length - i);
            int t = pick[i];
            pick[i] = pick[j];
            pick[j] = t;
        }
        int[] out = Arrays.copyOf(pick, cap);
        Arrays.sort(out);
        return out;
    }
}
