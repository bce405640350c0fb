package io.edgemlops.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rollout's plan and state ({@code fleets/<fleet>/rollouts/<model>/<id>.json}): what was
 * published, by whom, where it stands, and every override taken on the way.
 *
 * @param id rollout id, {@code <model>-v<version>-<UTC time>}
 * @param fleet fleet name
 * @param model model name
 * @param version version rolled out
 * @param previousVersion version the fleet goes back to on a rollback, or null
 * @param targets per target profile, the variant rolled out
 * @param waves the waves
 * @param wave current wave index, from 0
 * @param shadow whether the first wave is a shadow wave
 * @param status where the rollout stands
 * @param createdAt when it was published
 * @param updatedAt when this record last changed
 * @param actor who published it
 * @param build the CI build that published it, or null
 * @param reason why, as given or derived
 * @param overrides refusals that were overridden, one sentence each (unvalidated targets, superseding)
 * @param supersedes id of the in-progress rollout this one replaced, or null
 */
public record RolloutRecord(String id, String fleet, String model, int version, Integer previousVersion,
                            Map<String, String> targets, List<Wave> waves, int wave, boolean shadow, Status status,
                            Instant createdAt, Instant updatedAt, String actor, String build, String reason,
                            List<String> overrides, String supersedes) {

    /** Where a rollout stands. */
    public enum Status {
        /** Waves are still being judged. */
        IN_PROGRESS,
        /** The last wave was promoted. */
        COMPLETED,
        /** The fleet went back to the previous version. */
        ROLLED_BACK,
        /** A newer rollout of the same model replaced it before it completed. */
        SUPERSEDED
    }

    public RolloutRecord {
        targets = Map.copyOf(targets);
        waves = List.copyOf(waves);
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
    }

    /** This record at another wave, still in progress. */
    public RolloutRecord atWave(int newWave, Instant when) {
        return new RolloutRecord(id, fleet, model, version, previousVersion, targets, waves, newWave, shadow, status,
                createdAt, when, actor, build, reason, overrides, supersedes);
    }

    /** This record in another state. */
    public RolloutRecord withStatus(Status newStatus, Instant when) {
        return new RolloutRecord(id, fleet, model, version, previousVersion, targets, waves, wave, shadow, newStatus,
                createdAt, when, actor, build, reason, overrides, supersedes);
    }
}
