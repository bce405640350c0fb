package io.edgemlops.telemetry;

import java.util.Objects;

/**
 * Who reports about what: the fields every record of one device's {@link WindowAggregator} shares.
 *
 * @param fleet fleet name
 * @param model model name
 * @param modelVersion the version the records describe (for {@link Role#SHADOW}, the shadow version)
 * @param rolloutId the rollout that installed that version, or null (e.g. a version installed by hand)
 * @param deviceId device id
 * @param target the device's target profile, e.g. {@code raspberry-pi-4}
 * @param role whether that version serves or runs in shadow
 */
public record TelemetrySource(String fleet, String model, int modelVersion, String rolloutId, String deviceId,
                              String target, Role role) {

    public TelemetrySource {
        TelemetryKeys.checkName("fleet", fleet);
        TelemetryKeys.checkName("model", model);
        TelemetryKeys.checkVersion(modelVersion);
        TelemetryKeys.checkName("device id", deviceId);
        TelemetryKeys.checkName("target", target);
        Objects.requireNonNull(role, "role");
    }
}
