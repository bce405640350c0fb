package io.edgemlops.rollout;

import io.edgemlops.store.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;

/**
 * Which devices a wave reaches. Each device has a fixed position in [0, 1) per rollout, from the
 * SHA-256 of the device id and the rollout id; a percentage wave takes the devices whose position
 * is below it, so every device of an earlier wave stays in every later one, and the choice is the
 * same on the publisher, on every device and in the gate without any list being exchanged. A new
 * rollout draws new positions, so the same devices are not always the first to take a risk.
 */
public final class Cohort {

    private Cohort() {
    }

    /** The device's position in [0, 1) for this rollout. */
    public static double position(String deviceId, String rolloutId) {
        MessageDigest d = Sha256.newDigest();
        d.update(deviceId.getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
        d.update(rolloutId.getBytes(StandardCharsets.UTF_8));
        byte[] h = d.digest();
        long bits = 0;
        for (int i = 0; i < 7; i++) {
            bits = (bits << 8) | (h[i] & 0xff);
        }
        return bits / (double) (1L << 56);
    }

    /**
     * Whether a device is in the cohort of a wave: named as a pilot device, or positioned below the
     * wave's cumulative percentage.
     */
    public static boolean includes(String deviceId, String rolloutId, double cumulativePercent,
                                   Collection<String> pilotDevices) {
        return pilotDevices.contains(deviceId) || position(deviceId, rolloutId) * 100.0 < cumulativePercent;
    }
}
