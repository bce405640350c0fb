package io.edgemlops.usecase;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgemlops.contract.PublishToEdgeContract;
import io.edgemlops.data.DatasetProfile;
import io.edgemlops.registry.AliasRecord;
import io.edgemlops.registry.Audit;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.registry.Variant;
import io.edgemlops.rollout.Cohort;
import io.edgemlops.rollout.DesiredState;
import io.edgemlops.rollout.DeviceStatus;
import io.edgemlops.rollout.FleetKeys;
import io.edgemlops.rollout.HealthPolicy;
import io.edgemlops.rollout.RolloutRecord;
import io.edgemlops.rollout.SelfTest;
import io.edgemlops.rollout.SignedDocument;
import io.edgemlops.rollout.TargetVariant;
import io.edgemlops.rollout.Wave;
import io.edgemlops.runtime.OnnxPredictor;
import io.edgemlops.store.ConflictException;
import io.edgemlops.store.Json;
import io.edgemlops.store.ObjectStore;
import io.edgemlops.store.VersionedBytes;
import io.edgemlops.target.ChampionChallenger;
import io.edgemlops.target.TargetProfile;
import io.edgemlops.target.TargetProfiles;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code publishToEdge} step: starts a rollout of one model version to a fleet, target class by
 * target class, in waves. It refuses a variant without a passing validation for its target and a
 * second rollout while one is in progress (each unless overridden, and the override is recorded),
 * then writes the rollout record and the signed desired state that devices poll. The desired state
 * changes only by compare-and-swap on its ETag, so of two concurrent publishes one wins and the
 * other fails with a conflict that changes nothing.
 */
public final class PublishToEdge {

    /** Holdout rows a device runs as its self-test. */
    static final int SELF_TEST_ROWS = 5;
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private PublishToEdge() {
    }

    /**
     * What to publish.
     *
     * @param model model name
     * @param version version number, {@code latest} or an alias
     * @param fleet fleet name
     * @param targets target profile (bundled name or JSON file in {@code workDir}) → variant
     * @param waves the waves; null for {@link Wave#DEFAULT}
     * @param shadow the first wave runs the new model in shadow only
     * @param allowUnvalidated publish variants without a passing validation for their target (recorded)
     * @param supersede replace a rollout of the same model that is still in progress (recorded)
     * @param signingKey Ed25519 private key that signs the desired state
     * @param keyId id of the matching public key ({@code SigningKeys.keyId})
     * @param reason why, for the audit trail, or null
     * @param workDir base of relative paths (the Jenkins workspace)
     * @param build CI build URL or tag for the audit trail, or null
     * @param telemetryWindowSeconds length of the devices' telemetry windows, or null for the default (5 minutes)
     * @param allowRegression publish variants that failed the champion / challenger check of their validation, or
     *     whose check was made against another version than the one now in production (recorded)
     */
    public record Request(String model, String version, String fleet, Map<String, String> targets, List<Wave> waves,
                          boolean shadow, boolean allowUnvalidated, boolean supersede, PrivateKey signingKey,
                          String keyId, String reason, Path workDir, String build, Integer telemetryWindowSeconds,
                          boolean allowRegression) {

        /** A request that refuses regressions against production. */
        public Request(String model, String version, String fleet, Map<String, String> targets, List<Wave> waves,
                       boolean shadow, boolean allowUnvalidated, boolean supersede, PrivateKey signingKey,
                       String keyId, String reason, Path workDir, String build, Integer telemetryWindowSeconds) {
            this(model, version, fleet, targets, waves, shadow, allowUnvalidated, supersede, signingKey, keyId, reason,
                    workDir, build, telemetryWindowSeconds, false);
        }

        /** A request with the default telemetry window. */
        public Request(String model, String version, String fleet, Map<String, String> targets, List<Wave> waves,
                       boolean shadow, boolean allowUnvalidated, boolean supersede, PrivateKey signingKey,
                       String keyId, String reason, Path workDir, String build) {
            this(model, version, fleet, targets, waves, shadow, allowUnvalidated, supersede, signingKey, keyId, reason,
                    workDir, build, null);
        }
    }

    /**
     * The started rollout.
     *
     * @param rollout its record
     * @param desired the desired state the devices now see
     */
    public record Outcome(RolloutRecord rollout, DesiredState desired) {
    }

    /** Publishes; progress lines go to {@code log}. */
    public static Outcome run(ObjectStore store, Request request, Consumer<String> log) {
        return run(store, request, log, Clock.systemUTC());
    }

