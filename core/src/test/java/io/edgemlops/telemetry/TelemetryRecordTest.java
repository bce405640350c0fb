package io.edgemlops.telemetry;

import static io.edgemlops.telemetry.TelemetryFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgemlops.store.Json;
import io.edgemlops.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryRecordTest {

    static final int MQTT_BUDGET = 5_000;

    @Test
    void aBusyShadowWindowOf16FeaturesFitsTheMessageBudget() {
        TelemetryRecord shadow = TelemetryFixtures.busyWindow(Role.SHADOW, 250_000, 5);
        TelemetryRecord serving = TelemetryFixtures.busyWindow(Role.SERVING, 250_000, 6);
        byte[] shadowJson = Json.toBytes(shadow);
        byte[] servingJson = Json.toBytes(serving);
        System.err.printf("telemetry record size: shadow %d bytes (latency buckets %d + %d), serving %d bytes%n",
                shadowJson.length, shadow.latency().buckets().size(), shadow.shadowLatency().buckets().size(),
                servingJson.length);
        assertEquals(250_000, shadow.inferences());
        assertEquals(16, shadow.features().size());
        assertTrue(shadow.latency().buckets().size() >= 40, "a realistic spread: " + shadow.latency().buckets().size());
        assertTrue(shadowJson.length <= MQTT_BUDGET, shadowJson.length + " bytes");
        assertTrue(servingJson.length <= MQTT_BUDGET, servingJson.length + " bytes");
    }

    @Test
    void jsonRoundTripKeepsEveryField() {
        TelemetryRecord r = TelemetryFixtures.busyWindow(Role.SHADOW, 2_000, 1).withDroppedRecords(3);
        TelemetryRecord back = Json.fromBytes(Json.toBytes(r), TelemetryRecord.class, "record");
        assertEquals(r, back);
        JsonNode json = Json.MAPPER.valueToTree(r);
        assertEquals("shadow", json.get("role").asText());
        assertEquals("2026-11-25T18:00:00Z", json.get("windowStart").asText());
        assertEquals("ok", json.get("health").get("status").asText());
        assertEquals(List.of("normal", "cavitation", "bearing_wear"),
                List.copyOf(r.predictedClassCounts().keySet()), "class order kept");
        assertEquals(3, json.get("droppedRecords").asLong());
        assertTrue(json.get("features").get(0).has("counts"));
        System.err.println("example record:\n" + new String(Json.toPrettyBytes(
                TelemetryFixtures.busyWindow(Role.SERVING, 40, 2)), StandardCharsets.UTF_8));
    }

    @Test
    void servingRecordsHaveNoShadowFields() {
        TelemetryRecord r = TelemetryFixtures.busyWindow(Role.SERVING, 100, 1);
        JsonNode json = Json.MAPPER.valueToTree(r);
        assertTrue(!json.has("shadowInferences") && !json.has("shadowAgreements") && !json.has("shadowLatency"),
                json.toString());
        assertThrows(IllegalArgumentException.class, () -> record(Role.SERVING, "d1", 1L, 10, 5L));
    }

    @Test
    void mergeSumsCountsAndKeepsOnlyWhatAgrees() {
        TelemetryRecord a = TelemetryFixtures.busyWindow(Role.SHADOW, 1_000, 1);
        TelemetryRecord b = TelemetryFixtures.busyWindow(Role.SHADOW, 700, 2).withDroppedRecords(2);
        TelemetryRecord m = a.merge(b);
        assertEquals(1_700, m.inferences());
        assertEquals(a.errors() + b.errors(), m.errors());
        assertEquals(a.latency().plus(b.latency()), m.latency());
        assertEquals(a.shadowLatency().plus(b.shadowLatency()), m.shadowLatency());
        assertEquals(a.shadowInferences() + b.shadowInferences(), m.shadowInferences());
        assertEquals(a.shadowAgreements() + b.shadowAgreements(), m.shadowAgreements());
        assertEquals(a.features().get(3).plus(b.features().get(3)), m.features().get(3));
        assertEquals(2, m.droppedRecords());
        for (String c : TelemetryFixtures.CLASSES) {
            assertEquals(a.predictedClassCounts().get(c) + b.predictedClassCounts().get(c),
                    m.predictedClassCounts().get(c));
        }
        assertEquals("pump-eu-000123", m.deviceId(), "same device in both");
        assertNull(m.seq(), "different seqs");

        TelemetryRecord other = record(Role.SERVING, "d2", 7L, 0, null);
        TelemetryRecord merged = record(Role.SERVING, "d1", 9L, 0, null).merge(other);
        assertNull(merged.deviceId());
        assertNull(merged.seq());
        assertEquals(Map.of("a", 2L, "b", 4L), merged.predictedClassCounts());
        assertEquals(new Health(Health.Status.DEGRADED, false), merged.health());

        TelemetryRecord nextWindow = new TelemetryRecord(1, "eu", "pump", 3, null, "d1", "pi", 2L, T0.plusSeconds(300),
                300, Role.SERVING, 0, 0, List.of(), Map.of(), null, null, null, null, null, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.merge(nextWindow));
        assertTrue(e.getMessage().contains("windowStart"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.merge(other));
    }

    @Test
    void invalidRecordsAreRefusedWhenBuiltAndWhenRead() {
        assertThrows(IllegalArgumentException.class, () -> new TelemetryRecord(1, "eu", "pump", 3, null, "d1", "pi",
                1L, T0.plusSeconds(10), 300, Role.SERVING, 0, 0, List.of(), Map.of(), null, null, null, null, null, 0),
                "window not aligned");
        assertThrows(IllegalArgumentException.class, () -> new TelemetryRecord(1, "eu", "pump", 3, null, "D1", "pi",
                1L, T0, 300, Role.SERVING, 0, 0, List.of(), Map.of(), null, null, null, null, null, 0));
        assertThrows(IllegalArgumentException.class, () -> new TelemetryRecord(1, "eu", "pump", 3, null, "d1", "pi",
                1L, T0, 300, Role.SERVING, 1, 2, List.of(), Map.of(), null, null, null, null, null, 0));
        String json = new String(Json.toBytes(record(Role.SERVING, "d1", 1L, 0, null)), StandardCharsets.UTF_8);
        byte[] bad = json.replace("\"seq\":1", "\"seq\":0").getBytes(StandardCharsets.UTF_8);
        StoreException e = assertThrows(StoreException.class, () -> Json.fromBytes(bad, TelemetryRecord.class, "k"));
        assertTrue(e.getMessage().contains("seq"), e.getMessage());
        byte[] newer = json.replace("\"inferences\"", "\"futureField\":1,\"inferences\"").getBytes(StandardCharsets.UTF_8);
        assertEquals(1, Json.fromBytes(newer, TelemetryRecord.class, "k").seq(), "unknown fields are ignored");
    }

    private static TelemetryRecord record(Role role, String device, Long seq, int inferences, Long shadow) {
        Map<String, Long> classes = new LinkedHashMap<>();
        classes.put("a", 1L);
        classes.put("b", 2L);
        Health health = device.equals("d1") ? Health.OK : new Health(Health.Status.DEGRADED, false);
        return new TelemetryRecord(1, "eu", "pump", 3, null, device, "pi", seq, T0, 300, role, inferences, 0,
                List.of(new FeatureCounts(List.of(1L, 2L), 0, 0, 0)), classes, LatencyHistogram.of(50_000), health,
                shadow, null, null, 0);
    }
}
