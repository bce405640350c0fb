package io.edgemlops.device;

import io.edgemlops.data.DatasetProfile;
import io.edgemlops.rollout.DesiredState;
import io.edgemlops.store.ObjectStore;
import io.edgemlops.telemetry.FeatureBins;
import io.edgemlops.telemetry.Health;
import io.edgemlops.telemetry.Role;
import io.edgemlops.telemetry.TelemetryBuffer;
import io.edgemlops.telemetry.TelemetrySource;
import io.edgemlops.telemetry.TelemetryUploader;
import io.edgemlops.telemetry.UploadResult;
import io.edgemlops.telemetry.WindowAggregator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * A device's telemetry: one open window per model that runs (served, and in shadow) for the version
 * it runs, closed into a bounded disk buffer, and uploaded once per (device, seq) when the store
 * answers. Not thread-safe: the agent calls it under its own lock.
 */
final class DeviceTelemetry {

    /** Records kept on disk while the store is out of reach: 10,000 five-minute windows is a month. */
    static final int BUFFER_RECORDS = 10_000;

    private final DeviceAgent.Settings settings;
    private final Clock clock;
    private final TelemetryBuffer buffer;
    private final TelemetryUploader uploader;
    private WindowAggregator serving;
    private WindowAggregator shadow;

    DeviceTelemetry(ObjectStore store, DeviceAgent.Settings settings, Path folder, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.buffer = TelemetryBuffer.open(folder, BUFFER_RECORDS);
        this.uploader = new TelemetryUploader(store, buffer);
    }

    /**
     * Follows the models that run: when one changes, the open window of the old one is closed into
     * the buffer first.
     */
    void follow(DesiredState desired, InstalledModel servingModel, InstalledModel shadowModel) {
        serving = follow(serving, desired, servingModel, Role.SERVING);
        shadow = follow(shadow, desired, shadowModel, Role.SHADOW);
    }

    private WindowAggregator follow(WindowAggregator window, DesiredState desired, InstalledModel model, Role role) {
        boolean same = window != null && model != null && window.source().modelVersion() == model.slot().version()
                && Objects.equals(window.source().rolloutId(), model.slot().rollout());
        if (same) {
            return window;
        }
        if (window != null) {
            window.flush().forEach(buffer::append);
        }
        if (model == null || desired == null || model.slot().version() < 1) {
            return null;
        }
        // Each version's inputs are counted over its own training baseline's bins, so that the gate can compare the
        // control devices (still on the previous version) with the data that version was trained on.
        DatasetProfile profile = desired.baselineOf(model.slot().version());
        List<FeatureBins> bins = profile == null ? List.of() : FeatureBins.of(profile);
        List<String> classes = desired.schema().classes() == null ? List.of() : desired.schema().classes();
        WindowAggregator created = new WindowAggregator(new TelemetrySource(settings.fleet(), settings.model(),
                model.slot().version(), model.slot().rollout(), settings.deviceId(), settings.target(), role), bins,
                classes, desired.telemetryWindowSeconds(), buffer::nextSeq, clock);
        // Installed means verified and self-tested (the agent refuses a model otherwise): the gate counts such a
        // device as healthy until it reports otherwise.
        created.setHealth(Health.OK);
        return created;
    }

    /** Counts one served inference. */
    void served(Object[] raw, int predictedClass, long nanos, boolean error) {
        if (serving != null) {
            serving.observe(raw, predictedClass, nanos, error);
        }
    }

    /** Counts one shadow inference: its own result, and whether it agreed with the served one. */
    void shadowed(Object[] raw, int predictedClass, long nanos, boolean error, boolean agreed, long servingNanos) {
        if (shadow != null) {
            shadow.observe(raw, predictedClass, nanos, error);
            if (!error) {
                shadow.observeShadow(agreed, servingNanos);
            }
        }
    }

    /** Marks the served model's open window as degraded (a local rollback happened in it). */
    void degraded() {
        if (serving != null) {
            serving.setHealth(new Health(Health.Status.DEGRADED, true));
        }
    }

    /**
     * Reports in the served model's current window that the device refused a model of the rollout (download,
     * signature or self-test failed): the gate sees it among the previous version's records, once.
     */
    void refused() {
        if (serving != null) {
            serving.markWindow(new Health(Health.Status.DEGRADED, false));
        }
    }

    /** Closes finished windows into the buffer and uploads what the store accepts; never throws. */
    UploadResult ship() {
        for (WindowAggregator w : new WindowAggregator[] {serving, shadow}) {
            if (w != null) {
                w.roll().forEach(buffer::append);
            }
        }
        return uploader.upload();
    }

    /** Closes the open windows now and uploads everything buffered. */
    UploadResult flush() {
        for (WindowAggregator w : new WindowAggregator[] {serving, shadow}) {
            if (w != null) {
                w.flush().forEach(buffer::append);
            }
        }
        return uploader.upload();
    }

    int pending() {
        return buffer.size();
    }
}
