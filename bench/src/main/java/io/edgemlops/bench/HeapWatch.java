package io.edgemlops.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap a phase of a benchmark needs: the largest heap still in use right after a garbage collection (the live
 * set, which does not depend on how lazily the collector runs), and the largest heap in use at all, sampled every
 * 20 ms (live set plus garbage not yet collected, which depends on the heap size given).
 */
final class HeapWatch implements AutoCloseable {

    private final AtomicLong maxAfterGc = new AtomicLong();
    private final AtomicLong maxUsed = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final Set<String> heapPools = new HashSet<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                    (CompositeData) notification.getUserData());
            long after = 0;
            for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (heapPools.contains(e.getKey())) {
                    after += e.getValue().getUsed();
                }
            }
            maxAfterGc.accumulateAndGet(after, Math::max);
            collections.incrementAndGet();
        }
    };
    private final Thread sampler;
    private volatile boolean running = true;

    /** Collects garbage, then watches until closed. */
    HeapWatch() {
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .forEach(p -> heapPools.add(p.getName()));
        System.gc();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
        maxUsed.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        sampler = new Thread(() -> {
            while (running) {
                maxUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
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

    /** Largest heap in use right after a collection, in MiB (0 if none ran). */
    double liveMiB() {
        return maxAfterGc.get() / 1048576.0;
    }

    /** Largest heap in use at a sample, in MiB. */
    double usedMiB() {
        return maxUsed.get() / 1048576.0;
    }

    long collections() {
        return collections.get();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }
}
