package io.edgemlops.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress lines: a pulse every couple of seconds, the first and the last epoch, then why training stopped. */
class TrainingListenerTest {

    @Test
    void manyShortEpochsPrintTheFirstOnePerIntervalAndTheLast() {
        List<String> lines = new ArrayList<>();
        long[] now = {0};
        TrainingListener listener = TrainingListener.lines(lines::add, () -> now[0]);
        for (int epoch = 1; epoch <= 300; epoch++) {
            listener.onEpoch(stats(epoch, 300));
            now[0] += 50_000_000L; // 50 ms an epoch: 15 s in all
        }
        listener.onStop(new TrainingStop(300, 300, 290, 10, TrainingStop.Reason.EPOCH_LIMIT, 0));

        List<Integer> epochs = lines.stream().filter(l -> l.startsWith("epoch "))
                .map(l -> Integer.parseInt(l.substring(6, l.indexOf('/')))).toList();
        assertEquals(List.of(1, 41, 81, 121, 161, 201, 241, 281, 300), epochs);
        assertEquals(true, lines.get(lines.size() - 1).startsWith("stopped after epoch 300"), lines.toString());
    }

    @Test
    void aLongEpochSaysHowFarItIsEveryTenSeconds() {
        List<String> lines = new ArrayList<>();
        TrainingListener listener = TrainingListener.lines(lines::add, () -> 0L);
        long rows = 8_000_000;
        for (int chunk = 1; chunk <= 40; chunk++) {
            // 40 chunks of 200,000 rows, one a second: a 40-second epoch.
            listener.onProgress("epoch 1/2", chunk * 200_000L, rows, chunk);
        }
        listener.onProgress("refit epoch 1/1", 200_000, rows, 3);
        assertEquals(List.of(
                "epoch 1/2: 2,000,000 of 8,000,000 rows (25 %), 200,000 rows/s, about 30 s left",
                "epoch 1/2: 4,000,000 of 8,000,000 rows (50 %), 200,000 rows/s, about 20 s left",
                "epoch 1/2: 6,000,000 of 8,000,000 rows (75 %), 200,000 rows/s, about 10 s left"), lines);
    }

    @Test
    void slowEpochsAreAllPrinted() {
        List<String> lines = new ArrayList<>();
        long[] now = {0};
        TrainingListener listener = TrainingListener.lines(lines::add, () -> now[0]);
        for (int epoch = 1; epoch <= 3; epoch++) {
            listener.onEpoch(stats(epoch, 3));
            now[0] += 5_000_000_000L;
        }
        listener.onStop(new TrainingStop(3, 3, 3, 10, TrainingStop.Reason.EPOCH_LIMIT, 0));

        assertEquals(4, lines.size(), lines.toString());
        assertEquals(true, lines.get(2).startsWith("epoch 3/3"), lines.toString());
    }

    private static EpochStats stats(int epoch, int epochs) {
        return new EpochStats(epoch, epochs, 0.5, 0.6, 0.9, 1000, 0.05);
    }
}
