package io.edgemlops.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryKeysTest {

    static final Instant T0 = Instant.parse("2026-11-25T18:00:00Z");

    @Test
    void recordKeysFollowTheLayoutAndParseBack() {
        String key = TelemetryKeys.recordKey("eu", "pump", 3, T0, "pi-0042-b", 17);
        assertEquals("telemetry/eu/pump/3/20261125T180000Z/" + TelemetryKeys.shardOf("pi-0042-b") + "/pi-0042-b~17.json",
                key);
        TelemetryKey parts = TelemetryKeys.parse(key);
        assertEquals(new TelemetryKey("eu", "pump", 3, T0, TelemetryKeys.shardOf("pi-0042-b"), "pi-0042-b", 17L), parts);
        assertEquals(key, parts.key());
        assertTrue(!parts.compacted());
    }

    @Test
    void compactedKeysParseBack() {
        String key = TelemetryKeys.compactedKey("eu", "pump", 3, T0, "0a");
        assertEquals("telemetry/eu/pump/3/20261125T180000Z/compacted/0a.json", key);
        TelemetryKey parts = TelemetryKeys.parse(key);
        assertTrue(parts.compacted());
        assertEquals("0a", parts.shard());
        assertEquals(key, parts.key());
    }

    @Test
    void shardsAreStableAndSpreadDevicesEvenly() {
        // Fixed values: another language's agent computes the same (values from Python hashlib).
        assertEquals("01", TelemetryKeys.shardOf("pump-eu-000123")); // sha256 1e…
        assertEquals("00", TelemetryKeys.shardOf("device-1")); // sha256 03…
        assertEquals("0c", TelemetryKeys.shardOf("a")); // sha256 ca…
        Map<String, Integer> perShard = new HashMap<>();
        for (int i = 0; i < 16_000; i++) {
            perShard.merge(TelemetryKeys.shardOf("device-" + i), 1, Integer::sum);
        }
        assertEquals(16, perShard.size());
        perShard.forEach((shard, n) -> {
            assertTrue(shard.matches("0[0-9a-f]"), shard);
            assertTrue(n > 850 && n < 1150, shard + ": " + n);
        });
    }

    @Test
    void windowsAreSortableUtcText() {
        assertEquals("20261125T180000Z", TelemetryKeys.windowText(T0));
        assertEquals(T0, TelemetryKeys.parseWindow("20261125T180000Z"));
        assertTrue(TelemetryKeys.windowText(T0.plusSeconds(30)).compareTo(TelemetryKeys.windowText(T0.plusSeconds(300))) < 0);
        assertThrows(IllegalArgumentException.class, () -> TelemetryKeys.parseWindow("20261325T180000Z"));
        assertThrows(IllegalArgumentException.class, () -> TelemetryKeys.windowText(T0.plusMillis(1)));
        assertEquals(T0, TelemetryKeys.windowStart(T0.plusSeconds(299).plusNanos(5), 300));
        assertEquals(Instant.parse("2026-11-25T17:55:00Z"), TelemetryKeys.windowStart(T0.minusNanos(1), 300));
        assertEquals("telemetry/eu/pump/3/", TelemetryKeys.versionPrefix("eu", "pump", 3));
        assertEquals("telemetry/eu/pump/3/20261125T180000Z/0a/", TelemetryKeys.shardPrefix("eu", "pump", 3, T0, "0a"));
    }

    @Test
    void badNamesAndKeysAreRefusedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TelemetryKeys.recordKey("eu", "pump", 3, T0, "Pi/42", 1));
        assertEquals("invalid device id 'Pi/42': use lower-case letters, digits, '.', '_' and '-', starting with a "
                + "letter or digit", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TelemetryKeys.recordKey("EU", "pump", 3, T0, "d", 1));
        assertThrows(IllegalArgumentException.class, () -> TelemetryKeys.recordKey("eu", "-pump", 3, T0, "d", 1));
        assertThrows(IllegalArgumentException.class, () -> TelemetryKeys.recordKey("eu", "pump", 0, T0, "d", 1));
        assertThrows(IllegalArgumentException.class, () -> TelemetryKeys.recordKey("eu", "pump", 3, T0, "d", 0));
        assertThrows(IllegalArgumentException.class, () -> TelemetryKeys.checkName("device id", "x".repeat(101)));
        for (String bad : new String[] {"models/pump/3/model.json", "telemetry/eu/pump/3/20261125T180000Z/0a/d.json",
                "telemetry/eu/pump/x/20261125T180000Z/0a/d~1.json", "telemetry/eu/pump/3/2026/0a/d~1.json",
                "telemetry/eu/pump/3/20261125T180000Z/zz/d~1.json", "telemetry/eu/pump/3/20261125T180000Z/compacted/x.json",
                "telemetry/eu/pump/3/20261125T180000Z/00/pump-eu-000123~1.json",
                "telemetry/eu/pump/3/20261125T180000Z/0a/pump-1~x/pump-2~5.json",
                "telemetry/eu/pump/3/20261125T180000Z/0a/d~1~2.json",
                // the layout before the device folder became part of the name
                "telemetry/eu/pump/3/20261125T180000Z/0a/d/1.json"}) {
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> TelemetryKeys.parse(bad),
                    bad);
            assertTrue(ex.getMessage().startsWith("not a telemetry key: '" + bad + "'"), ex.getMessage());
        }
    }
}
