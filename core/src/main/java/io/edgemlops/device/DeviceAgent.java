package io.edgemlops.device;

import ai.onnxruntime.OrtException;
import io.edgemlops.rollout.DesiredState;
import io.edgemlops.rollout.DeviceStatus;
import io.edgemlops.rollout.FleetKeys;
import io.edgemlops.rollout.SignedDocument;
import io.edgemlops.rollout.TargetVariant;
import io.edgemlops.runtime.OnnxPredictor;
import io.edgemlops.store.Json;
import io.edgemlops.store.ObjectStore;
import io.edgemlops.store.Sha256;
import io.edgemlops.store.StoreException;
import io.edgemlops.store.StoreUnavailableException;
import io.edgemlops.store.VersionedBytes;
import io.edgemlops.telemetry.UploadResult;
import io.edgemlops.telemetry.WindowAggregator;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One device: polls its fleet's signed desired state, installs the model its target and cohort
 * should run after checking signature, checksum, loading and self-test, serves predictions
 * locally, and goes back to its previous model by itself when the new one misbehaves. Nothing here
 * needs the network except polling and reporting; a device that cannot reach the store keeps
 * serving what it has.
 *
 * <p>Methods are synchronized: one agent serves HTTP requests while its poll loop runs.
 */
public final class DeviceAgent implements AutoCloseable {

    /**
     * Who the device is.
     *
     * @param fleet fleet name
     * @param model model it serves
     * @param deviceId its id, unique in the fleet
     * @param target its target profile
     * @param stateDir where it keeps its models and memory
     * @param publicKey the key desired states must be signed with
     * @param latencyFactor measured latencies are multiplied by this before they are judged and reported: 1
     *     on a real device; the fleet simulator sets it to stand in for slower hardware
     * @param versionLatencyFactor model version → the factor while that version runs, instead of
     *     {@code latencyFactor}: the simulator's stand-in for a version that is slower on this hardware only
     * @param latency what an inference's latency is reported as: {@link InferenceLatency#MEASURED} on a real device
     */
    public record Settings(String fleet, String model, String deviceId, String target, Path stateDir,
                           PublicKey publicKey, double latencyFactor, Map<Integer, Double> versionLatencyFactor,
                           InferenceLatency latency) {

        public Settings {
            FleetKeys.name("fleet", fleet);
            FleetKeys.name("device", deviceId);
            FleetKeys.name("target", target);
            if (!(latencyFactor > 0)) {
                throw new IllegalArgumentException("latencyFactor must be greater than 0, got " + latencyFactor);
            }
            versionLatencyFactor = versionLatencyFactor == null ? Map.of() : Map.copyOf(versionLatencyFactor);
            latency = latency == null ? InferenceLatency.MEASURED : latency;
        }

        /** Measured latencies, times the factors. */
        public Settings(String fleet, String model, String deviceId, String target, Path stateDir,
                        PublicKey publicKey, double latencyFactor, Map<Integer, Double> versionLatencyFactor) {
            this(fleet, model, deviceId, target, stateDir, publicKey, latencyFactor, versionLatencyFactor,
                    InferenceLatency.MEASURED);
        }

        /** One latency factor whatever the version. */
        public Settings(String fleet, String model, String deviceId, String target, Path stateDir,
                        PublicKey publicKey, double latencyFactor) {
            this(fleet, model, deviceId, target, stateDir, publicKey, latencyFactor, Map.of());
        }

        /** The factor while {@code version} runs. */
        double latencyFactorOf(int version) {
            return versionLatencyFactor.getOrDefault(version, latencyFactor);
        }

        /** A real device: latencies as measured. */
        public Settings(String fleet, String model, String deviceId, String target, Path stateDir,
                        PublicKey publicKey) {
            this(fleet, model, deviceId, target, stateDir, publicKey, 1.0);
        }
    }

    /** What one poll did. */
    public enum Action {
        /** The fleet has no desired state for the model yet. */
        NO_DESIRED_STATE,
        /** The desired state did not change since the last poll. */
        UNCHANGED,
        /** The device already runs what the desired state asks of it. */
        UP_TO_DATE,
        /** A new model was installed and serves (or runs in shadow). */
        INSTALLED,
        /** The desired state or a model was refused; the device keeps what it had. */
        REJECTED,
        /** The store could not be reached; the device keeps serving. */
        UNREACHABLE
    }

    /**
     * @param action what happened
     * @param servingVersion version served after the poll, or null
     * @param shadowVersion version run in shadow, or null
     * @param message why, when something was refused or failed
     */
    public record PollResult(Action action, Integer servingVersion, Integer shadowVersion, String message) {
    }

