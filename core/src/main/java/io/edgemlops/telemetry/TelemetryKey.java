package io.edgemlops.telemetry;

import java.time.Instant;
import java.util.Objects;

/**
 * The parts of a telemetry object's key: either one device's record
 * ({@code telemetry/<fleet>/<model>/<version>/<window>/<shard>/<device>~<seq>.json}) or a shard's
 * compacted aggregate ({@code telemetry/<fleet>/<model>/<version>/<window>/compacted/<shard>.json}).
 * Build one with {@link TelemetryKeys}, read one back with {@link TelemetryKeys#parse}.
 *
 * @param fleet fleet name
 * @param model model name
 * @param version model version
 * @param windowStart start of the window
 * @param shard {@code 00}..{@code 0f}, {@link TelemetryKeys#shardOf} the device
 * @param deviceId device id, or null for a compacted aggregate
 * @param seq the device's record number, or null for a compacted aggregate
 */
public record TelemetryKey(String fleet, String model, int version, Instant windowStart, String shard,
                           String deviceId, Long seq) {

    public TelemetryKey {
        TelemetryKeys.checkName("fleet", fleet);
        TelemetryKeys.checkName("model", model);
        TelemetryKeys.checkVersion(version);
        Objects.requireNonNull(windowStart, "windowStart");
        TelemetryKeys.checkShard(shard);
        if ((deviceId == null) != (seq == null)) {
            throw new IllegalArgumentException("telemetry key: give both device id and seq, or neither (compacted)");
        }
        if (deviceId != null) {
            TelemetryKeys.checkName("device id", deviceId);
            if (seq < 1) {
                throw new IllegalArgumentException("telemetry seq must be at least 1, got " + seq);
            }
            if (!shard.equals(TelemetryKeys.shardOf(deviceId))) {
                throw new IllegalArgumentException("telemetry key: device " + deviceId + " belongs to shard "
                        + TelemetryKeys.shardOf(deviceId) + ", not " + shard);
            }
        }
    }

    /** Whether this is a shard's compacted aggregate rather than one device's record. */
    public boolean compacted() {
        return deviceId == null;
    }

    /** The key text. */
    public String key() {
        String window = TelemetryKeys.windowPrefix(fleet, model, version, windowStart);
        return compacted()
                ? window + TelemetryKeys.COMPACTED + "/" + shard + ".json"
                : window + shard + "/" + deviceId + TelemetryKeys.SEQ_SEPARATOR + seq + ".json";
    }

    @Override
    public String toString() {
        return key();
    }
}
