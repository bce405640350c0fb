package io.edgemlops.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The early-stopping slice comes out of the training split, seeded and with every class in it. */
class ValidationSliceTest {

    @Test
    void aSeededStratifiedTenthOfTheTrainingRows() {
        int[] classes = new int[200];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = i < 120 ? 0 : (i < 180 ? 1 : 2);
        }
        int[][] split = ValidationSlice.split(200, classes, 5);
        assertEquals(20, split[1].length);
        assertEquals(180, split[0].length);
        Set<Integer> all = new HashSet<>();
        for (int[] part : split) {
            for (int r : part) {
                assertTrue(all.add(r), "row " + r + " is in both parts");
            }
        }
        assertEquals(200, all.size());
        long[] perClass = new long[3];
        for (int r : split[1]) {
            perClass[classes[r]]++;
        }
        assertArrayEquals(new long[] {12, 6, 2}, perClass);
        assertArrayEquals(split[1], ValidationSlice.split(200, classes, 5)[1], "same seed, same slice");
    }

    @Test
    void tooFewRowsMeanNoSlice() {
        int[][] split = ValidationSlice.split(20, null, 1);
        assertEquals(0, split[1].length);
        assertEquals(20, split[0].length);
    }
}
