package io.edgemlops.telemetry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one device reports about one model version for one time window: counts only, never raw inputs.
 * Stored as JSON under {@link TelemetryKeys}; a record is small enough for one MQTT message (under 5 KB for
 * 16 numeric features with 10 bins, 3 classes and shadow fields). Records are deduplicated by
 * {@code (deviceId, seq)}. The format is described field by field in {@code docs/telemetry.md}.
 *
 * <p>For {@link Role#SHADOW} the main counts ({@code inferences}, {@code features}, {@code latency}...)
 * are the shadow version's own, so the gate merges them like any other record of that version; the shadow
 * fields compare it with the serving version on the same inputs. They are null for {@link Role#SERVING}.
 *
 * <p>{@code deviceId}, {@code seq}, {@code target}, {@code rolloutId} and {@code health} are null only in a
 * {@link #merge merged} record whose parts disagreed on them.
 *
 * @param schemaVersion format version, {@value #SCHEMA_VERSION}; readers ignore fields they do not know
 * @param fleet fleet name
 * @param model model name
 * @param modelVersion model version the counts describe
 * @param rolloutId rollout that installed that version, or null
 * @param deviceId reporting device
 * @param target the device's target profile
 * @param seq the device's record number: unique per device, increasing, kept across restarts
 * @param windowStart start of the window, a multiple of {@code windowSeconds} since the epoch (UTC)
 * @param windowSeconds window length
 * @param role serving or shadow
 * @param inferences inferences run in the window, failed ones included
 * @param errors inferences that failed
 * @param features counts per feature over the desired state's bins, in schema order
 * @param predictedClassCounts predicted class name to count, in class order (empty for regression)
 * @param latency latency of the successful inferences
 * @param health device health at the end of the window, or null if not known
 * @param shadowInferences shadow only: inferences compared with the serving version
 * @param shadowAgreements shadow only: of those, how many predicted the same as the serving version
 * @param shadowLatency shadow only: the serving version's latency on the same inputs (a paired comparison)
 * @param droppedRecords records this device had to drop from its full buffer and had not reported yet
 */
public record TelemetryRecord(
        int schemaVersion,
        String fleet,
        String model,
        int modelVersion,
        String rolloutId,
        String deviceId,
        String target,
        Long seq,
        Instant windowStart,
        int windowSeconds,
        Role role,
        long inferences,
        long errors,
        List<FeatureCounts> features,
        Map<String, Long> predictedClassCounts,
        LatencyHistogram latency,
        Health health,
        Long shadowInferences,
        Long shadowAgreements,
        LatencyHistogram shadowLatency,
        long droppedRecords) {

    /** The format version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    public TelemetryRecord {
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("telemetry schemaVersion must be at least 1, got " + schemaVersion);
        }
        TelemetryKeys.checkName("fleet", fleet);
        TelemetryKeys.checkName("model", model);
        TelemetryKeys.checkVersion(modelVersion);
        if (deviceId != null) {
            TelemetryKeys.checkName("device id", deviceId);
        }
        if (target != null) {
            TelemetryKeys.checkName("target", target);
        }
        if (seq != null && seq < 1) {
            throw new IllegalArgumentException("telemetry seq must be at least 1, got " + seq);
        }
        TelemetryKeys.checkWindow(windowStart, windowSeconds);
        Objects.requireNonNull(role, "role");
        if (inferences < 0 || errors < 0 || errors > inferences) {
            throw new IllegalArgumentException("telemetry: need 0 <= errors <= inferences, got " + errors
                    + " errors of " + inferences);
        }
        features = Collections.unmodifiableList(new ArrayList<>(features == null ? List.of() : features));
        if (features.contains(null)) {
            throw new IllegalArgumentException("telemetry: a feature's counts are missing");
        }
        predictedClassCounts = predictedClassCounts == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(predictedClassCounts));
        predictedClassCounts.forEach((k, v) -> {
            if (k == null || v == null || v < 0) {
                throw new IllegalArgumentException("telemetry: predicted class counts must be non-negative, got "
                        + k + "=" + v);
            }
        });
        latency = latency == null ? LatencyHistogram.EMPTY : latency;
        if (role == Role.SHADOW) {
            shadowInferences = shadowInferences == null ? 0L : shadowInferences;
            shadowAgreements = shadowAgreements == null ? 0L : shadowAgreements;
            shadowLatency = shadowLatency == null ? LatencyHistogram.EMPTY : shadowLatency;
            if (shadowAgreements < 0 || shadowAgreements > shadowInferences) {
                throw new IllegalArgumentException("telemetry: need 0 <= shadowAgreements <= shadowInferences, got "
                        + shadowAgreements + " of " + shadowInferences);
            }
        } else if (shadowInferences != null || shadowAgreements != null || shadowLatency != null) {
            throw new IllegalArgumentException("telemetry: shadow fields are only for role shadow");
        }
        if (droppedRecords < 0) {
            throw new IllegalArgumentException("telemetry droppedRecords must be non-negative, got " + droppedRecords);
        }
    }

    /** When the window ends (exclusive). */
    public Instant windowEnd() {
        return windowStart.plusSeconds(windowSeconds);
    }

    /** This record with {@code droppedRecords} replaced. */
    public TelemetryRecord withDroppedRecords(long dropped) {
        return new TelemetryRecord(schemaVersion, fleet, model, modelVersion, rolloutId, deviceId, target, seq,
                windowStart, windowSeconds, role, inferences, errors, features, predictedClassCounts, latency, health,
                shadowInferences, shadowAgreements, shadowLatency, dropped);
    }

    /**
     * The counts of both records, for folding a window's records into one (compaction, the gate).
     *
     * <p>Must agree: {@code fleet}, {@code model}, {@code modelVersion}, {@code windowStart},
     * {@code windowSeconds}, {@code role}, and the number of features and of bins per feature. Summed:
     * {@code inferences}, {@code errors}, {@code features}, {@code predictedClassCounts} (by class name),
     * {@code latency}, the shadow fields and {@code droppedRecords}. Kept when equal, else null:
     * {@code rolloutId}, {@code deviceId}, {@code seq}, {@code target}. {@code health} becomes the worse of
     * the two. The result has the higher {@code schemaVersion}.
     *
     * <p>Merging does not deduplicate: drop records with a {@code (deviceId, seq)} already merged first.
     *
     * @throws IllegalArgumentException if the fields that must agree differ
     */
    public TelemetryRecord merge(TelemetryRecord other) {
        requireSame("fleet", fleet, other.fleet);
        requireSame("model", model, other.model);
        requireSame("modelVersion", modelVersion, other.modelVersion);
        requireSame("windowStart", windowStart, other.windowStart);
        requireSame("windowSeconds", windowSeconds, other.windowSeconds);
        requireSame("role", role, other.role);
        requireSame("number of features", features.size(), other.features.size());
        List<FeatureCounts> mergedFeatures = new ArrayList<>(features.size());
        for (int i = 0; i < features.size(); i++) {
            mergedFeatures.add(features.get(i).plus(other.features.get(i)));
        }
        Map<String, Long> classes = new LinkedHashMap<>(predictedClassCounts);
        other.predictedClassCounts.forEach((k, v) -> classes.merge(k, v, Math::addExact));
        boolean shadow = role == Role.SHADOW;
        return new TelemetryRecord(Math.max(schemaVersion, other.schemaVersion), fleet, model, modelVersion,
                sameOrNull(rolloutId, other.rolloutId), sameOrNull(deviceId, other.deviceId),
                sameOrNull(target, other.target), sameOrNull(seq, other.seq), windowStart, windowSeconds, role,
                Math.addExact(inferences, other.inferences), Math.addExact(errors, other.errors), mergedFeatures,
                classes, latency.plus(other.latency),
                health == null ? other.health : health.worst(other.health),
                shadow ? Math.addExact(shadowInferences, other.shadowInferences) : null,
                shadow ? Math.addExact(shadowAgreements, other.shadowAgreements) : null,
                shadow ? shadowLatency.plus(other.shadowLatency) : null,
                Math.addExact(droppedRecords, other.droppedRecords));
    }

    private static void requireSame(String field, Object mine, Object theirs) {
        if (!Objects.equals(mine, theirs)) {
            throw new IllegalArgumentException("cannot merge telemetry records with different " + field + ": "
                    + mine + " and " + theirs);
        }
    }

    private static <T> T sameOrNull(T a, T b) {
        return Objects.equals(a, b) ? a : null;
    }
}