    /** Publishes at the time {@code clock} tells (simulations, tests); progress lines go to {@code log}. */
    public static Outcome run(ObjectStore store, Request request, Consumer<String> log, Clock clock) {
        String fleet = FleetKeys.name("fleet", request.fleet());
        if (request.targets() == null || request.targets().isEmpty()) {
            throw new IllegalArgumentException("targets: name at least one target profile and the variant it runs, "
                    + "e.g. ['raspberry-pi-4': 'int8']");
        }
        List<Wave> waves = request.waves() == null || request.waves().isEmpty() ? Wave.DEFAULT : request.waves();
        Wave.check(waves);
        ModelRegistry registry = new ModelRegistry(store);
        ModelCard card = registry.resolve(request.model(), request.version() == null ? PublishToEdgeContract.DEFAULT_VERSION : request.version());
        List<String> overrides = new ArrayList<>();
        Integer production = registry.getAlias(card.name(), ValidateAndRecord.PRODUCTION)
                .map(AliasRecord::version).orElse(null);
        Map<String, TargetProfile> profiles = new LinkedHashMap<>();
        Map<String, Variant> variants = new LinkedHashMap<>();
        for (Map.Entry<String, String> t : request.targets().entrySet()) {
            TargetProfile profile = TargetProfiles.resolve(t.getKey(), request.workDir());
            Variant variant = card.variant(t.getValue());
            Optional<JsonNode> validation = registry.getValidation(card.name(), card.version(), profile.name(),
                    variant.name());
            requireValidation(validation, card, profile, variant.name(), request.allowUnvalidated(), overrides);
            requireNoRegression(validation, card, profile, variant.name(), production, request.allowRegression(),
                    overrides);
            profiles.put(profile.name(), profile);
            variants.put(profile.name(), variant);
        }
        for (Wave w : waves) {
            if (w.target() != null && !profiles.containsKey(w.target())) {
                throw new IllegalArgumentException("waves: pilot " + w.toText() + " names target " + w.target()
                        + ", which is not among the targets " + profiles.keySet());
            }
        }

        String desiredKey = FleetKeys.desired(fleet, card.name());
        Optional<VersionedBytes> current = store.getVersioned(desiredKey);
        Optional<DesiredState> before = current.map(v -> Json.fromBytes(Json.fromBytes(v.bytes(), SignedDocument.class,
                desiredKey).unverifiedPayload(), DesiredState.class, desiredKey));
        Optional<RolloutRecord> running = before.flatMap(d -> readRollout(store, fleet, card.name(), d.rollout()))
                .filter(r -> r.status() == RolloutRecord.Status.IN_PROGRESS);
        if (running.isPresent()) {
            RolloutRecord r = running.get();
            String what = "rollout " + r.id() + " of " + r.model() + " version " + r.version() + " to fleet " + fleet
                    + " is still in progress (wave " + (r.wave() + 1) + " of " + r.waves().size() + ")";
            if (!request.supersede()) {
                throw new ConflictException(what + "; let the gate finish or roll it back, or publish with "
                        + "supersede: true");
            }
            overrides.add("superseded " + what);
            log.accept("superseding " + r.id());
        }
        Integer previousVersion = null;
        Map<String, TargetVariant> previousTargets = Map.of();
        if (before.isPresent()) {
            DesiredState d = before.get();
            boolean completed = running.isEmpty();
            previousVersion = completed ? Integer.valueOf(d.version()) : d.previousVersion();
            previousTargets = completed ? d.targets() : d.previousTargets();
        }

        Instant now = clock.instant();
        String id = card.name() + "-v" + card.version() + "-" + ID_TIME.format(now);
        List<String> pilots = pilots(store, fleet, id, waves);
        Wave first = waves.get(0);
        double percent = first.isPilot() ? 0 : first.percent();
        List<String> firstPilots = first.isPilot() ? pilots.subList(0, first.count()) : List.of();
        Map<String, TargetVariant> targets = new LinkedHashMap<>();
        variants.forEach((target, v) -> targets.put(target, new TargetVariant(v.name(), v.blob().sha256(),
                v.sizeBytes(), "int8-weight-only".equals(v.details().get("method")))));
        Map<String, Double> budgets = new LinkedHashMap<>();
        profiles.forEach((name, p) -> budgets.put(name, p.latencyBudgetP95Ms()));
        DesiredState desired = new DesiredState(DesiredState.SCHEMA_VERSION, fleet, card.name(), id, card.version(),
                previousVersion, 0, waves, percent, firstPilots, request.shadow(), targets, previousTargets,
                card.schema(), card.fillValues(), card.baseline(), selfTest(store, card, variants),
                new HealthPolicy(HealthPolicy.DEFAULT_WINDOW_SECONDS, HealthPolicy.DEFAULT_MIN_INFERENCES,
                        HealthPolicy.DEFAULT_MAX_ERROR_RATE, budgets), now,
                request.telemetryWindowSeconds() == null ? DesiredState.DEFAULT_TELEMETRY_WINDOW_SECONDS
                        : request.telemetryWindowSeconds(),
                previousBaseline(registry, card.name(), previousVersion));
        Audit audit = Audit.fromEnvironment(request.reason() == null || request.reason().isBlank()
                ? "publish " + card.ref() + " to " + fleet : request.reason()).fromBuild(request.build());
        Map<String, String> targetVariants = new LinkedHashMap<>();
        variants.forEach((t, v) -> targetVariants.put(t, v.name()));
        RolloutRecord rollout = new RolloutRecord(id, fleet, card.name(), card.version(), previousVersion,
                targetVariants, waves, 0, request.shadow(), RolloutRecord.Status.IN_PROGRESS, now, now, audit.actor(),
                audit.build(), audit.reason(), overrides, running.map(RolloutRecord::id).orElse(null));

        // The record first, the pointer last: devices only ever see a desired state whose rollout exists.
        String rolloutKey = FleetKeys.rollout(fleet, card.name(), id);
        if (!store.createIfAbsent(rolloutKey, Json.toPrettyBytes(rollout))) {
            throw new ConflictException("rollout " + id + " already exists in fleet " + fleet
                    + " (two publishes in the same second); publish again");
        }
        byte[] signed = Json.toPrettyBytes(SignedDocument.sign(Json.toBytes(desired), request.signingKey(),
                request.keyId()));
        try {
            if (current.isPresent()) {
                store.compareAndSwap(desiredKey, signed, current.get().etag());
            } else if (!store.createIfAbsent(desiredKey, signed)) {
                throw new ConflictException("created meanwhile");
            }
        } catch (ConflictException e) {
            store.delete(rolloutKey);
            throw new ConflictException("another publish of " + card.name() + " to fleet " + fleet + " changed its "
                    + "desired state while this one was being prepared; nothing was changed by this one. Look at "
                    + FleetKeys.rollouts(fleet, card.name()) + " and publish again if still wanted", e);
        }
        running.ifPresent(r -> store.putBytes(FleetKeys.rollout(fleet, r.model(), r.id()),
                Json.toPrettyBytes(r.withStatus(RolloutRecord.Status.SUPERSEDED, now))));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("fleet", fleet);
        details.put("rollout", id);
        details.put("targets", targetVariants);
        details.put("waves", Wave.describe(waves));
        details.put("shadow", request.shadow());
        details.put("previousVersion", previousVersion);
        details.put("overrides", overrides);
        registry.appendHistory(card.name(), "published", card.version(), audit, details);
        log.accept("published " + card.ref() + " to fleet " + fleet + " as rollout " + id + ": "
                + targetVariants + ", waves " + Wave.describe(waves) + (request.shadow() ? " (first wave in shadow)" : "")
                + (previousVersion == null ? "" : ", previous version " + previousVersion));
        return new Outcome(rollout, desired);
    }

