package io.edgemlops.gate;

import io.edgemlops.telemetry.GroupTelemetry;
import io.edgemlops.telemetry.Role;
import io.edgemlops.telemetry.WindowTelemetry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Turns the merged windows of the new version and of the previous one into cumulative {@link WaveSnapshot}s, one per
 * window, so the gate can tell whether a violation persists.
 */
public final class WaveSnapshots {

    private WaveSnapshots() {
    }

    /**
     * @param cohortWindows the new version's windows
     * @param rollout only the new version's records installed by this rollout count (a version may have been rolled
     *     out before)
     * @param cohortRole {@link Role#SHADOW} for a shadow wave, else {@link Role#SERVING}
     * @param controlWindows the previous version's windows (empty without one)
     */
    public static List<WaveSnapshot> of(List<WindowTelemetry> cohortWindows, String rollout, Role cohortRole,
                                        List<WindowTelemetry> controlWindows) {
        Map<Instant, List<GroupTelemetry>> cohort = byWindow(cohortWindows,
                g -> g.role() == cohortRole && Objects.equals(g.rolloutId(), rollout));
        Map<Instant, List<GroupTelemetry>> control = byWindow(controlWindows, g -> g.role() == Role.SERVING);
        TreeMap<Instant, Integer> starts = new TreeMap<>();
        cohortWindows.forEach(w -> starts.put(w.windowStart(), w.windowSeconds()));
        controlWindows.forEach(w -> starts.putIfAbsent(w.windowStart(), w.windowSeconds()));
        Map<String, TargetTally> cohortSoFar = new HashMap<>();
        Map<String, TargetTally> controlSoFar = new HashMap<>();
        List<WaveSnapshot> out = new ArrayList<>();
        for (Map.Entry<Instant, Integer> w : starts.entrySet()) {
            add(cohortSoFar, cohort.getOrDefault(w.getKey(), List.of()));
            add(controlSoFar, control.getOrDefault(w.getKey(), List.of()));
            out.add(new WaveSnapshot(w.getKey().plusSeconds(w.getValue()), cohortSoFar, controlSoFar));
        }
        return out;
    }

    private static Map<Instant, List<GroupTelemetry>> byWindow(List<WindowTelemetry> windows,
                                                               Predicate<GroupTelemetry> keep) {
        Map<Instant, List<GroupTelemetry>> out = new HashMap<>();
        for (WindowTelemetry w : windows) {
            for (GroupTelemetry g : w.groups()) {
                if (keep.test(g)) {
                    out.computeIfAbsent(w.windowStart(), k -> new ArrayList<>()).add(g);
                }
            }
        }
        return out;
    }

    /** Adds one window per target; targets without records in it keep their sums and report no devices. */
    private static void add(Map<String, TargetTally> soFar, List<GroupTelemetry> groups) {
        Map<String, List<GroupTelemetry>> byTarget = new TreeMap<>();
        for (GroupTelemetry g : groups) {
            byTarget.computeIfAbsent(g.target(), k -> new ArrayList<>()).add(g);
        }
        for (String target : new ArrayList<>(soFar.keySet())) {
            if (!byTarget.containsKey(target)) {
                soFar.put(target, soFar.get(target).plusWindow(List.of()));
            }
        }
        byTarget.forEach((target, list) -> soFar.put(target,
                soFar.getOrDefault(target, TargetTally.EMPTY).plusWindow(list)));
    }
}
