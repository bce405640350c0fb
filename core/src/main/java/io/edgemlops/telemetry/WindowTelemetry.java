package io.edgemlops.telemetry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A model version's telemetry in one window, merged over every device, per group (target, role, rollout id), in
 * {@link GroupTelemetry#ORDER}.
 *
 * @param modelVersion the model version
 * @param windowStart start of the window
 * @param windowSeconds the window's length, or 0 when there is no telemetry
 * @param groups one entry per target, role and rollout id seen; empty if there is no telemetry
 */
public record WindowTelemetry(int modelVersion, Instant windowStart, int windowSeconds, List<GroupTelemetry> groups) {

    public WindowTelemetry {
        Objects.requireNonNull(windowStart, "windowStart");
        List<GroupTelemetry> sorted = new ArrayList<>(groups == null ? List.of() : groups);
        sorted.sort(GroupTelemetry.ORDER);
        groups = List.copyOf(sorted);
    }

    /** Records folded over all groups (about the number of devices; see {@link GroupTelemetry}). */
    public long devices() {
        return groups.stream().mapToLong(GroupTelemetry::devices).sum();
    }

    /** The groups of one role. */
    public List<GroupTelemetry> groups(Role role) {
        return groups.stream().filter(g -> g.role() == role).toList();
    }

    /** The counts of every group of {@code role} merged (target and rollout id null where they differ), if any. */
    public Optional<TelemetryRecord> counts(Role role) {
        return groups(role).stream().map(GroupTelemetry::counts).reduce(TelemetryRecord::merge);
    }
}
