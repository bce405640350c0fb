package io.edgemlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgemlops.data.SensorDataGenerator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * edge-mlops monitor on a fleet simulated for an hour with version 1 in production: the JSON result's shape, exit 0
 * whether or not there is enough data, and bad input refused with exit 2. Drift itself is tested in core's
 * MonitorFieldDriftFlowTest.
 */
class MonitorCommandTest {

    @TempDir
    static Path dir;

    /** {@code edge-mlops args...} on this test's store, with {@code --json}. */
    static CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--store=local:" + dir.resolve("store"));
        all.add("--json");
        return CliRun.of(all.toArray(String[]::new));
    }

    @BeforeAll
    static void anHourOfVersionOneInProduction() throws Exception {
        assertEquals(0, CliRun.of("keys", "generate", "--out", dir.resolve("keys").toString(), "--name", "eu").code());
        Path csv = dir.resolve("pump.csv");
        new SensorDataGenerator(5).writeCsv(csv, 800);
        CliRun train = run("train", "--model=pump", "--dataset=" + csv, "--label=state", "--epochs=2", "--hidden=16");
        assertEquals(0, train.code(), train.err());
        CliRun publish = run("publish", "--model=pump", "--version=1", "--fleet=eu", "--targets=raspberry-pi-4=fp32",
                "--waves=100", "--allow-unvalidated", "--signing-key=" + dir.resolve("keys/eu.key"));
        assertEquals(0, publish.code(), publish.err());
        CliRun alias = run("models", "alias", "pump", "production", "1");
        assertEquals(0, alias.code(), alias.err());
        CliRun sim = run("fleet", "simulate", "--fleet=eu", "--model=pump", "--devices=6", "--hours=1", "--accelerated",
                "--seed=3", "--public-key=" + dir.resolve("keys/eu.pub"), "--state-dir=" + dir.resolve("sim"));
        assertEquals(0, sim.code(), sim.err());
        // The accelerated fleet started at the wall clock and ran an hour ahead of it.
        MonitorCommand.clock = Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC);
    }

    @AfterAll
    static void wallClock() {
        MonitorCommand.clock = Clock.systemUTC();
    }

    @Test
    void theJsonResultHoldsTheContractsKeysWithPlainValues() throws Exception {
        CliRun monitor = run("monitor", "--fleet=eu", "--model=pump", "--min-samples=100");

        assertEquals(0, monitor.code(), monitor.err());
        assertEquals(1, monitor.out().trim().lines().count(), "one JSON object on stdout");
        JsonNode r = monitor.json();
        assertEquals(List.of("drifted", "summary", "reasons", "version", "since", "from", "to", "samples",
                "devicesReporting", "perFeature", "driftedFeatures", "predictionDrift", "perTarget", "report"),
                names(r));
        assertFalse(r.get("drifted").asBoolean(), r.toString());
        assertTrue(r.get("summary").asText().startsWith("no field drift over 24h, "), r.get("summary").asText());
        assertEquals(1, r.get("version").asInt());
        assertEquals("24h", r.get("since").asText());
        assertEquals(Duration.ofDays(1), Duration.between(Instant.parse(r.get("from").asText()),
                Instant.parse(r.get("to").asText())));
        assertTrue(r.get("samples").asLong() >= 6 * 11 * 5, r.toString());
        assertEquals(6, r.get("devicesReporting").asInt());
        assertEquals(16, r.get("perFeature").size());
        assertEquals(List.of("feature", "psi", "pValue", "drifted", "critical"), names(r.get("perFeature").get(0)));
        assertEquals("vib_rms_x", r.get("perFeature").get(0).get("feature").asText());
        assertTrue(r.get("driftedFeatures").isArray());
        assertEquals(List.of("psi", "pValue", "drifted"), names(r.get("predictionDrift")));
        assertEquals(1, r.get("perTarget").size());
        JsonNode pi = r.get("perTarget").get(0);
        assertEquals(List.of("target", "samples", "devices", "drifted", "driftedFeatures"), names(pi));
        assertEquals("raspberry-pi-4", pi.get("target").asText());
        assertEquals(6, pi.get("devices").asInt());
        assertTrue(r.get("report").asText().matches("fleets/eu/monitor/pump/[0-9]{8}T[0-9]{6}Z\\.json"),
                r.get("report").asText());
        assertTrue(monitor.err().contains("field drift monitor: pump version 1 (production) in fleet eu"),
                monitor.err());
    }

    @Test
    void tooFewInferencesAndNoProductionVersionAnswerFalseWithExitZero() throws Exception {
        CliRun few = run("monitor", "--fleet=eu", "--model=pump", "--since=24h", "--min-samples=1000000");
        assertEquals(0, few.code(), few.err());
        assertFalse(few.json().get("drifted").asBoolean());
        assertTrue(few.json().get("summary").asText().matches("not enough data over 24h: [0-9,]+ of 1,000,000 "
                + "inferences"), few.out());
        assertEquals(0, few.json().get("perFeature").size());
        assertNull(few.json().get("predictionDrift"));

        CliRun none = run("monitor", "--fleet=eu", "--model=valve");
        assertEquals(0, none.code(), none.err());
        JsonNode r = none.json();
        assertFalse(r.get("drifted").asBoolean());
        assertNull(r.get("version"), "no version to name");
        assertEquals("not enough data: model valve has no version under alias production (no version is registered)",
                r.get("summary").asText());
        assertEquals(List.of(r.get("summary").asText()), List.of(r.get("reasons").get(0).asText()));
    }

    @Test
    void badInputIsRefusedWithExitTwo() {
        CliRun since = run("monitor", "--fleet=eu", "--model=pump", "--since=yesterday");
        assertEquals(2, since.code(), since.err());
        assertTrue(since.err().contains("since (--since): 'yesterday' is not a duration"), since.err());

        CliRun noFleet = run("monitor", "--model=pump");
        assertEquals(2, noFleet.code(), noFleet.err());
        assertTrue(noFleet.err().contains("fleet (--fleet) is required"), noFleet.err());

        CliRun version = run("monitor", "--fleet=eu", "--model=pump", "--version=9");
        assertEquals(2, version.code(), version.err());
        assertTrue(version.err().contains("model pump has no version 9"), version.err());

        CliRun critical = run("monitor", "--fleet=eu", "--model=pump", "--min-samples=100",
                "--critical-features=temperature");
        assertEquals(2, critical.code(), critical.err());
        assertTrue(critical.err().contains("critical feature 'temperature' is not a feature"), critical.err());
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
