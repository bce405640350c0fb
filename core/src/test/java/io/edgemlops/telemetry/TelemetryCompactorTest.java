package io.edgemlops.telemetry;

import static io.edgemlops.telemetry.TelemetryFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.store.Json;
import io.edgemlops.store.ObjectInfo;
import io.edgemlops.store.ObjectStore;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction against the real embedded store (and, through {@link ExternalS3CompactorTest}, an external S3 server
 * when the store contract's variables name one); each test has a fleet of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelemetryCompactorTest {

    static final String MODEL = "pump-anomaly";
    static final int VERSION = 12;
    static final int WINDOW_SECONDS = 300;
    static final List<String> TARGETS = List.of("raspberry-pi-4", "jetson-nano", "stm32-h7");
    static final Health DEGRADED = new Health(Health.Status.DEGRADED, true);
    static final Health SELF_TEST_FAILED = new Health(Health.Status.OK, false);

    @TempDir
    static Path storeDir;
    OpenStore open;
    ObjectStore store;

    /** Opens the store the tests run on. */
    OpenStore open() {
        return Stores.open(StoreLocation.parse("local:" + storeDir, null));
    }

    /** Whether to delete what the tests left (a shared external bucket). */
    boolean cleanUp() {
        return false;
    }

    @BeforeAll
    void start() {
        open = open();
        store = open.store();
    }

    @AfterAll
    void stop() {
        try {
            if (cleanUp()) {
                store.deleteAll(store.list("").stream().map(ObjectInfo::key).toList());
            }
        } finally {
            open.close();
        }
    }

    /** A device's record of one window with counts drawn from {@code seed}: 3 features of 4 bins, 2 classes. */
    static TelemetryRecord record(String fleet, Instant window, String device, long seq, String target, Role role,
                                  String rollout, Health health, long seed) {
        Random r = new Random(seed);
        List<FeatureCounts> features = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            features.add(new FeatureCounts(List.of((long) r.nextInt(50), (long) r.nextInt(50), (long) r.nextInt(50),
                    (long) r.nextInt(50)), r.nextInt(3), r.nextInt(3), r.nextInt(2)));
        }
        long inferences = 100 + r.nextInt(100);
        long errors = r.nextInt(3);
        Map<String, Long> classes = new LinkedHashMap<>();
        classes.put("ok", (long) r.nextInt(90));
        classes.put("fault", (long) r.nextInt(10));
        long[] latencies = IntStream.range(0, 20).mapToLong(i -> 40_000 + r.nextInt(200_000)).toArray();
        boolean shadow = role == Role.SHADOW;
        return new TelemetryRecord(1, fleet, MODEL, VERSION, rollout, device, target, seq, window, WINDOW_SECONDS,
                role, inferences, errors, features, classes, LatencyHistogram.of(latencies), health,
                shadow ? inferences : null, shadow ? inferences - r.nextInt(5) : null,
                shadow ? LatencyHistogram.of(latencies[0], latencies[1]) : null, r.nextInt(2));
    }

    /** {@code n} records of distinct devices over three targets, both roles, two rollouts and every kind of health. */
    static List<TelemetryRecord> fleetRecords(String fleet, Instant window, int n, long seed) {
        Health[] healths = {Health.OK, Health.OK, DEGRADED, SELF_TEST_FAILED, null};
        List<TelemetryRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(record(fleet, window, String.format("dev-%05d", i), 1000 + i, TARGETS.get(i % 3),
                    (i / 2) % 4 == 0 ? Role.SHADOW : Role.SERVING, i % 7 == 0 ? null : "rollout-" + (i % 2),
                    healths[i % healths.length], seed * 100_000 + i));
        }
        return out;
    }

    void upload(List<TelemetryRecord> records) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> done = new ArrayList<>();
            for (TelemetryRecord r : records) {
                done.add(pool.submit(() -> store.createIfAbsent(TelemetryKeys.recordKey(r), Json.toBytes(r))));
            }
            for (Future<Boolean> f : done) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The window as the gate must see it: the records grouped and merged directly, one device per record. */
    static WindowTelemetry expected(Instant window, List<TelemetryRecord> records) {
        Map<List<Object>, GroupTelemetry> groups = new LinkedHashMap<>();
        for (TelemetryRecord r : records) {
            groups.merge(java.util.Arrays.asList(r.target(), r.role(), r.rolloutId()), GroupTelemetry.of(r),
                    GroupTelemetry::plus);
        }
        return new WindowTelemetry(VERSION, window, WINDOW_SECONDS, new ArrayList<>(groups.values()));
    }

    List<String> rawKeys(String fleet, Instant window) {
        return store.list(TelemetryKeys.windowPrefix(fleet, MODEL, VERSION, window)).stream().map(ObjectInfo::key)
                .filter(k -> !k.contains("/" + TelemetryKeys.COMPACTED + "/")).toList();
    }

    Map<String, String> aggregateEtags(String fleet, Instant window) {
        return store.list(TelemetryKeys.windowPrefix(fleet, MODEL, VERSION, window) + TelemetryKeys.COMPACTED + "/")
                .stream().collect(Collectors.toMap(ObjectInfo::key, ObjectInfo::etag));
    }

    /** Device ids (dev-NNNNN) that fall into one shard. */
    static List<String> devicesOfShard(String shard, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; out.size() < n; i++) {
            String device = String.format("dev-%05d", i);
            if (TelemetryKeys.shardOf(device).equals(shard)) {
                out.add(device);
            }
        }
        return out;
    }

    static List<TelemetryRecord> shardRecords(String fleet, String shard, int n) {
        List<TelemetryRecord> out = new ArrayList<>();
        List<String> devices = devicesOfShard(shard, n);
        for (int i = 0; i < n; i++) {
            out.add(record(fleet, T0, devices.get(i), 7 + i, TARGETS.get(i % 3), Role.SERVING, "r1",
                    i % 5 == 0 ? DEGRADED : Health.OK, 77 + i));
        }
        return out;
    }

    /** {@code store} with {@code hook} run before each call whose method name matches. */
    static ObjectStore intercepted(ObjectStore target, Predicate<String> method, Runnable hook) {
        return (ObjectStore) Proxy.newProxyInstance(ObjectStore.class.getClassLoader(), new Class<?>[] {ObjectStore.class},
                (proxy, m, args) -> {
                    if (method.test(m.getName())) {
                        hook.run();
                    }
                    try {
                        return m.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void theWindowIsTheSumOfItsRecordsPerGroupAndTheRawRecordsAreGone() throws Exception {
        List<TelemetryRecord> records = fleetRecords("sum", T0, 300, 1);
        upload(records);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        TelemetryCompactor compactor = new TelemetryCompactor(store, 4, log::add, 7);

        WindowTelemetry window = compactor.compactWindow("sum", MODEL, VERSION, T0);

        assertEquals(expected(T0, records), window);
        assertEquals(300, window.devices());
        assertEquals(3 * 2 * 3, window.groups().size(), "targets x roles x (two rollouts and none)");
        GroupTelemetry pi = window.groups().stream().filter(g -> g.target().equals("raspberry-pi-4")
                && g.role() == Role.SERVING && "rollout-1".equals(g.rolloutId())).findFirst().orElseThrow();
        List<TelemetryRecord> ofPi = records.stream().filter(r -> r.target().equals("raspberry-pi-4")
                && r.role() == Role.SERVING && "rollout-1".equals(r.rolloutId())).toList();
        assertEquals(ofPi.size(), pi.devices());
        assertEquals(ofPi.stream().filter(r -> Health.OK.equals(r.health())).count(), pi.healthyDevices());
        assertEquals(ofPi.stream().filter(r -> DEGRADED.equals(r.health()) || SELF_TEST_FAILED.equals(r.health()))
                .count(), pi.unhealthyDevices());
        assertEquals(ofPi.stream().filter(r -> r.health() == null).count(), pi.unknownDevices());
        assertEquals(ofPi.stream().mapToLong(TelemetryRecord::inferences).sum(), pi.counts().inferences());

        CompactionStats stats = compactor.stats();
        assertEquals(300, stats.recordsFolded());
        assertEquals(300, stats.objectsRead());
        assertEquals(300, stats.deletes());
        assertEquals(0, stats.skipped() + stats.alreadyFolded() + stats.conflicts());
        assertTrue(stats.aggregatesWritten() > 16, "batches of 7: several writes per shard, " + stats);
        assertEquals(List.of(), rawKeys("sum", T0), "every folded record is deleted");
        assertEquals(16, aggregateEtags("sum", T0).size());
        assertEquals(List.of(), log);

        CompactedShard shard = Json.fromBytes(store.getBytes(TelemetryKeys.compactedKey("sum", MODEL, VERSION, T0, "03"))
                .orElseThrow(), CompactedShard.class, "shard 03");
        long inShard = records.stream().filter(r -> TelemetryKeys.shardOf(r.deviceId()).equals("03")).count();
        assertEquals(inShard, shard.recordsFolded());
        assertEquals((inShard + 6) / 7, shard.writes());
        assertTrue(shard.lastFolded().size() <= 7 && !shard.lastFolded().isEmpty(), shard.lastFolded().toString());
        assertTrue(shard.lastFolded().get(0).matches("dev-\\d{5}~\\d+"), shard.lastFolded().get(0));
    }

    @Test
    void aSecondCompactionWithNothingNewReadsAndWritesNothing() throws Exception {
        List<TelemetryRecord> records = fleetRecords("again", T0, 120, 2);
        upload(records);
        WindowTelemetry first = new TelemetryCompactor(store, 4, l -> { }).compactWindow("again", MODEL, VERSION, T0);
        Map<String, String> etags = aggregateEtags("again", T0);

        TelemetryCompactor second = new TelemetryCompactor(store, 4, l -> { });
        assertEquals(first, second.compactWindow("again", MODEL, VERSION, T0));
        assertEquals(expected(T0, records), first);
        assertEquals(CompactionStats.ZERO, second.stats(), "no record read, no aggregate written, nothing deleted");
        assertEquals(etags, aggregateEtags("again", T0), "the aggregates are untouched");
    }

    @Test
    void aRecordArrivingAfterCompactionIsFoldedByTheNextWhereverItSorts() throws Exception {
        List<TelemetryRecord> records = new ArrayList<>(fleetRecords("late", T0, 80, 3));
        upload(records);
        TelemetryCompactor compactor = new TelemetryCompactor(store, 2, l -> { }, 5);
        compactor.compactWindow("late", MODEL, VERSION, T0);

        // A device that was offline uploads its record hours later; its key sorts before the shard's others, and
        // another's after them.
        List<TelemetryRecord> late = List.of(
                record("late", T0, "0-offline", 3, "jetson-nano", Role.SERVING, "rollout-0", DEGRADED, 5),
                record("late", T0, "zz-offline", 99_999, "jetson-nano", Role.SERVING, "rollout-0", Health.OK, 6));
        upload(late);
        records.addAll(late);
        WindowTelemetry window = compactor.compactWindow("late", MODEL, VERSION, T0);

        assertEquals(expected(T0, records), window);
        assertEquals(82, compactor.stats().recordsFolded());
        assertEquals(List.of(), rawKeys("late", T0));
    }

    @Test
    void aRunStoppedAfterItsWriteAndBeforeItsDeletesCountsNothingTwiceWhenRestarted() throws Exception {
        List<TelemetryRecord> records = fleetRecords("crash", T0, 150, 4);
        upload(records);
        // The process dies right after its first aggregate write: the write is stored, its deletes never happen.
        AtomicBoolean killed = new AtomicBoolean();
        ObjectStore dying = intercepted(store, "deleteAll"::equals, () -> {
            if (killed.compareAndSet(false, true)) {
                throw new IllegalStateException("killed between the aggregate write and the deletes");
            }
        });
        TelemetryCompactor first = new TelemetryCompactor(dying, 1, l -> { }, 6);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> first.compactWindow("crash", MODEL, VERSION, T0));
        assertTrue(e.getMessage().startsWith("killed"), e.getMessage());
        assertEquals(1, first.stats().aggregatesWritten());
        assertEquals(150, rawKeys("crash", T0).size(), "the folded records are still there");

        TelemetryCompactor restarted = new TelemetryCompactor(store, 3, l -> { }, 6);
        WindowTelemetry window = restarted.compactWindow("crash", MODEL, VERSION, T0);

        assertEquals(expected(T0, records), window, "the 6 records folded before the kill are counted once");
        assertEquals(6, restarted.stats().alreadyFolded(), "listed again, not folded again");
        assertEquals(144, restarted.stats().recordsFolded());
        assertEquals(List.of(), rawKeys("crash", T0), "and deleted this time");
    }

    @Test
    void killedAtEveryDeleteInTurnTheRunsStillEndAtExactTotals() throws Exception {
        List<TelemetryRecord> records = fleetRecords("kills", T0, 120, 5);
        upload(records);
        // Run after run dies at its k-th delete (before a write, after a write, wherever it falls); the shards
        // running at that moment are interrupted mid-call. Each run gets further.
        int runs = 0;
        for (int k = 1; ; k++) {
            AtomicInteger calls = new AtomicInteger();
            int dieAt = k;
            ObjectStore dying = intercepted(store, "deleteAll"::equals, () -> {
                if (calls.incrementAndGet() == dieAt) {
                    throw new IllegalStateException("killed at delete " + dieAt);
                }
            });
            runs++;
            try {
                new TelemetryCompactor(dying, 4, l -> { }, 4).compactWindow("kills", MODEL, VERSION, T0);
                break;
            } catch (RuntimeException killed) {
                assertTrue(runs < 200, "no progress: " + killed);
            }
        }
        // An interrupted run may still have a shard finishing its last call: a final run sees everything settled.
        Thread.sleep(200);
        WindowTelemetry window = new TelemetryCompactor(store, 4, l -> { }).compactWindow("kills", MODEL, VERSION, T0);
        assertEquals(expected(T0, records), window, "after " + runs + " runs");
        assertEquals(List.of(), rawKeys("kills", T0));
    }

    @Test
    void aCompactorThatLosesTheRaceRedoesItsBatchAndCountsNothingTwice() throws Exception {
        List<TelemetryRecord> records = shardRecords("race", "03", 40);
        upload(records);
        // B compacts the whole shard after A has read its first batch and before A writes it.
        TelemetryCompactor b = new TelemetryCompactor(store, 2, l -> { }, 4);
        AtomicBoolean once = new AtomicBoolean();
        ObjectStore aView = intercepted(store, m -> m.equals("createIfAbsent") || m.equals("compareAndSwap"), () -> {
            if (once.compareAndSet(false, true)) {
                b.compactWindow("race", MODEL, VERSION, T0);
            }
        });
        TelemetryCompactor a = new TelemetryCompactor(aView, 2, l -> { }, 4);

        WindowTelemetry seenByA = a.compactWindow("race", MODEL, VERSION, T0);

        assertEquals(expected(T0, records), seenByA);
        assertEquals(40, b.stats().recordsFolded());
        assertEquals(1, a.stats().conflicts(), "A's first write lost");
        assertEquals(0, a.stats().recordsFolded(), "everything A had read was folded by B");
        assertEquals(expected(T0, records), new TelemetryCompactor(store, 1, l -> { })
                .compactWindow("race", MODEL, VERSION, T0));
    }

    @Test
    void threeCompactorsRacingOnOneShardEndAtExactTotals() throws Exception {
        List<TelemetryRecord> records = shardRecords("racing", "0a", 90);
        upload(records);
        List<TelemetryCompactor> compactors = List.of(new TelemetryCompactor(store, 2, l -> { }, 3),
                new TelemetryCompactor(store, 2, l -> { }, 4), new TelemetryCompactor(store, 2, l -> { }, 5));
        CyclicBarrier start = new CyclicBarrier(compactors.size());
        ExecutorService pool = Executors.newFixedThreadPool(compactors.size());
        try {
            List<Future<WindowTelemetry>> runs = new ArrayList<>();
            for (TelemetryCompactor c : compactors) {
                runs.add(pool.submit((Callable<WindowTelemetry>) () -> {
                    start.await(30, TimeUnit.SECONDS);
                    return c.compactWindow("racing", MODEL, VERSION, T0);
                }));
            }
            for (Future<WindowTelemetry> run : runs) {
                run.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long folded = compactors.stream().mapToLong(c -> c.stats().recordsFolded()).sum();
        long conflicts = compactors.stream().mapToLong(c -> c.stats().conflicts()).sum();
        System.err.printf("three racing compactors: folded %s, %d conflicts redone%n",
                compactors.stream().map(c -> c.stats().recordsFolded()).toList(), conflicts);
        assertEquals(90, folded, "each record folded by exactly one of them");
        assertEquals(expected(T0, records), new TelemetryCompactor(store, 1, l -> { })
                .compactWindow("racing", MODEL, VERSION, T0));
        assertEquals(List.of(), rawKeys("racing", T0));
    }

    @Test
    void recordsThatCannotBeReadAreSkippedNamedAndLeftWhereTheyAre() throws Exception {
        List<TelemetryRecord> records = fleetRecords("odd", T0, 40, 6);
        upload(records);
        String notJson = TelemetryKeys.recordKey("odd", MODEL, VERSION, T0, "odd-1", 5);
        store.putBytes(notJson, "{\"schemaVersion\": 1, \"fleet\": ".getBytes(StandardCharsets.UTF_8));
        String invalid = TelemetryKeys.recordKey("odd", MODEL, VERSION, T0, "odd-4", 5);
        store.putBytes(invalid, new String(Json.toBytes(record("odd", T0, "odd-4", 5, "jetson-nano", Role.SERVING,
                null, null, 4)), StandardCharsets.UTF_8).replace("\"errors\":", "\"errors\":1000").getBytes(
                StandardCharsets.UTF_8));
        TelemetryRecord other = record("odd", T0, "odd-2", 5, "jetson-nano", Role.SERVING, "rollout-0", Health.OK, 9);
        String wrongDevice = TelemetryKeys.recordKey("odd", MODEL, VERSION, T0, "odd-3", 5);
        store.putBytes(wrongDevice, Json.toBytes(other));
        String stray = TelemetryKeys.shardPrefix("odd", MODEL, VERSION, T0, "05") + "notes.txt";
        store.putBytes(stray, new byte[] {1});
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        TelemetryCompactor compactor = new TelemetryCompactor(store, 4, log::add);

        WindowTelemetry window = compactor.compactWindow("odd", MODEL, VERSION, T0);

        assertEquals(expected(T0, records), window, "only the valid records");
        assertEquals(4, compactor.stats().skipped());
        assertEquals(4, log.size(), log.toString());
        for (String key : List.of(notJson, invalid, wrongDevice, stray)) {
            assertTrue(log.stream().anyMatch(l -> l.contains(store.location().describe(key))), key + " in " + log);
            assertTrue(store.head(key).isPresent(), key + " is left for someone to look at");
        }
        assertTrue(log.stream().anyMatch(l -> l.contains("invalid JSON")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.contains("need 0 <= errors <= inferences")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.contains("its device and seq odd-2/5 disagree with its key")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.contains("not a telemetry record key")), log.toString());
        assertEquals(window, compactor.compactWindow("odd", MODEL, VERSION, T0), "skipped again, nothing else");
        assertEquals(8, compactor.stats().skipped());
    }

    @Test
    void recordsOfAnotherShapeAreKeptApartAndTheWindowReportsTheShapeOfMostDevices() throws Exception {
        List<TelemetryRecord> records = fleetRecords("shape", T0, 60, 7);
        upload(records);
        // Two devices whose agent counted two features instead of three, one of them first in its shard and group.
        List<TelemetryRecord> odd = new ArrayList<>();
        for (String device : List.of("0-old-agent", "old-agent-2")) {
            TelemetryRecord r = record("shape", T0, device, 3, TARGETS.get(1), Role.SERVING, "rollout-1", Health.OK, 8);
            odd.add(new TelemetryRecord(1, "shape", MODEL, VERSION, r.rolloutId(), device, r.target(), 3L, T0,
                    WINDOW_SECONDS, Role.SERVING, r.inferences(), r.errors(), r.features().subList(0, 2),
                    r.predictedClassCounts(), r.latency(), r.health(), null, null, null, 0));
        }
        upload(odd);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        TelemetryCompactor compactor = new TelemetryCompactor(store, 4, log::add);

        WindowTelemetry window = compactor.compactWindow("shape", MODEL, VERSION, T0);

        assertEquals(expected(T0, records), window, "the valid records of every shard, the odd ones left out");
        assertEquals(62, compactor.stats().recordsFolded(), "the odd ones are folded too, in groups of their own");
        assertEquals(2, log.size(), log.toString());
        assertTrue(log.stream().allMatch(l -> l.contains("left out of window 2026-11-25T18:00:00Z: 1 record of "
                + "jetson-nano/serving/rollout-1") && l.contains("are [300, 4, 4], the window's [300, 4, 4, 4]")),
                log.toString());
    }

    @Test
    void aDeviceWithTwoRecordsInOneBatchCountsOnceWithItsWorseHealth() throws Exception {
        TelemetryRecord early = record("twice", T0, "pi-7", 41, "raspberry-pi-4", Role.SERVING, "r", Health.OK, 1);
        TelemetryRecord rest = record("twice", T0, "pi-7", 42, "raspberry-pi-4", Role.SERVING, "r", DEGRADED, 2);
        TelemetryRecord other = record("twice", T0, "pi-8", 9, "raspberry-pi-4", Role.SERVING, "r", Health.OK, 3);
        upload(List.of(early, rest, other));

        GroupTelemetry g = new TelemetryCompactor(store, 2, l -> { }).compactWindow("twice", MODEL, VERSION, T0)
                .groups().get(0);

        assertEquals(2, g.devices());
        assertEquals(1, g.healthyDevices());
        assertEquals(1, g.unhealthyDevices());
        assertEquals(early.inferences() + rest.inferences() + other.inferences(), g.counts().inferences());
    }

    @Test
    void windowsAreListedInTimeOrderWithinTheRange() throws Exception {
        Instant w0 = T0;
        Instant w1 = T0.plusSeconds(WINDOW_SECONDS);
        Instant w2 = T0.plusSeconds(10 * WINDOW_SECONDS);
        List<TelemetryRecord> records = new ArrayList<>();
        for (Instant w : List.of(w2, w0, w1)) {
            records.addAll(fleetRecords("windows", w, 5, w.getEpochSecond()));
        }
        upload(records);
        store.putBytes(TelemetryKeys.versionPrefix("windows", MODEL, VERSION) + "not-a-window/x.json", new byte[1]);
        List<String> log = new ArrayList<>();
        TelemetryCompactor compactor = new TelemetryCompactor(store, 2, log::add);

        assertEquals(List.of(w0, w1, w2), compactor.windows("windows", MODEL, VERSION, Instant.EPOCH, Instant.MAX));
        assertEquals(List.of(w1), compactor.windows("windows", MODEL, VERSION, w1, w2), "end exclusive");
        assertTrue(log.get(0).contains("not-a-window/") && log.get(0).endsWith("not a window folder"), log.toString());
        List<WindowTelemetry> compacted = compactor.compact("windows", MODEL, VERSION, w1, Instant.MAX);
        assertEquals(List.of(w1, w2), compacted.stream().map(WindowTelemetry::windowStart).toList());
        assertEquals(expected(w2, records.subList(0, 5)), compacted.get(1));
        assertEquals(10, compactor.stats().recordsFolded());
        assertFalse(rawKeys("windows", w0).isEmpty(), "outside the range: untouched");
        WindowTelemetry none = compactor.compactWindow("windows", MODEL, VERSION, T0.plusSeconds(3 * WINDOW_SECONDS));
        assertEquals(new WindowTelemetry(VERSION, T0.plusSeconds(3 * WINDOW_SECONDS), 0, List.of()), none);
    }
}
