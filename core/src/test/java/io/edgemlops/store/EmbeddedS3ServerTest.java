package io.edgemlops.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server keeps compare-and-swap atomic across processes (across threads: see
 * {@link ObjectStoreContract}).
 */
class EmbeddedS3ServerTest {

    private static final String COUNTER = "counters/c.txt";

    @TempDir
    Path dir;

    /** A second JVM runs its own embedded server on the same directory: the OS file lock keeps CAS atomic. */
    @Test
    void twoProcessesWithTheirOwnServersOnOneDirectoryDoNotLoseUpdates() throws Exception {
        try (OpenStore open = Stores.open(StoreLocation.parse("local:" + dir, null))) {
            ObjectStore store = open.store();
            store.putBytes(COUNTER, "0".getBytes(StandardCharsets.UTF_8));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    CasChild.class.getName(), dir.toString(), "4", "50")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(new File(dir.toFile(), "child.log"))
                    .start();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> increment(store, 50)));
            }
            for (Future<Integer> f : futures) {
                f.get();
            }
            pool.shutdown();
            assertEquals(true, child.waitFor(120, TimeUnit.SECONDS), "child process finished");
            assertEquals(0, child.exitValue(), "child process succeeded, see " + dir.resolve("child.log"));
            assertEquals(400, read(store));
        }
    }

    static int read(ObjectStore store) {
        return Integer.parseInt(new String(store.getBytes(COUNTER).orElseThrow(), StandardCharsets.UTF_8));
    }

    /** Adds {@code n} to the counter with read / compare-and-swap retries; returns the conflicts seen. */
    static int increment(ObjectStore store, int n) {
        return increment(store, COUNTER, n);
    }

    /** Adds {@code n} to the counter at {@code key} with read / compare-and-swap retries; returns the conflicts seen. */
    static int increment(ObjectStore store, String key, int n) {
        int conflicts = 0;
        for (int i = 0; i < n; i++) {
            while (true) {
                VersionedBytes v = store.getVersioned(key).orElseThrow();
                int value = Integer.parseInt(new String(v.bytes(), StandardCharsets.UTF_8));
                try {
                    store.compareAndSwap(key, Integer.toString(value + 1).getBytes(StandardCharsets.UTF_8), v.etag());
                    break;
                } catch (ConflictException e) {
                    conflicts++;
                }
            }
        }
        return conflicts;
    }

    /** Entry point of the child process: DIR THREADS INCREMENTS. */
    public static final class CasChild {
        public static void main(String[] args) throws Exception {
            try (OpenStore open = Stores.open(StoreLocation.parse("local:" + args[0], null))) {
                int threads = Integer.parseInt(args[1]);
                int n = Integer.parseInt(args[2]);
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                List<Future<Integer>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> increment(open.store(), n)));
                }
                for (Future<Integer> f : futures) {
                    f.get();
                }
                pool.shutdown();
            }
        }
    }
}
