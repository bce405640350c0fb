package io.edgemlops.registry;

import java.time.Instant;

/**
 * A named pointer to a version ({@code production}, {@code staging}...), stored as
 * {@code models/<name>/aliases/<alias>.json} and only changed with If-Match.
 *
 * @param model model name
 * @param alias alias name
 * @param version version it points to
 * @param previousVersion version it pointed to before, or null
 * @param updatedAt time of the change
 * @param actor who changed it
 * @param build CI build that changed it, or null
 * @param reason why, or null
 */
public record AliasRecord(String model, String alias, int version, Integer previousVersion, Instant updatedAt,
                          String actor, String build, String reason) {
}
