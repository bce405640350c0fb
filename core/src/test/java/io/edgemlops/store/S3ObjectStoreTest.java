package io.edgemlops.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The object store against a real embedded S3 server on a temp directory. */
class S3ObjectStoreTest {

    @TempDir
    static Path dir;
    static OpenStore open;
    static ObjectStore store;

    @BeforeAll
    static void start() {
        open = Stores.open(StoreLocation.parse("local:" + dir.resolve("store"), null));
        store = open.store();
    }

    @AfterAll
    static void stop() {
        open.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bytesRoundTripHeadAndDelete() {
        PutResult put = store.putBytes("a/b.json", utf8("{\"x\":1}"));
        assertEquals(Sha256.of(utf8("{\"x\":1}")), put.sha256());
        assertArrayEquals(utf8("{\"x\":1}"), store.getBytes("a/b.json").orElseThrow());
        ObjectInfo info = store.head("a/b.json").orElseThrow();
        assertEquals(7, info.size());
        assertEquals(put.etag(), info.etag());
        store.delete("a/b.json");
        assertTrue(store.getBytes("a/b.json").isEmpty());
        assertTrue(store.head("a/b.json").isEmpty());
        store.delete("a/b.json"); // deleting a missing key is fine
    }

    @Test
    void fiftyMegabyteBlobRoundTripsThroughMultipartUpload() throws IOException {
        Path src = dir.resolve("big.bin");
        byte[] chunk = new byte[1 << 20];
        Random random = new Random(42);
        try (OutputStream out = Files.newOutputStream(src)) {
            for (int i = 0; i < 50; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        BlobRef ref = store.putBlob(src);
        assertEquals(50L << 20, ref.size());
        assertEquals(Sha256.of(src), ref.sha256());
        assertEquals(50L << 20, store.head(ref.key()).orElseThrow().size());
        assertEquals(ref, store.putBlob(src), "putting the same content again is idempotent");

        Path copy = dir.resolve("out/big-copy.bin");
        store.getBlobToFile(ref.sha256(), copy);
        assertEquals(ref.sha256(), Sha256.of(copy));
        assertEquals(50L << 20, Files.size(copy));
    }

    @Test
    void listingPagesThroughTwoAndAHalfThousandKeys() {
        for (int i = 0; i < 2500; i++) {
            store.putBytes(String.format("paged/k%05d", i), new byte[] {(byte) i});
        }
        store.putBytes("paged-other/x", new byte[1]);
        List<ObjectInfo> all = store.list("paged/");
        assertEquals(2500, all.size(), "more than two pages of 1000");
        assertEquals("paged/k00000", all.get(0).key());
        assertEquals("paged/k02499", all.get(2499).key());
        assertEquals(all.stream().map(ObjectInfo::key).sorted().toList(), all.stream().map(ObjectInfo::key).toList());
        assertTrue(store.listPrefixes("").containsAll(List.of("paged/", "paged-other/")));
    }

    @Test
    void conditionalCreateHasExactlyOneWinner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                byte[] body = utf8("writer-" + t);
                tasks.add(() -> store.createIfAbsent("race/marker", body));
            }
            List<Boolean> wins = new ArrayList<>();
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                wins.add(f.get());
            }
            assertEquals(1, wins.stream().filter(w -> w).count(), "exactly one creator: " + wins);
            String winner = "writer-" + wins.indexOf(true);
            assertEquals(winner, new String(store.getBytes("race/marker").orElseThrow(), StandardCharsets.UTF_8));
            assertFalse(store.createIfAbsent("race/marker", utf8("late")));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void compareAndSwapRejectsStaleEtagAndNamesTheKey() {
        store.putBytes("ptr/alias.json", utf8("1"));
        VersionedBytes v1 = store.getVersioned("ptr/alias.json").orElseThrow();
        String etag2 = store.compareAndSwap("ptr/alias.json", utf8("2"), v1.etag());
        assertNotEquals(v1.etag(), etag2);
        ConflictException e = assertThrows(ConflictException.class,
                () -> store.compareAndSwap("ptr/alias.json", utf8("3"), v1.etag()));
        assertTrue(e.getMessage().contains("s3://edge-mlops/ptr/alias.json"), e.getMessage());
        assertArrayEquals(utf8("2"), store.getBytes("ptr/alias.json").orElseThrow(), "the stale write changed nothing");
        assertThrows(ConflictException.class, () -> store.compareAndSwap("ptr/missing.json", utf8("x"), v1.etag()));
    }

    @Test
    void tamperedBlobIsDetectedAndLeavesNoFile() throws IOException {
        BlobRef ref = store.putBlob(utf8("the real model"));
        assertArrayEquals(utf8("the real model"), store.getBlob(ref.sha256()));
        store.putBytes(ref.key(), utf8("a swapped model"));

        IntegrityException e = assertThrows(IntegrityException.class, () -> store.getBlob(ref.sha256()));
        assertTrue(e.getMessage().contains(ref.key()), e.getMessage());

        Path outDir = Files.createDirectories(dir.resolve("tampered"));
        Path target = outDir.resolve("model.onnx");
        assertThrows(IntegrityException.class, () -> store.getBlobToFile(ref.sha256(), target));
        try (Stream<Path> files = Files.list(outDir)) {
            assertEquals(List.of(), files.collect(Collectors.toList()), "neither the file nor a temp file is left");
        }
        NotFoundException missing = assertThrows(NotFoundException.class, () -> store.getBlob("0".repeat(64)));
        assertTrue(missing.getMessage().contains("blobs/sha256/" + "0".repeat(64)), missing.getMessage());
    }

    @Test
    void prefixIsAppliedToEveryKey() {
        StoreLocation prefixed = StoreLocation.parse("s3://edge-mlops/team-a/", open.localEndpoint().toString());
        try (S3ObjectStore teamA = new S3ObjectStore(prefixed, open.localEndpoint(),
                EmbeddedS3Server.localCredentials(), StoreTimeouts.defaults(),
                S3ObjectStore.DEFAULT_PART_SIZE)) {
            teamA.putBytes("models/x.json", utf8("{}"));
            assertEquals(List.of("models/x.json"), teamA.list("models/").stream().map(ObjectInfo::key).toList());
            assertTrue(store.head("team-a/models/x.json").isPresent(), "stored under the prefix");
            assertTrue(teamA.createIfAbsent("m", utf8("1")));
            assertTrue(store.head("team-a/m").isPresent());
        }
    }

    @Test
    void storeThatIsDownFailsFastWithAClearError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        StoreLocation location = StoreLocation.parse("s3://some-bucket/p", endpoint.toString());
        long start = System.nanoTime();
        try (S3ObjectStore down = new S3ObjectStore(location, endpoint, EmbeddedS3Server.localCredentials(),
                StoreTimeouts.defaults(), S3ObjectStore.DEFAULT_PART_SIZE)) {
            // Generous bound only to turn a hang into a failure; the measured time is printed.
            StoreUnavailableException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> assertThrows(StoreUnavailableException.class, () -> down.getBytes("models/pump/x.json")));
            System.err.printf("store down: failed after %d ms: %s%n", (System.nanoTime() - start) / 1_000_000, e.getMessage());
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
            assertTrue(e.getMessage().contains("s3://some-bucket/p/models/pump/x.json"), e.getMessage());
        }
    }
}
