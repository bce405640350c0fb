package io.edgemlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgemlops.store.Json;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import io.edgemlops.telemetry.FeatureCounts;
import io.edgemlops.telemetry.Health;
import io.edgemlops.telemetry.LatencyHistogram;
import io.edgemlops.telemetry.Role;
import io.edgemlops.telemetry.TelemetryKeys;
import io.edgemlops.telemetry.TelemetryRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** telemetry compact on the embedded store. */
class TelemetryCommandTest {

    static final Instant NOW = Instant.parse("2026-11-25T20:00:00Z");

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return Json.MAPPER.readTree(out);
        }
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--store=local:" + dir.resolve("store");
        all[args.length + 1] = "--json";
        int code = EdgeMlops.run(new PrintWriter(out), new PrintWriter(err), all);
        return new Run(code, out.toString(), err.toString());
    }

    @AfterEach
    void realClock() {
        TelemetryCommand.Compact.now = Instant::now;
    }

    static TelemetryRecord record(int version, Instant window, String device, long seq) {
        return new TelemetryRecord(1, "eu", "pump", version, "eu/pump/" + version, device, "raspberry-pi-4", seq,
                window, 300, Role.SERVING, 10, 0, List.of(new FeatureCounts(List.of(4L, 6L), 0, 0, 0)),
                Map.of("ok", 10L), LatencyHistogram.of(50_000, 60_000), Health.OK, null, null, null, 0);
    }

    @Test
    void compactsEveryVersionsRecentWindowsAndNamesWhatItSkipped() throws Exception {
        Instant recent = NOW.minusSeconds(3600);
        Instant old = NOW.minusSeconds(3 * 86_400);
        String broken = TelemetryKeys.recordKey("eu", "pump", 2, recent, "pi-bad", 1);
        try (OpenStore open = Stores.open(StoreLocation.parse("local:" + dir.resolve("store"), null))) {
            for (int i = 0; i < 30; i++) {
                TelemetryRecord r = record(1 + i % 2, i < 25 ? recent : old, "pi-" + i, 100 + i);
                open.store().createIfAbsent(TelemetryKeys.recordKey(r), Json.toBytes(r));
            }
            open.store().putBytes(broken, "not json".getBytes(StandardCharsets.UTF_8));
        }
        TelemetryCommand.Compact.now = () -> NOW;

        Run r = run("telemetry", "compact", "--fleet=eu", "--model=pump");

        assertEquals(0, r.code(), r.err());
        JsonNode versions = r.json().get("versions");
        assertEquals(2, versions.size());
        assertEquals(1, versions.get(0).get("version").asInt());
        assertEquals(1, versions.get(0).get("windows").asInt(), "the 3-day-old window is outside the default 24 h");
        assertEquals(13, versions.get(0).get("recordsFolded").asLong());
        assertEquals(12, versions.get(1).get("recordsFolded").asLong());
        assertEquals(1, versions.get(1).get("skipped").asLong());
        assertEquals(0, versions.get(0).get("skipped").asLong());
        assertTrue(versions.get(0).get("aggregatesWritten").asLong() >= 1, r.out());
        assertTrue(versions.get(0).get("seconds").asDouble() >= 0, r.out());
        assertEquals("2026-11-24T20:00:00Z", r.json().get("since").asText());
        assertTrue(r.err().contains("skipped s3://edge-mlops/" + broken), r.err());

        Run week = run("telemetry", "compact", "--fleet=eu", "--model=pump", "--version=1", "--since=7d");
        assertEquals(0, week.code(), week.err());
        assertEquals(1, week.json().get("versions").size());
        assertEquals(2, week.json().get("versions").get(0).get("windows").asInt());
        assertEquals(2, week.json().get("versions").get(0).get("recordsFolded").asLong(), "only the old window's");
    }

    @Test
    void aBadSinceOrParallelismExitsTwoBeforeTheStoreOpens() {
        Run since = run("telemetry", "compact", "--fleet=eu", "--model=pump", "--since=yesterday");
        assertEquals(ExitCodes.BAD_INPUT, since.code());
        assertTrue(since.err().contains("--since: expected a positive number with s, m, h or d (e.g. 24h), got "
                + "'yesterday'"), since.err());
        Run parallel = run("telemetry", "compact", "--fleet=eu", "--model=pump", "--parallelism=0");
        assertEquals(ExitCodes.BAD_INPUT, parallel.code());
        assertTrue(parallel.err().contains("--parallelism must be 1..32"), parallel.err());
        assertTrue(!dir.resolve("store").toFile().exists(), "no store opened");
    }
}
