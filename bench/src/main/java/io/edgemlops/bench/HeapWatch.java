package io.edgemlops.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap a phase of a benchmark needs. The live set: every {@value #FULL_GC_MILLIS} ms a full collection
 * ({@code System.gc()}, a stop-the-world full GC with G1), and the heap its heap pools held when it ended
 * ({@link MemoryPoolMXBean#getCollectionUsage}); the largest of those. (The heap in use after the collector's own young collections is no measure of it: promoted garbage
 * piles up in the old generation until a concurrent cycle, so it grows with the length of a run, not with what
 * the run holds.) Also the largest heap in use at all, sampled every 20 ms, which depends on the heap size given.
 */
final class HeapWatch implements AutoCloseable {

    /** How often the live set is measured; a full GC of a heap of tens of MiB takes tens of ms. */
    static final long FULL_GC_MILLIS = 5000;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong maxLive = new AtomicLong();
    private final AtomicLong maxUsed = new AtomicLong();
    private final AtomicLong fullCollections = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    /** Collects garbage, then watches until closed. */
    HeapWatch() {
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        maxUsed.set(baseline);
        sampler = new Thread(() -> {
            long nextFull = System.currentTimeMillis() + FULL_GC_MILLIS;
            while (running) {
                maxUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                if (System.currentTimeMillis() >= nextFull) {
                    live();
                    nextFull = System.currentTimeMillis() + FULL_GC_MILLIS;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void live() {
        System.gc();
        fullCollections.incrementAndGet();
        // What each heap pool held when the collection ended, as the collector reports it: the heap in use read
        // after System.gc() returns also counts what the reader threads allocated since, which grows with their
        // speed (about 130 MiB at 2,400 records/s), not with what they hold.
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage atCollection = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (atCollection != null) {
                live += atCollection.getUsed();
            }
        }
        maxLive.accumulateAndGet(live, Math::max);
    }

    /** Largest live set measured, in MiB (0 if the phase ended before the first measurement). */
    double liveMiB() {
        return maxLive.get() / 1048576.0;
    }

    /** Largest heap in use at a sample, in MiB. */
    double usedMiB() {
        return maxUsed.get() / 1048576.0;
    }

    /** Full collections made to measure the live set. */
    long collections() {
        return fullCollections.get();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