    /**
     * One prediction.
     *
     * @param version version that computed it
     * @param scores the model's outputs (class scores, or one regression value)
     * @param label the predicted class name, or null for regression
     */
    public record Prediction(int version, float[] scores, String label) {
    }

    private final ObjectStore store;
    private final Settings settings;
    private final Clock clock;
    private final Consumer<String> log;
    private final DeviceStateDir dir;
    private DeviceStateDir.AgentMemory memory;
    private DesiredState desired;
    private InstalledModel current;
    private InstalledModel shadow;
    private HealthWatch watch;
    private final DeviceTelemetry telemetry;
    /** Set by an install that the network interrupted, read and cleared by the poll that tried it. */
    private boolean downloadInterrupted;

    public DeviceAgent(ObjectStore store, Settings settings, Clock clock, Consumer<String> log) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.log = log;
        this.dir = new DeviceStateDir(settings.stateDir());
        dir.recover();
        this.memory = dir.memory();
        dir.slot(dir.current()).ifPresent(s -> current = InstalledModel.load(dir.current(), s));
        dir.slot(dir.shadow()).ifPresent(s -> shadow = InstalledModel.load(dir.shadow(), s));
        this.desired = dir.desiredState().map(b -> Json.fromBytes(b, DesiredState.class, "desired.json")).orElse(null);
        this.telemetry = new DeviceTelemetry(store, settings, settings.stateDir().resolve("telemetry"), clock);
        telemetry.follow(desired, current, shadow);
    }

    /** Polls the desired state once and acts on it. */
    public synchronized PollResult pollOnce() {
        UploadResult shipped = telemetry.ship();
        if (shipped.error() != null && shipped.remaining() > 0) {
            log.accept(settings.deviceId() + ": " + shipped.remaining() + " telemetry record(s) kept for later ("
                    + shipped.error() + ")");
        }
        String key = FleetKeys.desired(settings.fleet(), settings.model());
        Optional<VersionedBytes> fetched;
        try {
            // Conditional on the last ETag acted on: an unchanged desired state costs no transfer.
            fetched = store.getIfChanged(key, desired == null ? null : memory.lastEtag());
        } catch (StoreException e) {
            return result(Action.UNREACHABLE, "store unreachable: " + e.getMessage(), false);
        }
        if (fetched.isEmpty()) {
            return result(Action.NO_DESIRED_STATE, null, true);
        }
        VersionedBytes v = fetched.get();
        if (v.unchanged()) {
            return result(Action.UNCHANGED, memory.message(), true);
        }
        DesiredState d;
        byte[] payload;
        try {
            SignedDocument doc = Json.fromBytes(v.bytes(), SignedDocument.class, key);
            payload = doc.verifiedPayload(settings.publicKey());
            d = Json.fromBytes(payload, DesiredState.class, key);
        } catch (SecurityException | IllegalArgumentException e) {
            remember(v.etag(), memory.rollout(), memory.refused(), memory.health(),
                    "desired state refused: " + e.getMessage());
            return result(Action.REJECTED, memory.message(), true);
        }
        if (!d.fleet().equals(settings.fleet()) || !d.model().equals(settings.model())) {
            remember(v.etag(), memory.rollout(), memory.refused(), memory.health(), "desired state refused: it is for "
                    + d.fleet() + "/" + d.model() + ", not " + settings.fleet() + "/" + settings.model());
            return result(Action.REJECTED, memory.message(), true);
        }
        List<String> refused = d.rollout().equals(memory.rollout()) ? memory.refused() : List.of();
        desired = d;
        dir.keepDesiredState(payload);
        remember(v.etag(), d.rollout(), refused, memory.health(), null);
        return apply(d);
    }

    private PollResult apply(DesiredState d) {
        boolean inCohort = d.includes(settings.deviceId());
        boolean serveNew = inCohort && !d.shadow();
        TargetVariant serving = serveNew ? d.targets().get(settings.target()) : d.previousTargets().get(settings.target());
        Integer servingVersion = serveNew ? Integer.valueOf(d.version()) : d.previousVersion();
        Action action = Action.UP_TO_DATE;
        String problem = null;
        if (serving == null && serveNew) {
            problem = "the desired state has no variant for target " + settings.target();
        } else if (serving != null && (current == null || !current.slot().sha256().equals(serving.sha256()))) {
            Optional<String> failed = install(d, servingVersion, serving, serveNew, false);
            action = failed.isPresent() ? Action.REJECTED : Action.INSTALLED;
            problem = failed.orElse(null);
        }
        TargetVariant shadowWanted = inCohort && d.shadow() ? d.targets().get(settings.target()) : null;
        if (shadowWanted == null && shadow != null) {
            shadow.close();
            shadow = null;
            dir.clearShadow();
        } else if (shadowWanted != null && (shadow == null || !shadow.slot().sha256().equals(shadowWanted.sha256()))) {
            Optional<String> failed = install(d, d.version(), shadowWanted, true, true);
            if (failed.isPresent()) {
                action = Action.REJECTED;
                problem = failed.get();
            } else if (action != Action.REJECTED) {
                action = Action.INSTALLED;
            }
        }
        // A download cut short by the network is no verdict on the model: forget the ETag so that the next poll
        // fetches the desired state again and retries, and report nothing to the gate.
        boolean outage = downloadInterrupted;
        downloadInterrupted = false;
        remember(outage ? null : memory.lastEtag(), memory.rollout(), memory.refused(),
                problem == null ? "ok" : memory.health(), problem);
        telemetry.follow(desired, current, shadow);
        if (action == Action.REJECTED && !outage) {
            telemetry.refused();
        }
        return result(outage ? Action.UNREACHABLE : action, problem, true);
    }

    /** Closes the open windows now and uploads everything buffered (e.g. before a clean shutdown). */
    public synchronized UploadResult flushTelemetry() {
        return telemetry.flush();
    }

    /** Telemetry records waiting on disk for the store. */
    public synchronized int pendingTelemetry() {
        return telemetry.pending();
    }

    /** Downloads, checks and installs a model; the reason it was refused, or empty when it serves. */
    private Optional<String> install(DesiredState d, Integer version, TargetVariant variant, boolean selfTest,
                                     boolean asShadow) {
        String what = "version " + version + " (" + variant.variant() + ", sha256 " + variant.sha256().substring(0, 12)
                + ")";
        if (memory.refused().contains(variant.sha256())) {
            return Optional.of(what + " was refused earlier in this rollout; not trying again");
        }
        Path incoming = dir.freshIncoming();
        InstalledModel loaded = null;
        try {
            store.getBlobToFile(variant.sha256(), incoming.resolve(ModelSlot.FILE));
            String actual = Sha256.of(incoming.resolve(ModelSlot.FILE));
            if (!actual.equals(variant.sha256())) {
                throw new SecurityException("downloaded file has sha256 " + actual);
            }
            ModelSlot slot = new ModelSlot(version == null ? 0 : version, d.rollout(), variant.variant(),
                    variant.sha256());
            loaded = InstalledModel.load(incoming, slot);
            if (selfTest) {
                Optional<String> failed = SelfTestCheck.run(loaded.predictor(), d.selfTest(), settings.target());
                if (failed.isPresent()) {
                    throw new IllegalStateException(failed.get());
                }
            }
            dir.complete(incoming, slot);
            if (asShadow) {
                dir.promoteIncomingToShadow(incoming);
                if (shadow != null) {
                    shadow.close();
                }
                shadow = loaded;
            } else {
                dir.promoteIncoming(incoming);
                if (current != null) {
                    current.close();
                }
                current = loaded;
                watch = d.health() == null ? null : new HealthWatch(d.health(), settings.target(), clock.instant());
            }
            log.accept(settings.deviceId() + ": installed " + what + (asShadow ? " in shadow" : ""));
            return Optional.empty();
        } catch (StoreUnavailableException e) {
            downloadInterrupted = true;
            String reason = what + " not downloaded, will retry: " + e.getMessage();
            log.accept(settings.deviceId() + ": " + reason);
            return Optional.of(reason);
        } catch (RuntimeException e) {
            if (loaded != null) {
                loaded.close();
            }
            List<String> refused = new ArrayList<>(memory.refused());
            refused.add(variant.sha256());
            memory = new DeviceStateDir.AgentMemory(memory.lastEtag(), memory.rollout(), refused, memory.health(),
                    memory.message());
            String reason = what + " refused: " + e.getMessage();
            log.accept(settings.deviceId() + ": " + reason);
            return Optional.of(reason);
        }
    }

    /** Predicts one row of raw feature values with the served model (and the shadow model beside it). */
    public synchronized Prediction predict(Map<String, ?> raw) {
        DesiredState d = desired;
        if (current == null || d == null) {
            throw new IllegalStateException("no model installed yet");
        }
        float[] row = new RowEncoder(d.schema(), d.fillValues()).encode(raw);
        Object[] rawInOrder = d.baseline() == null ? new Object[0]
                : d.baseline().features().stream().map(f -> raw.get(f.name())).toArray();
        long t0 = System.nanoTime();
        float[] scores;
        boolean error = false;
        try {
            scores = current.predictor().predict(new float[][] {row})[0];
            for (float s : scores) {
                error |= !Float.isFinite(s);
            }
        } catch (OrtException | RuntimeException e) {
            long nanos = scaled(System.nanoTime() - t0, current.slot().version());
            telemetry.served(rawInOrder, WindowAggregator.NO_CLASS, nanos, true);
            recordHealth(true, nanos);
            throw new IllegalStateException("inference failed: " + e.getMessage(), e);
        }
        long servingNanos = scaled(System.nanoTime() - t0, current.slot().version());
        int predicted = scores.length > 1 ? OnnxPredictor.argmax(scores) : WindowAggregator.NO_CLASS;
        telemetry.served(rawInOrder, predicted, servingNanos, error);
        if (shadow != null) {
            long s0 = System.nanoTime();
            try {
                float[] shadowScores = shadow.predictor().predict(new float[][] {row})[0];
                int shadowClass = shadowScores.length > 1 ? OnnxPredictor.argmax(shadowScores)
                        : WindowAggregator.NO_CLASS;
                telemetry.shadowed(rawInOrder, shadowClass, scaled(System.nanoTime() - s0, shadow.slot().version()), false,
                        agrees(scores, shadowScores), servingNanos);
            } catch (OrtException | RuntimeException e) {
                // a failing shadow never affects what is served; it is counted as the shadow's error
                telemetry.shadowed(rawInOrder, WindowAggregator.NO_CLASS, scaled(System.nanoTime() - s0, shadow.slot().version()), true, false,
                        servingNanos);
            }
        }
        recordHealth(error, servingNanos);
        List<String> classes = d.schema().classes();
        String label = scores.length > 1 && classes != null && !classes.isEmpty()
                ? classes.get(OnnxPredictor.argmax(scores)) : null;
        return new Prediction(current.slot().version(), scores, label);
    }

    private long scaled(long nanos, int version) {
        return settings.latency().report(nanos, settings.latencyFactorOf(version));
    }

    /** Same class for a classifier; for a regressor, within 1 % of the served value (or 1e-6 of zero). */
    private static boolean agrees(float[] serving, float[] shadow) {
        if (serving.length > 1) {
            return OnnxPredictor.argmax(serving) == OnnxPredictor.argmax(shadow);
        }
        return Math.abs(serving[0] - shadow[0]) <= Math.max(1e-6, 0.01 * Math.abs(serving[0]));
    }

    private void recordHealth(boolean error, long nanos) {
        if (watch == null) {
            return;
        }
        Instant now = clock.instant();
        if (!watch.watching(now)) {
            watch = null;
            return;
        }
        watch.record(error, nanos);
        watch.verdict().ifPresent(this::revert);
    }

    /** Goes back to the previous model on this device, offline if need be, and remembers why. */
    private void revert(String why) {
        String bad = current.slot().sha256();
        int badVersion = current.slot().version();
        watch = null;
        if (!dir.revert()) {
            remember(memory.lastEtag(), memory.rollout(), memory.refused(), "degraded",
                    "version " + badVersion + " is unhealthy (" + why + ") and there is no previous model to go back to");
            return;
        }
        current.close();
        current = InstalledModel.load(dir.current(), dir.slot(dir.current()).orElseThrow());
        List<String> refused = new ArrayList<>(memory.refused());
        refused.add(bad);
        remember(memory.lastEtag(), memory.rollout(), refused, "reverted", "went back from version " + badVersion
                + " to version " + current.slot().version() + ": " + why);
        telemetry.degraded();
        telemetry.follow(desired, current, shadow);
        log.accept(settings.deviceId() + ": " + memory.message());
    }

    private PollResult result(Action action, String message, boolean report) {
        if (report) {
            reportStatus();
        }
        return new PollResult(action, current == null ? null : current.slot().version(),
                shadow == null ? null : shadow.slot().version(), message);
    }

    /** Writes the device's status record; a store that cannot be reached is tried again at the next poll. */
    private void reportStatus() {
        DeviceStatus status = status();
        try {
            store.putBytes(FleetKeys.device(settings.fleet(), settings.deviceId()), Json.toBytes(status));
        } catch (StoreException e) {
            log.accept(settings.deviceId() + ": status not reported (" + e.getMessage() + ")");
        }
    }

    /** The device's status as it would report it now. */
    public synchronized DeviceStatus status() {
        return new DeviceStatus(settings.deviceId(), settings.target(), settings.model(),
                current == null ? null : current.slot().version(), current == null ? null : current.slot().rollout(),
                shadow == null ? null : shadow.slot().version(), memory.health(), memory.message(), clock.instant());
    }

    private void remember(String etag, String rollout, List<String> refused, String health, String message) {
        memory = new DeviceStateDir.AgentMemory(etag, rollout, refused, health, message);
        dir.remember(memory);
    }


    @Override
    public synchronized void close() {
        // Closing twice is harmless: a shutdown hook and a try-with-resources may both get here.
        if (current != null) {
            current.close();
            current = null;
        }
        if (shadow != null) {
            shadow.close();
            shadow = null;
        }
    }
}
