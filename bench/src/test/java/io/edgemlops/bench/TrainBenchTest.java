package io.edgemlops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgemlops.train.EpochStats;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Light checks only: the benchmark itself runs from bench/train-bench.sh, not in the build. */
class TrainBenchTest {

    @Test
    void parsesArgumentsWithDefaults() {
        BenchArgs a = BenchArgs.parse(new String[] {"djl", "--data", "x.csv", "--hidden", "128, 16", "--epochs", "3"});
        assertEquals("djl", a.command());
        assertEquals("x.csv", a.require("data"));
        assertEquals(List.of(128, 16), a.hidden());
        assertEquals(3, a.epochs());
        assertEquals(64, a.batch());
        assertEquals(0.001, a.learningRate());
        assertThrows(IllegalArgumentException.class, () -> a.require("out"));
        assertThrows(IllegalArgumentException.class, () -> BenchArgs.parse(new String[] {"djl", "--data"}));
    }

    @Test
    void steadyRateSkipsTheWarmUpEpoch() {
        List<EpochStats> h = List.of(stats(1, 10.0), stats(2, 1.0), stats(3, 3.0));
        assertEquals(2 * 1000 / 4.0, TrainBench.steadyRowsPerSecond(h), 1e-9);
        assertEquals(1000 / 10.0, TrainBench.steadyRowsPerSecond(h.subList(0, 1)), 1e-9);
    }

    private static EpochStats stats(int epoch, double seconds) {
        return new EpochStats(epoch, 3, 0.5, null, 0.9, 1000 / seconds, seconds);
    }
}
