package io.edgemlops.registry;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of a model's append-only audit trail, {@code models/<name>/history/<time>-<event>.json}.
 *
 * @param time when
 * @param event what kind of change: registered, variant-added, validation, alias-set...
 * @param model model name
 * @param version version concerned, or null
 * @param actor who
 * @param build which CI build, or null
 * @param reason why, or null
 * @param details what exactly (alias, target, variant, from/to versions...)
 */
public record HistoryEntry(Instant time, String event, String model, Integer version, String actor, String build,
                           String reason, Map<String, Object> details) {

    public HistoryEntry {
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }
}
