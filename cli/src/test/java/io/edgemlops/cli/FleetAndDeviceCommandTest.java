package io.edgemlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.device.DeviceRunner;
import io.edgemlops.store.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fleet simulate, fleet status and device run on the embedded store, after keys generate, train, validate and a
 * publish to the whole fleet at once.
 */
class FleetAndDeviceCommandTest {

    @TempDir
    static Path dir;

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return Json.MAPPER.readTree(out);
        }

        String lastErrLine() {
            List<String> lines = err.lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    static Run bare(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EdgeMlops.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--store=local:" + dir.resolve("store"));
        all.add("--json");
        return bare(all.toArray(String[]::new));
    }

    static String publicKey() {
        return "--public-key=" + dir.resolve("keys/eu.pub");
    }

    @BeforeAll
    static void aPublishedModel() throws Exception {
        assertEquals(0, bare("keys", "generate", "--out", dir.resolve("keys").toString(), "--name", "eu").code());
        Path csv = dir.resolve("pump.csv");
        new SensorDataGenerator(5).writeCsv(csv, 1200);
        Run train = run("train", "--model=pump", "--dataset=" + csv, "--label=state", "--epochs=3", "--hidden=16");
        assertEquals(0, train.code(), train.err());
        Run validate = run("validate", "--model=pump", "--version=1", "--target=raspberry-pi-4",
                "--report=" + dir.resolve("pi4.xml"));
        assertEquals(0, validate.code(), validate.err());
        Run publish = run("publish", "--model=pump", "--version=1", "--fleet=eu", "--targets=raspberry-pi-4=fp32",
                "--waves=100", "--signing-key=" + dir.resolve("keys/eu.key"));
        assertEquals(0, publish.code(), publish.err());
        Run lab = run("publish", "--model=pump", "--version=1", "--fleet=lab", "--targets=raspberry-pi-4=fp32",
                "--waves=100", "--signing-key=" + dir.resolve("keys/eu.key"));
        assertEquals(0, lab.code(), lab.err());
    }

    @AfterEach
    void quiet() {
        DeviceCommand.Run.started = r -> { };
    }

    @Test
    void simulateTwentyDevicesForAnHourThenTheStatusShowsThemAllOnVersionOne() throws Exception {
        Run sim = run("fleet", "simulate", "--fleet=eu", "--model=pump", "--devices=20", "--hours=1", "--accelerated",
                "--seed=3", publicKey(), "--state-dir=" + dir.resolve("sim"));

        assertEquals(0, sim.code(), sim.err());
        assertEquals(1, sim.out().trim().lines().count(), "one JSON object on stdout");
        JsonNode r = sim.json();
        assertEquals(20, r.get("devices").asInt());
        assertEquals(12, r.get("rounds").asInt());
        assertEquals(1, r.get("version").asInt());
        assertTrue(r.get("polls").asLong() >= 20 * 12, r.toString());
        assertTrue(r.get("requests").asLong() >= 20 * 11 * 5, r.toString());
        assertEquals(0, r.get("errors").asLong(), r.toString());
        assertEquals(3600.0, r.get("simulatedSeconds").asDouble());
        assertTrue(r.get("deviceRoundsPerSecond").asDouble() > 0, r.toString());
        assertTrue(sim.err().contains("12/12 rounds, 20 devices"), sim.err());
        assertTrue(sim.err().contains("targets {raspberry-pi-4=1.0}"), "the desired state's targets: " + sim.err());

        Run status = run("fleet", "status", "--fleet=eu", "--model=pump");
        assertEquals(0, status.code(), status.err());
        JsonNode s = status.json();
        assertEquals(20, s.get("devices").asInt());
        assertEquals(Map.of("1", 20), Json.MAPPER.convertValue(s.get("byVersion"), Map.class));
        assertEquals(Map.of("raspberry-pi-4", 20), Json.MAPPER.convertValue(s.get("byTarget"), Map.class));
        assertEquals(20, s.get("healthy").asInt() + s.get("unhealthy").asInt() + s.get("unknown").asInt());
        assertEquals(20, s.get("healthy").asInt(), s.toString());

        Run text = bare("fleet", "status", "--fleet=eu", "--model=pump", "--store=local:" + dir.resolve("store"));
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().startsWith("devices: 20\nbyVersion:\n  1: 20\n"), text.out());
    }

    @Test
    void simulateRefusesBadInputWithExitTwo() {
        Run noKey = run("fleet", "simulate", "--fleet=eu", "--model=pump", "--devices=2", "--hours=1", "--seed=1");
        assertEquals(ExitCodes.BAD_INPUT, noKey.code());
        assertTrue(noKey.lastErrLine().contains("give --public-key FILE"), noKey.err());

        Run badTargets = run("fleet", "simulate", "--fleet=eu", "--model=pump", "--devices=2", "--hours=1", "--seed=1",
                publicKey(), "--targets=raspberry-pi-4");
        assertEquals(ExitCodes.BAD_INPUT, badTargets.code());
        assertTrue(badTargets.lastErrLine().contains("--targets: expected NAME=NUMBER"), badTargets.err());

        Run noFleet = run("fleet", "simulate", "--fleet=nowhere", "--model=pump", "--devices=2", "--hours=1",
                "--seed=1", publicKey());
        assertEquals(ExitCodes.BAD_INPUT, noFleet.code());
        assertTrue(noFleet.lastErrLine().contains("fleet nowhere has no desired state for pump"), noFleet.err());
    }

    @Test
    void deviceRunInstallsThePublishedVersionAndServesHealthUntilStopped() throws Exception {
        CompletableFuture<DeviceRunner> started = new CompletableFuture<>();
        DeviceCommand.Run.started = started::complete;
        CompletableFuture<Run> running = CompletableFuture.supplyAsync(() -> run("device", "run", "--fleet=lab",
                "--model=pump", "--device-id=pi-7", "--target=raspberry-pi-4", "--state-dir=" + dir.resolve("pi-7"),
                publicKey(), "--port=0", "--poll-interval=1"));
        DeviceRunner runner = started.get(60, TimeUnit.SECONDS);
        try {
            HttpClient http = HttpClient.newHttpClient();
            JsonNode health = null;
            for (int i = 0; i < 100; i++) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + runner.port() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                health = Json.MAPPER.readTree(response.body());
                if (health.path("installedVersion").asInt() == 1) {
                    break;
                }
                Thread.sleep(200);
            }
            assertEquals(1, health.path("installedVersion").asInt(), String.valueOf(health));
        } finally {
            runner.close();
        }
        Run stopped = running.get(60, TimeUnit.SECONDS);
        assertEquals(0, stopped.code(), stopped.err());
        assertTrue(stopped.err().contains("device pi-7 of fleet lab serving on 127.0.0.1:" + runner.port()),
                stopped.err());
    }

    @Test
    void deviceRunRefusesAMissingKeyFileWithExitTwo() {
        Path missing = dir.resolve("keys/missing.pub");
        Run r = run("device", "run", "--fleet=eu", "--model=pump", "--device-id=pi-8", "--target=raspberry-pi-4",
                "--state-dir=" + dir.resolve("pi-8"), "--public-key=" + missing);
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertEquals("edge-mlops: --public-key: no such key file " + missing, r.lastErrLine());
        Run noKey = run("device", "run", "--fleet=eu", "--model=pump", "--device-id=pi-8", "--target=raspberry-pi-4",
                "--state-dir=" + dir.resolve("pi-8"));
        assertEquals(ExitCodes.BAD_INPUT, noKey.code());
        assertTrue(noKey.lastErrLine().contains("--public-key"), noKey.err());
    }
}
