package io.edgemlops.drift;

import java.util.List;

/**
 * The slots two count vectors are compared over. A slot empty in both the baseline and the
 * observation says nothing about either and is left out: it would only add a smoothing term to PSI
 * and a degree of freedom to the chi-square test (the underflow slot of a categorical feature, the
 * missing slot of a feature that is never missing). Every statistic of this package uses this one
 * rule, so PSI, the chi-square statistic and its degrees of freedom always agree on the slots.
 */
final class Slots {

    private Slots() {
    }

    /** Checks that the first {@code length} counts of both vectors exist and are non-negative. */
    static void check(long[] baseline, long[] observed, int length) {
        if (length < 0 || length > baseline.length || length > observed.length) {
            throw new IllegalArgumentException("baseline has " + baseline.length + " slots, observed "
                    + observed.length + ", compared " + length);
        }
        for (int i = 0; i < length; i++) {
            if (baseline[i] < 0 || observed[i] < 0) {
                throw new IllegalArgumentException("counts must be non-negative, slot " + i + " has baseline "
                        + baseline[i] + " and observed " + observed[i]);
            }
        }
    }

    /** Number of slots non-empty in at least one of the two vectors. */
    static int kept(long[] baseline, long[] observed, int length) {
        int kept = 0;
        for (int i = 0; i < length; i++) {
            if (baseline[i] != 0 || observed[i] != 0) {
                kept++;
            }
        }
        return kept;
    }

    /** Sum of the first {@code length} counts. */
    static long total(long[] counts, int length) {
        long total = 0;
        for (int i = 0; i < length; i++) {
            total = Math.addExact(total, counts[i]);
        }
        return total;
    }

    /** A list of counts as an array, for the list forms of the public statistics. */
    static long[] toArray(List<Long> counts) {
        long[] out = new long[counts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = counts.get(i);
        }
        return out;
    }
}
