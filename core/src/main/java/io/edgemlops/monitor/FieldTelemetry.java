package io.edgemlops.monitor;

import io.edgemlops.gate.TallyDrift;
import io.edgemlops.gate.TargetTally;
import io.edgemlops.telemetry.GroupTelemetry;
import io.edgemlops.telemetry.Role;
import io.edgemlops.telemetry.WindowTelemetry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a model version's serving devices reported over a span of windows, per target profile: the input the field
 * monitor judges.
 *
 * <p>Devices cannot be counted across windows: the compacted aggregates keep how many records each window folded,
 * not which devices sent them (see docs/telemetry.md). So the number of devices of a span is the largest number that
 * reported in any one of its windows, a lower bound of the devices that reported at all and, for a fleet whose devices
 * report every window, the fleet's size.
 *
 * @param perTarget target profile → the serving records of every window added up (rollout ids and windows summed)
 * @param devicesPerTarget target profile → the largest number of its devices that reported in one window
 * @param devicesReporting the largest number of devices, over every target, that reported in one window
 * @param windows windows with at least one serving record
 */
public record FieldTelemetry(Map<String, TargetTally> perTarget, Map<String, Long> devicesPerTarget,
                             long devicesReporting, int windows) {

    /** How a record without a target profile is listed (target names cannot contain parentheses). */
    public static final String NO_TARGET = "(no target)";

    /** Nothing reported. */
    public static final FieldTelemetry EMPTY = new FieldTelemetry(Map.of(), Map.of(), 0, 0);

    public FieldTelemetry {
        perTarget = Collections.unmodifiableMap(new TreeMap<>(perTarget));
        devicesPerTarget = Collections.unmodifiableMap(new TreeMap<>(devicesPerTarget));
    }

    /**
     * The serving records of the windows (role {@code serving} only: a shadow's counts describe a version whose
     * predictions nobody acts on), whatever rollout installed the version.
     */
    public static FieldTelemetry of(List<WindowTelemetry> windows) {
        Map<String, TargetTally> tallies = new TreeMap<>();
        Map<String, Long> devices = new TreeMap<>();
        long mostDevices = 0;
        int reported = 0;
        for (WindowTelemetry w : windows) {
            Map<String, List<GroupTelemetry>> byTarget = new TreeMap<>();
            for (GroupTelemetry g : w.groups(Role.SERVING)) {
                byTarget.computeIfAbsent(g.target() == null ? NO_TARGET : g.target(), k -> new ArrayList<>()).add(g);
            }
            if (byTarget.isEmpty()) {
                continue;
            }
            reported++;
            long inWindow = 0;
            for (Map.Entry<String, List<GroupTelemetry>> t : byTarget.entrySet()) {
                TargetTally tally = tallies.getOrDefault(t.getKey(), TargetTally.EMPTY).plusWindow(t.getValue());
                tallies.put(t.getKey(), tally);
                devices.merge(t.getKey(), tally.devicesLastWindow(), Math::max);
                inWindow += tally.devicesLastWindow();
            }
            mostDevices = Math.max(mostDevices, inWindow);
        }
        return new FieldTelemetry(tallies, devices, mostDevices, reported);
    }

    /** Every target added up. */
    public TargetTally total() {
        return TallyDrift.sum(perTarget);
    }

    /** Inferences over every target and window, failed ones included. */
    public long samples() {
        return perTarget.values().stream().mapToLong(TargetTally::inferences).sum();
    }
}
