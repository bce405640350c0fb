package io.edgemlops.telemetry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A shard's raw records folded into one aggregate, stored as JSON at {@link TelemetryKeys#compactedKey}. Written
 * by {@link TelemetryCompactor} with a conditional create the first time and compare-and-swap after that; the
 * layout and the crash rules are in docs/telemetry.md ("Compaction").
 *
 * @param schemaVersion format version, {@value #SCHEMA_VERSION}
 * @param fleet fleet name
 * @param model model name
 * @param modelVersion model version
 * @param windowStart start of the window
 * @param shard {@code 00}..{@code 0f}
 * @param recordsFolded raw records folded so far, over every write
 * @param writes how many times the aggregate was written
 * @param groups the folded records per target, role and rollout id, in {@link GroupTelemetry#ORDER}
 * @param lastFolded the records folded by the latest write, as {@code <device>~<seq>} (their key relative to the
 *                   shard's prefix, without {@code .json}): the next compaction deletes them if they are still
 *                   there and never folds them again
 */
public record CompactedShard(int schemaVersion, String fleet, String model, int modelVersion, Instant windowStart,
                             String shard, long recordsFolded, long writes, List<GroupTelemetry> groups,
                             List<String> lastFolded) {

    /** The format version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    public CompactedShard {
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("compacted telemetry schemaVersion must be at least 1, got "
                    + schemaVersion);
        }
        // Validates the names, version, window and shard as a key would.
        new TelemetryKey(fleet, model, modelVersion, windowStart, shard, null, null);
        if (recordsFolded < 0 || writes < 0) {
            throw new IllegalArgumentException("compacted telemetry: recordsFolded and writes must be non-negative");
        }
        List<GroupTelemetry> sorted = new ArrayList<>(groups == null ? List.of() : groups);
        sorted.sort(GroupTelemetry.ORDER);
        groups = List.copyOf(sorted);
        lastFolded = List.copyOf(lastFolded == null ? List.of() : lastFolded);
        for (GroupTelemetry g : groups) {
            TelemetryRecord c = g.counts();
            if (!c.fleet().equals(fleet) || !c.model().equals(model) || c.modelVersion() != modelVersion
                    || !c.windowStart().equals(windowStart)) {
                throw new IllegalArgumentException("compacted telemetry of " + key() + " holds counts of "
                        + c.fleet() + "/" + c.model() + "/" + c.modelVersion() + "/" + c.windowStart());
            }
        }
    }

    /** The aggregate of a shard nothing was folded into yet. */
    public static CompactedShard empty(String fleet, String model, int version, Instant windowStart, String shard) {
        return new CompactedShard(SCHEMA_VERSION, fleet, model, version, windowStart, shard, 0, 0, List.of(),
                List.of());
    }

    /** Where it is stored. */
    public String key() {
        return TelemetryKeys.compactedKey(fleet, model, modelVersion, windowStart, shard);
    }

    /** The prefix of the raw records it folds. */
    public String shardPrefix() {
        return TelemetryKeys.shardPrefix(fleet, model, modelVersion, windowStart, shard);
    }

    /** The entry of {@link #lastFolded} for a raw record of this shard. */
    static String foldedName(TelemetryKey record) {
        return record.deviceId() + TelemetryKeys.SEQ_SEPARATOR + record.seq();
    }

    /** The keys of {@link #lastFolded}. */
    public List<String> lastFoldedKeys() {
        String prefix = shardPrefix();
        return lastFolded.stream().map(n -> prefix + n + ".json").toList();
    }

    /** {@link #lastFolded} as a set, for lookups. */
    Set<String> lastFoldedSet() {
        return new HashSet<>(lastFolded);
    }

    /** The same shard with more folded in. */
    CompactedShard next(List<GroupTelemetry> newGroups, List<String> folded) {
        return new CompactedShard(SCHEMA_VERSION, fleet, model, modelVersion, windowStart, shard,
                recordsFolded + folded.size(), writes + 1, newGroups, folded);
    }

    /** Whether it belongs at {@code key}. */
    boolean sameShard(TelemetryKey key) {
        return Objects.equals(key.fleet(), fleet) && Objects.equals(key.model(), model)
                && key.version() == modelVersion && key.windowStart().equals(windowStart) && key.shard().equals(shard);
    }
}
