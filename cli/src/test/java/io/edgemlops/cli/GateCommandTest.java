package io.edgemlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.store.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * edge-mlops gate on a freshly published rollout: one poll that waits for telemetry and says so, the same rollout
 * found from the model, and bad input refused before anything is read. Decisions on a running fleet are tested in
 * core's GateFlowTest.
 */
class GateCommandTest {

    @TempDir
    static Path dir;
    private static String rollout;

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return Json.MAPPER.readTree(out);
        }
    }

    static Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--store=local:" + dir.resolve("store"));
        all.add("--json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EdgeMlops.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void aPublishedRollout() throws Exception {
        StringWriter ignored = new StringWriter();
        assertEquals(0, EdgeMlops.run(new PrintWriter(ignored), new PrintWriter(ignored), "keys", "generate", "--out",
                dir.resolve("keys").toString(), "--name", "eu"));
        Path csv = dir.resolve("pump.csv");
        new SensorDataGenerator(5).writeCsv(csv, 800);
        Run train = run("train", "--model=pump", "--dataset=" + csv, "--label=state", "--epochs=2", "--hidden=16");
        assertEquals(0, train.code(), train.err());
        Run publish = run("publish", "--model=pump", "--version=1", "--fleet=eu", "--targets=raspberry-pi-4=fp32",
                "--waves=50,100", "--allow-unvalidated", "--telemetry-window=30s",
                "--signing-key=" + dir.resolve("keys/eu.key"));
        assertEquals(0, publish.code(), publish.err());
        rollout = publish.json().get("rollout").asText();
    }

    @Test
    void aPollBeforeAnyTelemetryWaitsAndSaysForWhat() throws Exception {
        Run gate = run("gate", "--fleet=eu", "--rollout=" + rollout, "--once");

        assertEquals(0, gate.code(), gate.err());
        JsonNode r = gate.json();
        assertEquals("WAIT", r.get("decision").asText());
        assertTrue(r.get("passed").asBoolean());
        assertEquals(1, r.get("wave").asInt());
        assertEquals(2, r.get("waves").asInt());
        assertTrue(r.get("waitingFor").get(0).asText().contains("first complete telemetry window"), gate.out());
        assertTrue(r.get("report").asText().endsWith("/report.html"), gate.out());
        assertTrue(gate.err().contains("gate " + rollout + " wave 1/2: WAIT"), gate.err());
    }

    @Test
    void withoutARolloutTheModelsRolloutInProgressIsJudged() throws Exception {
        Run gate = run("gate", "--fleet=eu", "--model=pump");

        assertEquals(0, gate.code(), gate.err());
        assertEquals(rollout, gate.json().get("rollout").asText());
    }

    @Test
    void badInputAndAnUnknownRolloutAreRefusedWithExitTwo() {
        Run neither = run("gate", "--fleet=eu");
        assertEquals(2, neither.code(), neither.err());
        assertTrue(neither.err().contains("give rollout"), neither.err());

        Run soak = run("gate", "--fleet=eu", "--model=pump", "--soak=half an hour");
        assertEquals(2, soak.code(), soak.err());
        assertTrue(soak.err().contains("soak (--soak): 'half an hour' is not a duration"), soak.err());

        Run unknown = run("gate", "--fleet=eu", "--rollout=pump-v9-20260101T000000Z");
        assertEquals(2, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("no rollout pump-v9-20260101T000000Z"), unknown.err());
    }
}
