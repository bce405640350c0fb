package io.edgemlops.rollout;

import java.time.Instant;

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
}