    /** The previous version's baseline, when the registry still has that version. */
    private static DatasetProfile previousBaseline(ModelRegistry registry, String model, Integer previousVersion) {
        if (previousVersion == null) {
            return null;
        }
        try {
            return registry.get(model, previousVersion).baseline();
        } catch (io.edgemlops.store.NotFoundException deleted) {
            return null;
        }
    }

    /**
     * Refuses a variant without a validation record for the target, or whose checks other than the champion /
     * challenger check failed, unless {@code allowUnvalidated} (then the override is recorded).
     */
    private static void requireValidation(Optional<JsonNode> validation, ModelCard card, TargetProfile profile,
                                          String variant, boolean allowUnvalidated, List<String> overrides) {
        List<String> failed = new ArrayList<>();
        validation.ifPresent(v -> v.path("checks").forEach(c -> {
            if (!c.path("passed").asBoolean(false) && !ChampionChallenger.CHECK.equals(c.path("name").asText())) {
                failed.add(c.path("name").asText());
            }
        }));
        boolean passed = validation.isPresent() && failed.isEmpty()
                && (validation.get().path("passed").asBoolean(false) || validation.get().has("champion"));
        if (passed) {
            return;
        }
        String problem = card.ref() + " " + variant + " has no passing validation for " + profile.name()
                + (failed.isEmpty() ? "" : " (failed: " + String.join(", ", failed) + ")");
        if (!allowUnvalidated) {
            throw new IllegalArgumentException(problem + ": run validateForTarget(model: '" + card.name()
                    + "', version: " + card.version() + ", target: '" + profile.name() + "', variant: '" + variant
                    + "') first, or publish with allowUnvalidated: true");
        }
        overrides.add("published without a passing validation: " + problem);
    }

