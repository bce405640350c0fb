package io.edgemlops.bench;

import io.edgemlops.store.ObjectStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A store that adds up, per operation, how many calls were made and how long they took (summed over the threads
 * that made them): where a phase's time went, e.g. how much of a compaction waited on deletes.
 */
final class CallTimes {

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();

    /** {@code store}, timed. */
    ObjectStore around(ObjectStore store) {
        return (ObjectStore) Proxy.newProxyInstance(ObjectStore.class.getClassLoader(), new Class<?>[] {ObjectStore.class},
                (proxy, method, args) -> {
                    long t0 = System.nanoTime();
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        calls.computeIfAbsent(method.getName(), k -> new LongAdder()).increment();
                        nanos.computeIfAbsent(method.getName(), k -> new LongAdder()).add(System.nanoTime() - t0);
                    }
                });
    }

    /** Per operation: calls and summed seconds. */
    Map<String, Object> figures() {
        Map<String, Object> out = new LinkedHashMap<>();
        new TreeMap<>(calls).forEach((name, n) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("calls", n.sum());
            m.put("seconds", Math.round(nanos.get(name).sum() / 1e8) / 10.0);
            out.put(name, m);
        });
        return out;
    }
}
