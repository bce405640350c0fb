package io.edgemlops.fleet;

import io.edgemlops.store.ObjectStore;
import io.edgemlops.store.StoreUnavailableException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.BooleanSupplier;

/**
 * A device's view of the store through a network that can go down: every call reaches the real
 * store while {@code online} says so, and fails as an unreachable store otherwise. The simulator's
 * outages, and tests of offline behaviour, use it.
 */
public final class SimulatedNetwork {

    private SimulatedNetwork() {
    }

    /** {@code store} as seen through a network that is up while {@code online} is true. */
    public static ObjectStore through(ObjectStore store, BooleanSupplier online) {
        return (ObjectStore) Proxy.newProxyInstance(ObjectStore.class.getClassLoader(), new Class<?>[] {ObjectStore.class},
                (proxy, method, args) -> {
                    if (!online.getAsBoolean()) {
                        throw new StoreUnavailableException("simulated network outage", null);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