    /**
     * Refuses a variant that is worse than the version in production by more than its validation allowed (the
     * champion / challenger check failed), or whose validation compared it with another version than the one in
     * production now, unless {@code allowRegression} (then the override is recorded). A variant without a validation
     * record is {@link #requireValidation}'s business.
     */
    private static void requireNoRegression(Optional<JsonNode> validation, ModelCard card, TargetProfile profile,
                                            String variant, Integer production, boolean allowRegression,
                                            List<String> overrides) {
        if (validation.isEmpty()) {
            return;
        }
        String problem = championProblem(validation.get(), card, profile.name(), variant, production);
        if (problem == null) {
            return;
        }
        if (!allowRegression) {
            throw new IllegalArgumentException(problem + "; publish with allowRegression: true to ship it anyway");
        }
        overrides.add("published despite the champion / challenger check: " + problem);
    }

    /**
     * Why the recorded champion / challenger check does not let {@code card} ship, or null when it does: it failed,
     * or it was made against another version than {@code production}, or before the check existed while something
     * is in production. A version that is itself in production has nothing to beat.
     */
    static String championProblem(JsonNode validation, ModelCard card, String target, String variant,
                                  Integer production) {
        if (production != null && production == card.version()) {
            return null; // it is the champion now
        }
        String what = card.ref() + " " + variant + " for " + target;
        JsonNode champion = validation.path("champion");
        if (champion.isMissingNode() || champion.isNull()) {
            return production == null ? null : what + " was validated before the champion / challenger check existed, "
                    + "and " + card.name() + "@" + production + " is in production: run validateForTarget again";
        }
        Integer compared = champion.hasNonNull("version") ? champion.get("version").asInt() : null;
        if (production != null && !production.equals(compared)) {
            return what + " was compared with " + (compared == null ? "no champion" : "champion " + card.name() + "@"
                    + compared) + ", but " + card.name() + "@" + production + " is in production now: run "
                    + "validateForTarget again";
        }
        if (champion.path("passed").asBoolean(false)) {
            return null;
        }
        return what + " is worse than champion " + card.name() + "@" + compared + " "
                + champion.path("variant").asText("fp32") + " (production): " + champion.path("reason").asText();
    }

    private static Optional<RolloutRecord> readRollout(ObjectStore store, String fleet, String model, String id) {
        return store.getBytes(FleetKeys.rollout(fleet, model, id))
                .map(b -> Json.fromBytes(b, RolloutRecord.class, "rollout " + id));
    }

    /**
     * The devices of every pilot wave, in wave order: for each, the devices of its target that are
     * not yet picked, by their cohort position, so the choice is reproducible from the rollout id.
     */
    static List<String> pilots(ObjectStore store, String fleet, String rolloutId, List<Wave> waves) {
        if (waves.stream().noneMatch(Wave::isPilot)) {
            return List.of();
        }
        List<DeviceStatus> devices = new ArrayList<>(DeviceStatus.readAll(store, fleet));
        devices.sort(Comparator.comparingDouble(d -> Cohort.position(d.device(), rolloutId)));
        List<String> picked = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (Wave w : waves) {
            if (!w.isPilot()) {
                continue;
            }
            int found = 0;
            for (DeviceStatus d : devices) {
                if (found == w.count()) {
                    break;
                }
                if ((w.target() == null || w.target().equals(d.target())) && taken.add(d.device())) {
                    picked.add(d.device());
                    found++;
                }
            }
            if (found < w.count()) {
                throw new IllegalArgumentException("waves: pilot " + w.toText() + " needs " + w.count() + " device(s)"
                        + (w.target() == null ? "" : " of target " + w.target()) + ", but fleet " + fleet
                        + " has " + found + " that reported and are not in an earlier pilot; devices appear once "
                        + "their agent has polled");
            }
        }
        return picked;
    }

    /** A few holdout rows and what each target's variant outputs for them. */
    static SelfTest selfTest(ObjectStore store, ModelCard card, Map<String, Variant> variants) {
        Optional<HoldoutRows> holdout = HoldoutRows.load(store, card);
        if (holdout.isEmpty()) {
            return null;
        }
        float[][] x = holdout.get().x();
        float[][] rows = java.util.Arrays.copyOf(x, Math.min(SELF_TEST_ROWS, x.length));
        Map<String, List<float[]>> expected = new LinkedHashMap<>();
        for (Map.Entry<String, Variant> e : variants.entrySet()) {
            byte[] onnx = store.getBlob(e.getValue().blob().sha256());
            try (OnnxPredictor p = new OnnxPredictor(onnx)) {
                expected.put(e.getKey(), List.of(p.predict(rows)));
            } catch (ai.onnxruntime.OrtException ex) {
                throw new IllegalStateException(card.ref() + " " + e.getValue().name() + " does not run in ONNX "
                        + "Runtime: " + ex.getMessage(), ex);
            }
        }
        return new SelfTest(List.of(rows), expected, SelfTest.DEFAULT_TOLERANCE);
    }
}
