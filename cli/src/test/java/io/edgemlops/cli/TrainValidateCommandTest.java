package io.edgemlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.store.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train and validate as the Jenkins plugin calls them: flags, one JSON object on stdout, exit codes. */
class TrainValidateCommandTest {

    @TempDir
    static Path dir;
    static Path csv;

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
    static void data() {
        csv = dir.resolve("pump.csv");
        new SensorDataGenerator(2).writeCsv(csv, 2500);
    }

    @Test
    void trainThenValidateReturnTheStepMaps() throws Exception {
        Run train = run("train", "--model=pump", "--dataset=" + csv, "--label=state", "--epochs=4", "--hidden=32,16",
                "--build-url=https://ci/job/pump/5/", "--build-id=jenkins-pump-5");
        assertEquals(0, train.code(), train.err());
        assertEquals(1, train.out().trim().lines().count(), "exactly one JSON object on stdout");
        JsonNode t = train.json();
        assertEquals("pump", t.get("model").asText());
        assertTrue(t.get("accuracy").asDouble() > 0.8, train.out());
        assertEquals(64, t.get("datasetSha256").asText().length());
        assertTrue(t.get("modelUri").asText().endsWith("models/pump/versions/" + t.get("version").asInt() + "/model.json"));
        assertTrue(train.err().contains("epoch 4/4"), "progress on stderr");

        Path report = dir.resolve("reports/pi4.xml");
        Run validate = run("validate", "--model=pump", "--version=" + t.get("version").asInt(),
                "--target=raspberry-pi-4", "--report=" + report, "--build-url=https://ci/job/pump/5/");
        assertEquals(0, validate.code(), validate.err());
        JsonNode v = validate.json();
        assertTrue(v.get("passed").asBoolean());
        assertEquals("raspberry-pi-4", v.get("target").asText());
        assertEquals("fp32", v.get("variant").asText());
        assertTrue(v.get("checks").size() >= 8);
        assertTrue(v.get("latencyP95Ms").asDouble() > 0);
        assertTrue(Files.exists(report));
        assertTrue(validate.err().contains("latency-p95"), "check table on stderr");
    }

    @Test
    void failingCheckExitsOneWithReason() throws Exception {
        assertEquals(0, run("train", "--model=strict", "--dataset=" + csv, "--label=state", "--epochs=2").code());
        Run strict = run("validate", "--model=strict", "--target=x86-gateway", "--min-accuracy=0.999",
                "--report=" + dir.resolve("strict.xml"));
        assertEquals(1, strict.code(), strict.err());
        JsonNode v = strict.json();
        assertFalse(v.get("passed").asBoolean());
        assertTrue(v.get("reason").asText().contains("accuracy"), v.get("reason").asText());
    }

    @Test
    void badInputExitsTwoNamingTheProblem() throws Exception {
        Run noLabel = run("train", "--model=pump", "--dataset=" + csv, "--label=status");
        assertEquals(2, noLabel.code(), noLabel.err());
        assertTrue(noLabel.json().get("error").asText().contains("status"), noLabel.out());

        Run both = run("train", "--model=pump", "--dataset=" + csv, "--label=state", "--numeric=temp_bearing",
                "--categorical=temp_bearing");
        assertEquals(2, both.code(), both.err());
        assertTrue(both.json().get("error").asText().contains("'temp_bearing'"), both.out());

        Run noTarget = run("validate", "--model=pump", "--target=no-such-board");
        assertEquals(2, noTarget.code(), noTarget.err());
        assertTrue(noTarget.json().get("error").asText().contains("no-such-board"), noTarget.out());
    }
}
