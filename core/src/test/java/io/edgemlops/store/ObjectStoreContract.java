package io.edgemlops.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.data.DatasetProfile;
import io.edgemlops.data.FeatureProfile;
import io.edgemlops.data.FeatureSchema;
import io.edgemlops.registry.Audit;
import io.edgemlops.registry.HistoryEntry;
import io.edgemlops.registry.Lineage;
import io.edgemlops.registry.ModelDraft;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.registry.Variant;
import io.edgemlops.train.Metrics;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine needs from an S3 server, run against every server the environment offers (see
 * the subclasses): the embedded server always, an external endpoint (Ceph RGW, MinIO, AWS) when
 * configured. Every run works under a fresh random prefix, so runs against a shared bucket never
 * collide. The figures (races won, conflicts retried, timings) go to stdout for the CI log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ObjectStoreContract {

    static final int THREADS = 8;
    static final int INCREMENTS = 50;

    @TempDir
    static Path tmp;

    /** The store at this run's fresh prefix. */
    ObjectStore store;
    String prefix;

    /** Short name of the server, for the figures. */
    abstract String target();

    /** Opens the server's store under {@code prefix}. */
    abstract ObjectStore open(String prefix);

    /** Releases what {@link #open} started. */
    abstract void close();

    /** Whether to delete this run's keys afterwards (external servers keep their state between runs). */
    boolean cleanUp() {
        return false;
    }

    @BeforeAll
    void openStore() {
        prefix = "contract-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        long t0 = System.nanoTime();
        store = open(prefix);
        figure("store %s opened in %d ms", store.location(), ms(t0));
    }

    @AfterAll
    void closeStore() throws Exception {
        try {
            if (store != null && cleanUp()) {
                long t0 = System.nanoTime();
                List<ObjectInfo> keys = store.list("");
                parallel(keys.stream().<Callable<Void>>map(o -> () -> {
                    store.delete(o.key());
                    return null;
                }).toList());
                figure("cleanup: %d keys deleted in %d ms", keys.size(), ms(t0));
            }
        } finally {
            close();
        }
    }

    void figure(String format, Object... args) {
        System.out.printf("[store contract: %s] %s%n", target(), String.format(format, args));
    }

    static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static <T> List<T> parallel(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<T> out = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(tasks)) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aConditionalGetTransfersNothingWhileTheObjectIsUnchanged() {
        String etag = store.putBytes("desired/pump.json", utf8("{\"v\":1}")).etag();
        assertTrue(store.getIfChanged("desired/pump.json", etag).orElseThrow().unchanged());
        VersionedBytes whole = store.getIfChanged("desired/pump.json", null).orElseThrow();
        assertArrayEquals(utf8("{\"v\":1}"), whole.bytes());

        String next = store.putBytes("desired/pump.json", utf8("{\"v\":2}")).etag();
        VersionedBytes changed = store.getIfChanged("desired/pump.json", etag).orElseThrow();
        assertFalse(changed.unchanged());
        assertArrayEquals(utf8("{\"v\":2}"), changed.bytes());
        assertEquals(next, changed.etag());
        assertTrue(store.getIfChanged("desired/none.json", etag).isEmpty());
        store.delete("desired/pump.json");
    }

    @Test
    void bytesRoundTripHeadListAndDelete() {
        PutResult put = store.putBytes("a/b.json", utf8("{\"x\":1}"));
        assertEquals(Sha256.of(utf8("{\"x\":1}")), put.sha256());
        assertArrayEquals(utf8("{\"x\":1}"), store.getBytes("a/b.json").orElseThrow());
        ObjectInfo info = store.head("a/b.json").orElseThrow();
        assertEquals(7, info.size());
        assertEquals(put.etag(), info.etag(), "one ETag form everywhere");
        assertEquals(put.etag(), store.getVersioned("a/b.json").orElseThrow().etag());
        assertEquals(List.of(put.etag()), store.list("a/").stream().map(ObjectInfo::etag).toList());
        assertFalse(put.etag().contains("\""), "ETags are normalised (no quotes): " + put.etag());
        store.delete("a/b.json");
        assertTrue(store.getBytes("a/b.json").isEmpty());
        assertTrue(store.head("a/b.json").isEmpty());
        store.delete("a/b.json"); // deleting a missing key is fine
    }

    @Test
    void conditionalCreateByEightRacingThreadsHasExactlyOneWinner() throws Exception {
        int rounds = 5;
        int won = 0;
        long t0 = System.nanoTime();
        long unsettled0 = S3ObjectStore.unsettledConditionalAnswers();
        for (int round = 0; round < rounds; round++) {
            String key = "race/marker-" + round;
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                byte[] body = utf8("writer-" + t);
                tasks.add(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return store.createIfAbsent(key, body);
                });
            }
            List<Boolean> wins = parallel(tasks);
            assertEquals(1, wins.stream().filter(w -> w).count(), "exactly one creator of " + key + ": " + wins);
            won++;
            String winner = "writer-" + wins.indexOf(true);
            assertEquals(winner, new String(store.getBytes(key).orElseThrow(), StandardCharsets.UTF_8),
                    "the winner's content is what is stored");
            assertFalse(store.createIfAbsent(key, utf8("late")));
        }
        figure("conditional create: %d races of %d threads, %d won by exactly one thread, %d refused, "
                        + "%d answers 409/5xx settled, %d ms", rounds, THREADS, won, rounds * (THREADS - 1),
                S3ObjectStore.unsettledConditionalAnswers() - unsettled0, ms(t0));
    }

    @Test
    void eightThreadsTimesFiftyCompareAndSwapIncrementsEndAtFourHundred() throws Exception {
        String key = "counters/c.txt";
        store.putBytes(key, utf8("0"));
        long t0 = System.nanoTime();
        long unsettled0 = S3ObjectStore.unsettledConditionalAnswers();
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            tasks.add(() -> EmbeddedS3ServerTest.increment(store, key, INCREMENTS));
        }
        int conflicts = parallel(tasks).stream().mapToInt(Integer::intValue).sum();
        int value = Integer.parseInt(new String(store.getBytes(key).orElseThrow(), StandardCharsets.UTF_8));
        figure("compare-and-swap: %d threads x %d increments = %d (expected %d), %d conflicts re-read and retried, "
                        + "%d answers 409/5xx settled, %d ms", THREADS, INCREMENTS, value, THREADS * INCREMENTS, conflicts,
                S3ObjectStore.unsettledConditionalAnswers() - unsettled0, ms(t0));
        assertEquals(THREADS * INCREMENTS, value, "every increment counted exactly once (" + conflicts + " conflicts retried)");
    }

    @Test
    void compareAndSwapRefusesStaleMissingAndAcceptsAnyEtagSpelling() {
        store.putBytes("ptr/alias.json", utf8("1"));
        VersionedBytes v1 = store.getVersioned("ptr/alias.json").orElseThrow();
        // How other clients and servers spell the same ETag: quoted, weak.
        String etag2 = store.compareAndSwap("ptr/alias.json", utf8("2"), "\"" + v1.etag() + "\"");
        assertNotEquals(v1.etag(), etag2);
        String etag3 = store.compareAndSwap("ptr/alias.json", utf8("3"), "W/\"" + etag2 + "\"");
        String etag4 = store.compareAndSwap("ptr/alias.json", utf8("4"), etag3);
        assertEquals(etag4, store.head("ptr/alias.json").orElseThrow().etag());

        ConflictException e = assertThrows(ConflictException.class,
                () -> store.compareAndSwap("ptr/alias.json", utf8("5"), v1.etag()));
        assertTrue(e.getMessage().contains(store.location().describe("ptr/alias.json")), e.getMessage());
        assertArrayEquals(utf8("4"), store.getBytes("ptr/alias.json").orElseThrow(), "the stale write changed nothing");

        // If-Match on a key that does not exist: a conflict on every server (AWS answers 404, Ceph 412).
        assertThrows(ConflictException.class, () -> store.compareAndSwap("ptr/missing.json", utf8("x"), v1.etag()));
        assertTrue(store.head("ptr/missing.json").isEmpty(), "nothing was created");
        store.delete("ptr/alias.json");
        assertThrows(ConflictException.class, () -> store.compareAndSwap("ptr/alias.json", utf8("x"), etag4),
                "a pointer deleted since it was read is a conflict too");
    }

    @Test
    void anAliasChangedTwentyTimesInARowThroughTheRegistry() {
        ModelRegistry registry = new ModelRegistry(store);
        Audit ci = new Audit("contract-test", "https://ci/job/store/1/", "alias churn");
        int v1 = registry.register("churn", draft(registry, "m1"), ci).version();
        int v2 = registry.register("churn", draft(registry, "m2"), ci).version();
        long t0 = System.nanoTime();
        Integer previous = null;
        for (int i = 0; i < 20; i++) {
            int to = i % 2 == 0 ? v1 : v2;
            var record = registry.setAlias("churn", "production", to, ci.because("change " + (i + 1)));
            assertEquals(to, record.version());
            assertEquals(previous, record.previousVersion(), "change " + (i + 1));
            assertEquals(to, registry.resolve("churn", "production").version());
            previous = to;
        }
        long took = ms(t0);
        List<HistoryEntry> changes = registry.history("churn").stream().filter(h -> h.event().equals("alias-set")).toList();
        assertEquals(20, changes.size(), "one audit entry per change");
        figure("registry: alias 'production' changed 20 times in a row (If-Match each time after the first), %d ms", took);
    }

    @Test
    void paginationOverTwoAndAHalfThousandKeys() throws Exception {
        long t0 = System.nanoTime();
        List<Callable<Void>> puts = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            String key = String.format("paged/k%05d", i);
            byte[] body = {(byte) i};
            puts.add(() -> {
                store.putBytes(key, body);
                return null;
            });
        }
        parallel(puts);
        store.putBytes("paged-other/x", new byte[1]);
        long written = ms(t0);
        long t1 = System.nanoTime();
        List<ObjectInfo> all = store.list("paged/");
        long listed = ms(t1);
        assertEquals(2500, all.size(), "more than two pages of 1000");
        assertEquals("paged/k00000", all.get(0).key());
        assertEquals("paged/k02499", all.get(2499).key());
        assertEquals(all.stream().map(ObjectInfo::key).sorted().toList(), all.stream().map(ObjectInfo::key).toList());
        assertTrue(store.listPrefixes("").containsAll(List.of("paged/", "paged-other/")));

        long t2 = System.nanoTime();
        List<String> walked = new ArrayList<>();
        String after = null;
        int pages = 0;
        for (List<ObjectInfo> page = store.listPage("paged/", null, 700); ; page = store.listPage("paged/", after, 700)) {
            pages++;
            page.forEach(o -> walked.add(o.key()));
            if (page.size() < 700) {
                break;
            }
            after = page.get(page.size() - 1).key();
        }
        long paged = ms(t2);
        assertEquals(all.stream().map(ObjectInfo::key).toList(), walked, "pages of 700 walk the same keys in order");
        assertEquals(4, pages);
        List<ObjectInfo> big = store.listPage("paged/", "paged/k00099", 1500);
        assertEquals(1500, big.size(), "a page larger than the server's 1000 takes two requests");
        assertEquals("paged/k00100", big.get(0).key());
        assertEquals("paged/k01599", big.get(1499).key());

        long t3 = System.nanoTime();
        store.deleteAll(all.stream().map(ObjectInfo::key).toList());
        long deleted = ms(t3);
        assertEquals(List.of(), store.list("paged/"), "three DeleteObjects requests deleted all 2500");
        assertEquals(1, store.list("paged-other/").size(), "and nothing else");
        store.delete("paged-other/x");
        figure("pagination: 2500 keys written in %d ms (%d threads), listed in %d ms, walked in %d pages of 700 in %d ms, "
                + "deleted (deleteAll) in %d ms", written, THREADS, listed, pages, paged, deleted);
    }

    @Test
    void pagesStartAfterAnyKeyInByteOrderAndDeleteAllIgnoresMissingKeys() {
        // Names whose order differs between "byte order of the whole key" and "folder by folder": '-' and '.'
        // sort before '/', '0' after it. Telemetry device folders are named like this.
        List<String> keys = List.of("w/a-b/1.json", "w/a.b/1.json", "w/a/1.json", "w/a/2.json", "w/a0/1.json",
                "w/b/10.json", "w/b/9.json");
        keys.forEach(k -> store.putBytes(k, utf8(k)));
        assertEquals(keys, store.list("w/").stream().map(ObjectInfo::key).toList(), "byte order");
        List<String> walked = new ArrayList<>();
        String after = null;
        while (true) {
            List<ObjectInfo> page = store.listPage("w/", after, 2);
            page.forEach(o -> walked.add(o.key()));
            if (page.size() < 2) {
                break;
            }
            after = page.get(1).key();
        }
        assertEquals(keys, walked, "pages of 2");
        assertEquals(List.of("w/a/1.json", "w/a/2.json"), store.listPage("w/", "w/a.b/1.json", 2).stream()
                .map(ObjectInfo::key).toList());
        assertEquals(List.of("w/a0/1.json"), store.listPage("w/", "w/a/3", 1).stream().map(ObjectInfo::key).toList(),
                "startAfter need not exist");
        assertEquals(List.of(), store.listPage("w/", "w/c", 5));
        assertEquals(List.of(), store.listPage("none/", null, 5));

        store.deleteAll(List.of("w/a/1.json", "w/never-there.json", "w/a/1.json", "w/b/9.json"));
        assertEquals(List.of("w/a-b/1.json", "w/a.b/1.json", "w/a/2.json", "w/a0/1.json", "w/b/10.json"),
                store.list("w/").stream().map(ObjectInfo::key).toList(), "missing and repeated keys are no error");
        store.deleteAll(List.of());
        store.deleteAll(store.list("w/").stream().map(ObjectInfo::key).toList());
        assertEquals(List.of(), store.list("w/"));
    }

    @Test
    void fiftyMegabyteBlobRoundTripsThroughMultipartUpload() throws IOException {
        Path src = tmp.resolve("big.bin");
        byte[] chunk = new byte[1 << 20];
        Random random = new Random(42);
        try (OutputStream out = Files.newOutputStream(src)) {
            for (int i = 0; i < 50; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        long t0 = System.nanoTime();
        BlobRef ref = store.putBlob(src);
        long up = ms(t0);
        assertEquals(50L << 20, ref.size());
        assertEquals(Sha256.of(src), ref.sha256());
        ObjectInfo info = store.head(ref.key()).orElseThrow();
        assertEquals(50L << 20, info.size());
        assertEquals(ref, store.putBlob(src), "putting the same content again is idempotent");

        Path copy = tmp.resolve("out/big-copy.bin");
        long t1 = System.nanoTime();
        store.getBlobToFile(ref.sha256(), copy);
        long down = ms(t1);
        assertEquals(ref.sha256(), Sha256.of(copy));
        assertEquals(50L << 20, Files.size(copy));
        figure("multipart: 50 MiB up in %d ms (ETag %s), down and verified in %d ms", up, info.etag(), down);
        Files.delete(copy);
    }

    @Test
    void tamperedBlobIsDetectedAndLeavesNoFile() throws IOException {
        BlobRef ref = store.putBlob(utf8("the real model"));
        assertArrayEquals(utf8("the real model"), store.getBlob(ref.sha256()));
        store.putBytes(ref.key(), utf8("a swapped model"));

        IntegrityException e = assertThrows(IntegrityException.class, () -> store.getBlob(ref.sha256()));
        assertTrue(e.getMessage().contains(ref.key()), e.getMessage());

        Path outDir = Files.createDirectories(tmp.resolve("tampered"));
        Path target = outDir.resolve("model.onnx");
        assertThrows(IntegrityException.class, () -> store.getBlobToFile(ref.sha256(), target));
        try (Stream<Path> files = Files.list(outDir)) {
            assertEquals(List.of(), files.collect(Collectors.toList()), "neither the file nor a temp file is left");
        }
        NotFoundException missing = assertThrows(NotFoundException.class, () -> store.getBlob("0".repeat(64)));
        assertTrue(missing.getMessage().contains("blobs/sha256/" + "0".repeat(64)), missing.getMessage());
        figure("integrity: tampered blob %s refused (IntegrityException), no file left", ref.sha256().substring(0, 12));
    }

    /** A minimal model draft whose blobs are in the store. */
    static ModelDraft draft(ModelRegistry registry, String modelBytes) {
        FeatureSchema schema = new FeatureSchema(List.of(FeatureSchema.Feature.numeric("temp")), "state",
                FeatureSchema.Task.CLASSIFICATION, List.of("ok", "fault"));
        Metrics metrics = Metrics.classification(new int[] {0, 1}, new int[] {0, 1}, List.of("ok", "fault"));
        DatasetProfile baseline = new DatasetProfile(2, List.of(new FeatureProfile("temp", List.of(0.0, 1.0, 2.0),
                null, List.of(1L, 1L), 0, 0, 0, 1.0, 0.5)), Map.of("ok", 1L, "fault", 1L));
        Lineage lineage = new Lineage("cd".repeat(32), "data/pump.csv", 2, null, null, null, Map.of(), Map.of());
        Variant fp32 = registry.storeVariant("fp32", utf8(modelBytes), "onnx", Map.of());
        BlobRef holdout = registry.store().putBlob(utf8("temp,state\n1,ok\n"));
        return new ModelDraft(FeatureSchema.Task.CLASSIFICATION, schema, metrics, baseline, lineage, Map.of("fp32", fp32),
                holdout, Map.of());
    }
}
