package io.edgemlops.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.store.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/telemetry.md is what other-language agents are written from: its example must be what the code reads. */
class TelemetryDocsTest {

    @Test
    void theExampleRecordIsValidAndItsWorkedFiguresHold() throws IOException {
        String page = Files.readString(Path.of("..", "docs", "telemetry.md"), StandardCharsets.UTF_8);
        Matcher json = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(page);
        assertTrue(json.find(), "the page has an example record");
        TelemetryRecord r = Json.fromBytes(json.group(1).getBytes(StandardCharsets.UTF_8), TelemetryRecord.class,
                "docs/telemetry.md");
        assertEquals(r, Json.fromBytes(Json.toBytes(r), TelemetryRecord.class, "round trip"));
        for (FeatureCounts f : r.features()) {
            assertEquals(r.inferences(), f.total(), "every feature counts every inference");
        }
        long predicted = r.predictedClassCounts().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(r.inferences() - r.errors(), predicted);
        assertEquals(predicted, r.latency().count());
        assertEquals((long) r.shadowInferences(), r.shadowLatency().count());
        String key = TelemetryKeys.recordKey(r);
        assertTrue(page.contains("`" + key + "`"), "the page names the example's key " + key);
        assertTrue(page.contains(String.format("p95 = `1000 · 2^(49/8) · 2^(1/16)` ns ≈ %.4f ms", r.latency().p95Millis())),
                "worked p95 " + r.latency().p95Millis());
        assertTrue(page.contains(String.format("p50 ≈ %.4f ms, p99 ≈ %.4f ms", r.latency().p50Millis(),
                r.latency().p99Millis())), "worked p50/p99");
        for (String device : new String[] {"pump-eu-000123", "device-1", "a"}) {
            assertTrue(page.contains("`" + device + "` → `" + TelemetryKeys.shardOf(device) + "`"), device);
        }
    }

    @Test
    void theExampleAggregateIsWhatTheCompactorReads() throws IOException {
        String page = Files.readString(Path.of("..", "docs", "telemetry.md"), StandardCharsets.UTF_8);
        Matcher json = Pattern.compile("### The aggregate\n+```json\n(.*?)```", Pattern.DOTALL).matcher(page);
        assertTrue(json.find(), "the page has an example aggregate");
        CompactedShard shard = Json.fromBytes(json.group(1).getBytes(StandardCharsets.UTF_8), CompactedShard.class,
                "docs/telemetry.md");
        assertEquals(shard, Json.fromBytes(Json.toBytes(shard), CompactedShard.class, "round trip"));
        assertTrue(page.contains("`…/<window>/compacted/<shard>.json`"));
        assertEquals("telemetry/eu-west/pump-anomaly/12/20261125T180000Z/compacted/01.json", shard.key());
        GroupTelemetry g = shard.groups().get(0);
        assertEquals(shard.recordsFolded(), g.devices());
        TelemetryRecord c = g.counts();
        for (FeatureCounts f : c.features()) {
            assertEquals(c.inferences(), f.total(), "every feature counts every inference");
        }
        long predicted = c.predictedClassCounts().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(c.inferences() - c.errors(), predicted);
        assertEquals(predicted, c.latency().count());
        for (String name : shard.lastFolded()) {
            assertEquals("01", TelemetryKeys.shardOf(name.substring(0, name.indexOf('~'))), name + " is of shard 01");
        }
    }
}
