package io.edgemlops.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion for conditional writes to one local store directory, across threads AND
 * processes: several CLI processes (e.g. parallel Jenkins stages) may each run an embedded server
 * on the same {@code local:DIR}.
 *
 * <p>Keys hash onto a fixed number of stripes; each stripe is an in-process {@link ReentrantLock}
 * plus an OS lock ({@link FileLock}) on {@code DIR/.edge-mlops-locks/stripe-NN.lock}. The JVM holds
 * one instance per directory because the OS lock is per process: two {@code FileChannel}s of the
 * same JVM locking the same file would fail with {@code OverlappingFileLockException}.
 */
final class ConditionalWriteLocks {

    private static final int STRIPES = 64;
    private static final Map<Path, ConditionalWriteLocks> BY_DIR = new ConcurrentHashMap<>();

    private final Path lockDir;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    private ConditionalWriteLocks(Path lockDir) {
        this.lockDir = lockDir;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** The locks of a store directory (shared by every embedded server of this JVM on it). */
    static ConditionalWriteLocks forDirectory(Path baseDir) {
        Path dir = baseDir.toAbsolutePath().normalize().resolve(".edge-mlops-locks");
        return BY_DIR.computeIfAbsent(dir, d -> {
            try {
                Files.createDirectories(d);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create lock directory " + d + ": " + e.getMessage(), e);
            }
            return new ConditionalWriteLocks(d);
        });
    }

    /** Runs {@code action} holding the lock of {@code bucket/key} in this process and on the OS. */
    <T> T withLock(String bucket, String key, java.util.function.Supplier<T> action) {
        int stripe = Math.floorMod((bucket + "/" + key).hashCode(), STRIPES);
        ReentrantLock lock = locks[stripe];
        lock.lock();
        try (FileChannel channel = FileChannel.open(lockDir.resolve(String.format("stripe-%02d.lock", stripe)),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            return action.get();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockDir + " for " + bucket + "/" + key + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
