package io.edgemlops.telemetry;

import static io.edgemlops.telemetry.TelemetryFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.telemetry.TelemetryFixtures.FakeClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class WindowAggregatorTest {

    static final FeatureBins TEMP = FeatureBins.numeric("temp", List.of(0.0, 10.0, 20.0));
    static final FeatureBins SITE = FeatureBins.categorical("site", List.of("north", "south"));
    static final List<String> CLASSES = List.of("ok", "fault");

    final FakeClock clock = new FakeClock(T0.plusSeconds(7));
    final AtomicLong seq = new AtomicLong();

    WindowAggregator aggregator(Role role, LongSupplier nextSeq) {
        return new WindowAggregator(TelemetryFixtures.source("pi-7", role), List.of(TEMP, SITE), CLASSES, 300,
                nextSeq, clock);
    }

    WindowAggregator aggregator(Role role) {
        return aggregator(role, seq::incrementAndGet);
    }

    @Test
    void aWindowIsReportedOnceItHasPassed() {
        WindowAggregator agg = aggregator(Role.SERVING);
        agg.observe(new Object[] {5.0, "north"}, 0, 40_000, false);
        clock.advanceSeconds(100);
        agg.observe(new Object[] {"15", "east"}, 1, 2_000_000, false);
        agg.observe(new Object[] {null, "south"}, WindowAggregator.NO_CLASS, 9, true);
        assertEquals(List.of(), agg.roll(T0.plusSeconds(299)), "still open");
        agg.setHealth(Health.OK);
        List<TelemetryRecord> records = agg.roll(T0.plusSeconds(300));
        assertEquals(1, records.size());
        TelemetryRecord r = records.get(0);
        assertEquals(T0, r.windowStart(), "aligned to a multiple of 300 s");
        assertEquals(300, r.windowSeconds());
        assertEquals(1, r.seq());
        assertEquals(3, r.inferences());
        assertEquals(1, r.errors());
        assertEquals(new FeatureCounts(List.of(1L, 1L), 0, 0, 1), r.features().get(0));
        assertEquals(new FeatureCounts(List.of(1L, 1L), 0, 1, 0), r.features().get(1), "inputs of a failed inference count");
        assertEquals(List.of("ok", "fault"), List.copyOf(r.predictedClassCounts().keySet()));
        assertEquals(1L, r.predictedClassCounts().get("ok"));
        assertEquals(1L, r.predictedClassCounts().get("fault"));
        assertEquals(LatencyHistogram.of(40_000, 2_000_000), r.latency(), "a failed inference's time is not latency");
        assertEquals(Health.OK, r.health());
        assertEquals("pi-7", r.deviceId());
        assertEquals(Role.SERVING, r.role());
        assertNull(r.shadowInferences());
        assertEquals(List.of(), agg.roll(T0.plusSeconds(10_000)), "reported once");
    }

    @Test
    void emptyWindowsProduceNoRecordAndSeqsFollowTheOrderOfRecords() {
        WindowAggregator agg = aggregator(Role.SERVING);
        agg.observe(new Object[] {1.0, "north"}, 0, 1_000, false);
        clock.set(T0.plusSeconds(3 * 300 + 5)); // two empty windows in between
        agg.observe(new Object[] {1.0, "north"}, 0, 1_000, false);
        clock.set(T0.plusSeconds(4 * 300));
        List<TelemetryRecord> records = agg.roll();
        assertEquals(List.of(T0, T0.plusSeconds(900)), records.stream().map(TelemetryRecord::windowStart).toList());
        assertEquals(List.of(1L, 2L), records.stream().map(TelemetryRecord::seq).toList());
        assertEquals(List.of(), agg.roll(T0.plusSeconds(100 * 300)));
        assertEquals(List.of(), aggregator(Role.SERVING).roll(T0.plusSeconds(100 * 300)), "nothing observed");
    }

    @Test
    void aClockSteppingBackCountsInTheOpenWindow() {
        WindowAggregator agg = aggregator(Role.SERVING);
        clock.set(T0.plusSeconds(310));
        agg.observe(new Object[] {1.0, "north"}, 0, 1_000, false);
        clock.set(T0.plusSeconds(200));
        agg.observe(new Object[] {1.0, "north"}, 0, 1_000, false);
        List<TelemetryRecord> records = agg.roll(T0.plusSeconds(600));
        assertEquals(1, records.size());
        assertEquals(T0.plusSeconds(300), records.get(0).windowStart());
        assertEquals(2, records.get(0).inferences());
    }

    @Test
    void flushReportsTheOpenWindowToo() {
        WindowAggregator agg = aggregator(Role.SERVING);
        agg.observe(new Object[] {1.0, "north"}, 0, 1_000, false);
        List<TelemetryRecord> first = agg.flush();
        assertEquals(1, first.size());
        agg.observe(new Object[] {2.0, "south"}, 1, 1_000, false);
        List<TelemetryRecord> second = agg.roll(T0.plusSeconds(300));
        assertEquals(1, second.size(), "the same window again, as a second record");
        assertEquals(first.get(0).windowStart(), second.get(0).windowStart());
        assertEquals(2, second.get(0).seq());
        assertEquals(2, first.get(0).merge(second.get(0)).inferences());
    }

    @Test
    void shadowComparisonsAreCountedOnlyOnShadowAggregators() {
        WindowAggregator shadow = aggregator(Role.SHADOW);
        shadow.observe(new Object[] {1.0, "north"}, 1, 30_000, false);
        shadow.observeShadow(false, 20_000);
        shadow.observe(new Object[] {1.0, "north"}, 0, 30_000, false);
        shadow.observeShadow(true, 20_000);
        TelemetryRecord r = shadow.roll(T0.plusSeconds(300)).get(0);
        assertEquals(Role.SHADOW, r.role());
        assertEquals(2L, r.shadowInferences());
        assertEquals(1L, r.shadowAgreements());
        assertEquals(LatencyHistogram.of(20_000, 20_000), r.shadowLatency());
        assertEquals(LatencyHistogram.of(30_000, 30_000), r.latency());
        assertThrows(IllegalStateException.class, () -> aggregator(Role.SERVING).observeShadow(true, 1));
    }

    @Test
    void badObservationsAreRefused() {
        WindowAggregator agg = aggregator(Role.SERVING);
        assertThrows(IllegalArgumentException.class, () -> agg.observe(new Object[] {1.0}, 0, 1, false));
        assertThrows(IllegalArgumentException.class, () -> agg.observe(new Object[] {1.0, "a"}, 2, 1, false));
        assertThrows(IllegalArgumentException.class, () -> agg.observe(new Object[] {1.0, "a"}, -2, 1, false));
        assertEquals(List.of(), agg.flush(), "nothing counted");
    }

    @Test
    void aFailingSequenceSourceLosesNoWindow() {
        AtomicBoolean diskFull = new AtomicBoolean(true);
        WindowAggregator agg = aggregator(Role.SERVING, () -> {
            if (diskFull.get()) {
                throw new IllegalStateException("disk full");
            }
            return seq.incrementAndGet();
        });
        agg.observe(new Object[] {1.0, "north"}, 0, 1_000, false);
        assertThrows(IllegalStateException.class, () -> agg.roll(T0.plusSeconds(300)));
        diskFull.set(false);
        List<TelemetryRecord> records = agg.roll(T0.plusSeconds(300));
        assertEquals(1, records.size());
        assertEquals(1, records.get(0).inferences());
    }

    @Test
    void concurrentObservationsAreAllCounted() throws Exception {
        WindowAggregator agg = aggregator(Role.SERVING);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        agg.observe(new Object[] {(double) (i % 20), i % 2 == 0 ? "north" : "south"}, thread % 2,
                                1_000 + i, false);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        TelemetryRecord r = agg.roll(T0.plusSeconds(300)).get(0);
        assertEquals(40_000, r.inferences());
        assertEquals(new FeatureCounts(List.of(20_000L, 20_000L), 0, 0, 0), r.features().get(0));
        assertEquals(40_000, r.latency().count());
        assertEquals(20_000L, r.predictedClassCounts().get("ok"));
        assertTrue(r.features().get(1).counts().stream().allMatch(c -> c == 20_000L));
    }
}
