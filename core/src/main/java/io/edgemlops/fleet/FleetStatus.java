package io.edgemlops.fleet;

import io.edgemlops.rollout.DeviceStatus;
import io.edgemlops.store.ObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fleet at a glance, from its devices' status records: how many run which version, per target,
 * how many are healthy and how many have gone silent.
 *
 * @param devices devices that ever reported
 * @param byVersion installed version (or {@code none}) → devices
 * @param byTarget target profile → devices
 * @param healthy devices that reported within {@code silentAfter} with health {@code ok}
 * @param unhealthy devices that reported within {@code silentAfter} with another health (reverted, degraded)
 * @param unknown devices silent for longer than {@code silentAfter}
 */
public record FleetStatus(int devices, Map<String, Integer> byVersion, Map<String, Integer> byTarget, int healthy,
                          int unhealthy, int unknown) {

    /** The status of {@code fleet} for {@code model} at {@code now}. */
    public static FleetStatus of(ObjectStore store, String fleet, String model, Instant now, Duration silentAfter) {
        List<DeviceStatus> all = DeviceStatus.readAll(store, fleet);
        Map<String, Integer> byVersion = new TreeMap<>();
        Map<String, Integer> byTarget = new TreeMap<>();
        int healthy = 0;
        int unhealthy = 0;
        int unknown = 0;
        int devices = 0;
        for (DeviceStatus d : all) {
            if (d.model() != null && !d.model().equals(model)) {
                continue;
            }
            devices++;
            byVersion.merge(d.installedVersion() == null ? "none" : d.installedVersion().toString(), 1, Integer::sum);
            byTarget.merge(d.target(), 1, Integer::sum);
            if (d.lastSeen() == null || d.lastSeen().isBefore(now.minus(silentAfter))) {
                unknown++;
            } else if ("ok".equals(d.health())) {
                healthy++;
            } else {
                unhealthy++;
            }
        }
        return new FleetStatus(devices, byVersion, byTarget, healthy, unhealthy, unknown);
    }
}
