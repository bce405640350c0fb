package io.edgemlops.rollout;

import io.edgemlops.store.Json;
import io.edgemlops.store.ObjectInfo;
import io.edgemlops.store.ObjectStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a device last reported about itself ({@code fleets/<fleet>/devices/<device>.json}).
 *
 * @param device device id
 * @param target its target profile
 * @param model model it serves, or null before its first install
 * @param installedVersion version it serves, or null
 * @param rollout rollout id of the installed version, or null
 * @param shadowVersion version it runs in shadow, or null
 * @param health {@code ok}, {@code degraded}, or {@code reverted} after a local rollback
 * @param message the last problem in a sentence (failed verification, self-test...), or null
 * @param lastSeen when it last wrote this record
 */
public record DeviceStatus(String device, String target, String model, Integer installedVersion, String rollout,
                           Integer shadowVersion, String health, String message, Instant lastSeen) {

    /** The status records of every device that ever reported to {@code fleet}. */
    public static List<DeviceStatus> readAll(ObjectStore store, String fleet) {
        List<DeviceStatus> all = new ArrayList<>();
        for (ObjectInfo o : store.list(FleetKeys.devices(fleet))) {
            store.getBytes(o.key()).ifPresent(b -> all.add(Json.fromBytes(b, DeviceStatus.class, o.key())));
        }
        return all;
    }
}
