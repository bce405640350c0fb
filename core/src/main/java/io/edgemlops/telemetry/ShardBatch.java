package io.edgemlops.telemetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One batch of a shard's raw records folded onto the shard's aggregate, record by record, from several reader
 * threads. Records are grouped by target, role and rollout id, and also by the shape of their counts (window
 * length, number of features and of bins per feature): records of one version normally all have the same shape,
 * and one that does not (an agent with other bins) becomes a group of its own instead of being refused or, worse,
 * making the records after it refused. Which shape a window reports is decided over all shards
 * ({@link TelemetryCompactor}). Devices are counted once per group and batch, with the worst health of their
 * records.
 */
final class ShardBatch {

    private record Group(String target, Role role, String rolloutId, List<Integer> shape) {

        static Group of(TelemetryRecord r) {
            return new Group(r.target(), r.role(), r.rolloutId(), ShardBatch.shape(r));
        }
    }

    private final CompactedShard base;
    private final Map<Group, TelemetryRecord> counts = new LinkedHashMap<>();
    /** Per group, the batch's devices and their worst health (empty when none of their records had one). */
    private final Map<Group, Map<String, Optional<Health>>> devices = new HashMap<>();
    private final List<String> folded = new ArrayList<>();

    ShardBatch(CompactedShard base) {
        this.base = base;
        for (GroupTelemetry g : base.groups()) {
            counts.put(Group.of(g.counts()), g.counts());
        }
    }

    /**
     * Folds one record of {@code key} in.
     *
     * @return null if folded, else why not
     */
    synchronized String add(TelemetryKey key, TelemetryRecord record) {
        Group group = Group.of(record);
        TelemetryRecord sum = counts.get(group);
        try {
            counts.put(group, sum == null ? record : sum.merge(record));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        devices.computeIfAbsent(group, g -> new HashMap<>()).merge(record.deviceId(),
                Optional.ofNullable(record.health()), ShardBatch::worse);
        folded.add(CompactedShard.foldedName(key));
        return null;
    }

    /** The window length, then the number of bins (slots besides underflow, overflow, missing) of each feature. */
    static List<Integer> shape(TelemetryRecord r) {
        List<Integer> shape = new ArrayList<>(r.features().size() + 1);
        shape.add(r.windowSeconds());
        r.features().forEach(f -> shape.add(f.counts().size()));
        return shape;
    }

    private static Optional<Health> worse(Optional<Health> a, Optional<Health> b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : Optional.of(a.get().worst(b.get()));
    }

    synchronized int size() {
        return folded.size();
    }

    /** The aggregate with this batch folded in; its {@code lastFolded} is this batch. */
    synchronized CompactedShard result() {
        Map<Group, GroupTelemetry> before = new HashMap<>();
        for (GroupTelemetry g : base.groups()) {
            before.put(Group.of(g.counts()), g);
        }
        List<GroupTelemetry> groups = new ArrayList<>();
        counts.forEach((group, sum) -> {
            GroupTelemetry old = before.get(group);
            long n = 0;
            long healthy = 0;
            long unhealthy = 0;
            for (Optional<Health> h : devices.getOrDefault(group, Map.of()).values()) {
                n++;
                if (GroupTelemetry.healthy(h.orElse(null))) {
                    healthy++;
                } else if (GroupTelemetry.unhealthy(h.orElse(null))) {
                    unhealthy++;
                }
            }
            groups.add(new GroupTelemetry(group.target(), group.role(), group.rolloutId(),
                    (old == null ? 0 : old.devices()) + n, (old == null ? 0 : old.healthyDevices()) + healthy,
                    (old == null ? 0 : old.unhealthyDevices()) + unhealthy, sum));
        });
        List<String> names = new ArrayList<>(folded);
        names.sort(null);
        return base.next(groups, names);
    }
}
