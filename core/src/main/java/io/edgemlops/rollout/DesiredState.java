package io.edgemlops.rollout;

import io.edgemlops.data.DatasetProfile;
import io.edgemlops.data.FeatureSchema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the devices of a fleet should run for one model, signed by the publisher and polled by every
 * device ({@code fleets/<fleet>/desired/<model>.json}). It holds everything a device needs to act
 * alone and offline: which file each target runs and its checksum, who is in the current wave,
 * what to go back to, how to check a new model before serving it, how to watch it afterwards, and
 * the baseline's bins that telemetry counts over.
 *
 * @param schemaVersion format version of this document (1)
 * @param fleet fleet name
 * @param model model name
 * @param rollout rollout id, also the seed of the cohort positions
 * @param version model version the current wave runs
 * @param previousVersion version to go back to, or null for a first rollout
 * @param wave index of the current wave in {@code waves}, from 0
 * @param waves the rollout's waves
 * @param cohortPercent cumulative percentage of the fleet in the cohort at the current wave
 * @param pilotDevices devices named by pilot waves up to the current one (they stay in later waves)
 * @param shadow whether the current wave is a shadow wave: its devices run the new model beside the
 *     previous one and keep serving the previous one
 * @param targets per target profile, the file of {@code version} that target runs
 * @param previousTargets per target profile, the file of {@code previousVersion}
 * @param schema input features, to encode a request's raw values
 * @param fillValues value used for a missing numeric feature, as in training
 * @param baseline the baseline profile: its bin edges and categories are what telemetry counts over
 * @param selfTest the check a device runs before serving a new model
 * @param health what a device watches after a swap
 * @param issuedAt when this state was signed
 * @param telemetryWindowSeconds length of a telemetry window: every device of the fleet aligns its windows to
 *     multiples of it, so that a gate merges like with like
 * @param previousBaseline the baseline of {@code previousVersion}: devices still on it count their inputs over its
 *     bins, so that the gate compares them with the data that version was trained on; null when unknown
 */
public record DesiredState(int schemaVersion, String fleet, String model, String rollout, int version,
                           Integer previousVersion, int wave, List<Wave> waves, double cohortPercent,
                           List<String> pilotDevices, boolean shadow, Map<String, TargetVariant> targets,
                           Map<String, TargetVariant> previousTargets, FeatureSchema schema,
                           Map<String, Double> fillValues, DatasetProfile baseline, SelfTest selfTest,
                           HealthPolicy health, Instant issuedAt, int telemetryWindowSeconds,
                           DatasetProfile previousBaseline) {

    public static final int SCHEMA_VERSION = 1;
    /** Five minutes: short enough for a gate to judge a wave within an hour, long enough to aggregate. */
    public static final int DEFAULT_TELEMETRY_WINDOW_SECONDS = 300;

    public DesiredState {
        waves = List.copyOf(waves);
        pilotDevices = pilotDevices == null ? List.of() : List.copyOf(pilotDevices);
        targets = Map.copyOf(targets);
        previousTargets = previousTargets == null ? Map.of() : Map.copyOf(previousTargets);
        fillValues = fillValues == null ? Map.of() : Map.copyOf(fillValues);
        if (telemetryWindowSeconds < 1) {
            telemetryWindowSeconds = DEFAULT_TELEMETRY_WINDOW_SECONDS;
        }
    }

    /** A desired state without the previous version's baseline (a first rollout, or one written before it existed). */
    public DesiredState(int schemaVersion, String fleet, String model, String rollout, int version,
                        Integer previousVersion, int wave, List<Wave> waves, double cohortPercent,
                        List<String> pilotDevices, boolean shadow, Map<String, TargetVariant> targets,
                        Map<String, TargetVariant> previousTargets, FeatureSchema schema,
                        Map<String, Double> fillValues, DatasetProfile baseline, SelfTest selfTest,
                        HealthPolicy health, Instant issuedAt, int telemetryWindowSeconds) {
        this(schemaVersion, fleet, model, rollout, version, previousVersion, wave, waves, cohortPercent, pilotDevices,
                shadow, targets, previousTargets, schema, fillValues, baseline, selfTest, health, issuedAt,
                telemetryWindowSeconds, null);
    }

    /** The baseline whose bins a device counts the inputs of {@code runningVersion} over. */
    public DatasetProfile baselineOf(int runningVersion) {
        if (previousVersion != null && runningVersion == previousVersion && runningVersion != version
                && previousBaseline != null) {
            return previousBaseline;
        }
        return baseline;
    }

    /**
     * This state moved to another wave: its cohort, pilots and shadow flag, signed anew at {@code issuedAt}. Everything
     * else (files, baseline, self-test) stays.
     */
    public DesiredState atWave(int newWave, double percent, List<String> pilots, boolean shadowWave,
                               Instant issued) {
        return new DesiredState(schemaVersion, fleet, model, rollout, version, previousVersion, newWave, waves, percent,
                pilots, shadowWave, targets, previousTargets, schema, fillValues, baseline, selfTest, health, issued,
                telemetryWindowSeconds, previousBaseline);
    }

    /** Whether this device is in the current wave's cohort. */
    public boolean includes(String deviceId) {
        return Cohort.includes(deviceId, rollout, cohortPercent, pilotDevices);
    }
}
