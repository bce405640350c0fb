package io.edgemlops.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The gate's statistics against values from published tables and worked by hand. */
class DriftStatisticsTest {

    @Test
    void chiSquareTailsMatchTheTables() {
        assertEquals(0.05, ChiSquare.upperTail(3.841458820694124, 1), 1e-9);
        assertEquals(0.95, ChiSquare.upperTail(0.003932140000019526, 1), 1e-9);
        assertEquals(0.05, ChiSquare.upperTail(11.070497693516351, 5), 1e-9);
        assertEquals(0.01, ChiSquare.upperTail(23.209251158954356, 10), 1e-9);
        assertEquals(0.05, ChiSquare.upperTail(124.34211340400407, 100), 1e-8);
        assertEquals(1.0, ChiSquare.upperTail(0, 3));
        assertEquals(Math.log(24), Gamma.logGamma(5), 1e-12);
        assertEquals(0.5 * Math.log(Math.PI), Gamma.logGamma(0.5), 1e-12);
    }

    @Test
    void chiSquareFindsAShiftAndNotNoise() {
        List<Long> baseline = List.of(100L, 200L, 400L, 200L, 100L);
        ChiSquare same = ChiSquare.test(baseline, List.of(10L, 20L, 40L, 20L, 10L));
        assertEquals(4, same.degreesOfFreedom());
        assertTrue(same.pValue() > 0.9, "a sample in the baseline's proportions: " + same);
        ChiSquare shifted = ChiSquare.test(baseline, List.of(10L, 10L, 20L, 40L, 20L));
        assertTrue(shifted.pValue() < 1e-6, "a shifted sample: " + shifted);
        assertEquals(1.0, ChiSquare.test(baseline, List.of(0L, 0L, 0L, 0L, 0L)).pValue(), "no data proves nothing");
    }

    @Test
    void aSampleOfTheBaselineDistributionIsRejectedAtAboutAlpha() {
        // 2,000 seeded samples of 500 draws from the baseline's own distribution: p < 0.05 in about 5 % of them.
        List<Long> baseline = List.of(100L, 300L, 400L, 150L, 50L);
        SplittableRandom random = new SplittableRandom(3);
        int rejected = 0;
        for (int s = 0; s < 2000; s++) {
            long[] counts = new long[5];
            for (int i = 0; i < 500; i++) {
                int r = random.nextInt(1000);
                counts[r < 100 ? 0 : r < 400 ? 1 : r < 800 ? 2 : r < 950 ? 3 : 4]++;
            }
            if (ChiSquare.test(baseline, List.of(counts[0], counts[1], counts[2], counts[3], counts[4])).pValue() < 0.05) {
                rejected++;
            }
        }
        assertEquals(0.05, rejected / 2000.0, 0.015);
    }

    @Test
    void psiIsZeroForTheSameSharesAndGrowsWithTheShift() {
        assertEquals(0.0, PopulationStability.index(List.of(50L, 50L), List.of(500L, 500L)), 1e-12);
        assertEquals(0.8530592449672882, PopulationStability.index(List.of(50L, 50L), List.of(90L, 10L)), 1e-12);
        double small = PopulationStability.index(List.of(100L, 100L, 100L), List.of(110L, 100L, 90L));
        double large = PopulationStability.index(List.of(100L, 100L, 100L), List.of(200L, 80L, 20L));
        assertTrue(small < 0.02 && large > 0.2, small + " / " + large);
        assertTrue(Double.isFinite(PopulationStability.index(List.of(0L, 100L), List.of(100L, 0L))),
                "empty bins are smoothed, not infinite");
        assertThrows(IllegalArgumentException.class, () -> PopulationStability.index(List.of(1L), List.of(1L, 2L)));
    }

    @Test
    void slotsEmptyOnBothSidesChangeNothing() {
        long[] base = {50, 50};
        long[] seen = {90, 10};
        long[] basePadded = {0, 50, 0, 50, 0};
        long[] seenPadded = {0, 90, 0, 10, 0};
        assertEquals(PopulationStability.index(base, seen), PopulationStability.index(basePadded, seenPadded));
        assertEquals(ChiSquare.test(base, seen), ChiSquare.test(basePadded, seenPadded));
        assertEquals(1, ChiSquare.test(basePadded, seenPadded).degreesOfFreedom());
        assertEquals(PopulationStability.index(List.of(0L, 50L, 0L, 50L, 0L), List.of(0L, 90L, 0L, 10L, 0L)),
                PopulationStability.index(basePadded, seenPadded), "the list and array forms agree");
        // A slot only one side saw is kept: a value the baseline never had is exactly what drift looks like.
        assertEquals(2, ChiSquare.test(new long[] {50, 50, 0}, new long[] {45, 45, 10}).degreesOfFreedom());
    }

    @Test
    void withoutDataOnEitherSideThereIsNothingToCompare() {
        assertEquals(0.0, PopulationStability.index(new long[] {10, 20}, new long[] {0, 0}));
        assertEquals(0.0, PopulationStability.index(new long[] {0, 0}, new long[] {10, 20}));
        assertEquals(new ChiSquare(0, 1, 1), ChiSquare.test(new long[] {0, 0}, new long[] {10, 20}));
        assertEquals(new ChiSquare(0, 0, 1), ChiSquare.test(new long[] {7, 0}, new long[] {3, 0}),
                "everything in one slot on both sides");
        assertEquals(new ChiSquare(0, 0, 1), ChiSquare.test(new long[0], new long[0]));
        assertThrows(IllegalArgumentException.class, () -> ChiSquare.test(new long[] {1, -2}, new long[] {1, 1}));
    }

    @Test
    void wilsonIntervalsAreHonestForFewAndForNoFailures() {
        WilsonInterval none = WilsonInterval.of(0, 20, 0.05);
        assertEquals(0.0, none.lower(), 1e-12);
        assertEquals(0.16112515, none.upper(), 1e-6);
        WilsonInterval five = WilsonInterval.of(5, 100, 0.05);
        // 0 of 20 above is 0 to 0.1611, as in the literature's worked examples; 5 of 100 worked by hand to four places.
        assertEquals(0.0215, five.lower(), 5e-5);
        assertEquals(0.1118, five.upper(), 5e-5);
        assertEquals(new WilsonInterval(0, 1), WilsonInterval.of(0, 0, 0.05));
        assertEquals(1.959963984540054, Normal.upperQuantile(0.025), 1e-8);
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(3, 2, 0.05));
    }
}
