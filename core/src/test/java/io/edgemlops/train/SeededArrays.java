package io.edgemlops.train;

import java.util.Random;

/** Seeded random inputs and labels for the training-step tests. */
final class SeededArrays {

    private SeededArrays() {
    }

    /** {@code n} standard normal values. */
    static float[] gaussian(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** {@code n} class indices below {@code classes}. */
    static long[] classes(int n, int classes, long seed) {
        Random r = new Random(seed);
        long[] c = new long[n];
        for (int i = 0; i < n; i++) {
            c[i] = r.nextInt(classes);
        }
        return c;
    }
}
