package io.edgemlops.telemetry;

import java.util.Comparator;
import java.util.Objects;

/**
 * One group of a window: the records of one target, role and rollout id, folded into one (compaction, the gate).
 *
 * <p>Devices are counted by records folded: a device writes one record per window, per model version and role
 * (see docs/telemetry.md), so records and devices agree, except that a device which reported a window early
 * (shutdown, model switch) and then again is one device with two records. Compaction counts such a device once
 * when both records are folded in the same batch, twice otherwise.
 *
 * @param target the devices' target profile (null if the records named none)
 * @param role serving or shadow
 * @param rolloutId the rollout that installed the version, or null
 * @param devices records folded (about the number of devices, see above)
 * @param healthyDevices of those, the ones whose health was {@code ok} with the self-test passed
 * @param unhealthyDevices of those, the ones whose health was {@code degraded} or whose self-test failed; devices
 *                         without health are in neither count
 * @param counts the records merged ({@link TelemetryRecord#merge}); its {@code deviceId} and {@code seq} are null
 */
public record GroupTelemetry(String target, Role role, String rolloutId, long devices, long healthyDevices,
                             long unhealthyDevices, TelemetryRecord counts) {

    /** Groups in a stable order: target, role, rollout id (nulls first). */
    public static final Comparator<GroupTelemetry> ORDER = Comparator
            .comparing(GroupTelemetry::target, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparing(GroupTelemetry::role)
            .thenComparing(GroupTelemetry::rolloutId, Comparator.nullsFirst(Comparator.<String>naturalOrder()));

    public GroupTelemetry {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(counts, "counts");
        if (healthyDevices < 0 || unhealthyDevices < 0 || healthyDevices + unhealthyDevices > devices) {
            throw new IllegalArgumentException("telemetry group: need 0 <= healthy + unhealthy <= devices, got "
                    + healthyDevices + " + " + unhealthyDevices + " of " + devices);
        }
        if (counts.role() != role || !Objects.equals(counts.target(), target)
                || !Objects.equals(counts.rolloutId(), rolloutId)) {
            throw new IllegalArgumentException("telemetry group " + target + "/" + role + "/" + rolloutId
                    + ": its counts are of " + counts.target() + "/" + counts.role() + "/" + counts.rolloutId());
        }
        counts = anonymous(counts);
    }

    /** The group of one device's record: one device, healthy or unhealthy by its health. */
    public static GroupTelemetry of(TelemetryRecord record) {
        return new GroupTelemetry(record.target(), record.role(), record.rolloutId(), 1,
                healthy(record.health()) ? 1 : 0, unhealthy(record.health()) ? 1 : 0, record);
    }

    /**
     * Both groups' devices and counts.
     *
     * @throws IllegalArgumentException if they are not the same group, or their counts cannot merge
     */
    public GroupTelemetry plus(GroupTelemetry other) {
        if (!sameGroup(other)) {
            throw new IllegalArgumentException("cannot add telemetry group " + other.target + "/" + other.role + "/"
                    + other.rolloutId + " to " + target + "/" + role + "/" + rolloutId);
        }
        return new GroupTelemetry(target, role, rolloutId, Math.addExact(devices, other.devices),
                Math.addExact(healthyDevices, other.healthyDevices),
                Math.addExact(unhealthyDevices, other.unhealthyDevices), counts.merge(other.counts));
    }

    /** Whether both have the same target, role and rollout id. */
    public boolean sameGroup(GroupTelemetry other) {
        return role == other.role && Objects.equals(target, other.target) && Objects.equals(rolloutId, other.rolloutId);
    }

    /** Devices with no health reported: neither healthy nor unhealthy. */
    public long unknownDevices() {
        return devices - healthyDevices - unhealthyDevices;
    }

    /** Health {@code ok} and the self-test passed. */
    static boolean healthy(Health health) {
        return health != null && health.status() == Health.Status.OK && health.selfTestPassed();
    }

    /** Health {@code degraded}, or the self-test failed. */
    static boolean unhealthy(Health health) {
        return health != null && (health.status() == Health.Status.DEGRADED || !health.selfTestPassed());
    }

    private static TelemetryRecord anonymous(TelemetryRecord r) {
        if (r.deviceId() == null && r.seq() == null) {
            return r;
        }
        return new TelemetryRecord(r.schemaVersion(), r.fleet(), r.model(), r.modelVersion(), r.rolloutId(), null,
                r.target(), null, r.windowStart(), r.windowSeconds(), r.role(), r.inferences(), r.errors(),
                r.features(), r.predictedClassCounts(), r.latency(), r.health(), r.shadowInferences(),
                r.shadowAgreements(), r.shadowLatency(), r.droppedRecords());
    }
}
