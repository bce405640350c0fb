package io.edgemlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgemlops.contract.QuantizeContract;
import io.edgemlops.contract.ResultKey;
import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.store.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train, quantize and validate a variant on the embedded store, as the Jenkins plugin calls them. */
class TrainQuantizeValidateCommandTest {

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

    private static int train(String model) throws Exception {
        Run train = run("train", "--model=" + model, "--dataset=" + csv, "--label=state", "--epochs=4",
                "--hidden=32,16");
        assertEquals(0, train.code(), train.err());
        return train.json().get("version").asInt();
    }

    private static void assertEveryAlwaysKey(JsonNode result) {
        for (ResultKey key : QuantizeContract.STEP.results()) {
            if (key.always()) {
                assertTrue(result.has(key.name()), key.name() + " in " + result);
            }
        }
    }

    @Test
    void int8AndFp16AreRegisteredAndTheInt8VariantValidates() throws Exception {
        int version = train("pump");

        Run int8 = run("quantize", "--model=pump", "--version=" + version, "--mode=int8",
                "--build-url=https://ci/job/pump/6/");
        assertEquals(0, int8.code(), int8.err());
        assertEquals(1, int8.out().trim().lines().count(), "exactly one JSON object on stdout");
        JsonNode q = int8.json();
        assertEveryAlwaysKey(q);
        assertTrue(q.get("passed").asBoolean(), q.toString());
        assertFalse(q.has("reason"), q.toString());
        assertEquals("pump", q.get("model").asText());
        assertEquals(version, q.get("version").asInt());
        assertEquals("int8", q.get("variant").asText());
        assertEquals("int8-static", q.get("method").asText());
        assertTrue(q.get("sizeBytes").asLong() < q.get("fp32SizeBytes").asLong(), q.toString());
        assertEquals(q.get("fp32SizeBytes").asDouble() / q.get("sizeBytes").asDouble(), q.get("sizeRatio").asDouble(),
                1e-6);
        // Only > 1: on a model this small the QDQ nodes and per-channel scales eat most of the 4x of the weights.
        assertTrue(q.get("sizeRatio").asDouble() > 1, q.toString());
        assertEquals(q.get("fp32Accuracy").asDouble() - q.get("accuracy").asDouble(),
                q.get("accuracyDrop").asDouble(), 1e-9);
        assertTrue(q.get("accuracyDrop").asDouble() <= QuantizeContract.DEFAULT_MAX_ACCURACY_DROP, q.toString());
        assertTrue(q.get("agreement").asDouble() > 0.9 && q.get("agreement").asDouble() <= 1, q.toString());
        assertFalse(q.has("rmse"), "classification: " + q);
        for (String latency : List.of("latencyP50Ms", "latencyP95Ms", "fp32LatencyP50Ms", "fp32LatencyP95Ms")) {
            assertTrue(q.get(latency).asDouble() > 0, latency + " in " + q);
        }
        assertEquals(q.get("latencyP50Ms").asDouble() / q.get("fp32LatencyP50Ms").asDouble(),
                q.get("latencyRatio").asDouble(), 1e-6);
        assertTrue(int8.err().contains("pump@" + version + " int8 (int8-static): PASSED"), int8.err());
        assertTrue(int8.err().contains("latency p95"), "comparison table on stderr: " + int8.err());

        Run fp16 = run("quantize", "--model=pump", "--version=" + version, "--mode=fp16");
        assertEquals(0, fp16.code(), fp16.err());
        JsonNode h = fp16.json();
        assertEveryAlwaysKey(h);
        assertEquals("fp16", h.get("variant").asText());
        assertEquals("fp16", h.get("method").asText());
        assertTrue(h.get("sizeRatio").asDouble() > 1 && h.get("sizeRatio").asDouble() < 2, h.toString());
        assertTrue(h.get("agreement").asDouble() > 0.98, h.toString());

        Path report = dir.resolve("reports/pi4-int8.xml");
        Run validate = run("validate", "--model=pump", "--version=" + version, "--target=raspberry-pi-4",
                "--variant=int8", "--report=" + report);
        assertEquals(0, validate.code(), validate.err());
        JsonNode v = validate.json();
        assertTrue(v.get("passed").asBoolean(), v.toString());
        assertEquals("int8", v.get("variant").asText());
        assertEquals(q.get("sizeBytes").asLong(), v.get("sizeBytes").asLong());
        assertTrue(Files.exists(report));

        Run show = run("models", "show", "pump@" + version);
        assertEquals(0, show.code(), show.err());
        JsonNode variants = show.json().get("variants");
        assertTrue(variants.has("fp32") && variants.has("int8") && variants.has("fp16"), show.out());
    }

    @Test
    void weightOnlyNeedsNoCalibration() throws Exception {
        int version = train("light");

        Run weightOnly = run("quantize", "--model=light", "--version=" + version, "--weight-only");
        assertEquals(0, weightOnly.code(), weightOnly.err());
        assertEquals("int8-weight-only", weightOnly.json().get("method").asText());
        assertEquals("int8", weightOnly.json().get("variant").asText());
    }

    @Test
    void aVariantThatLosesTooMuchAccuracyExitsOneWithTheNumbersAndIsNotRegistered() throws Exception {
        int version = train("strict");
        // Calibration rows that look nothing like the data: every feature 0, so the activation ranges are wrong.
        List<String> rows = new ArrayList<>();
        rows.add(String.join(",", SensorDataGenerator.FEATURES));
        for (int i = 0; i < 20; i++) {
            rows.add(String.join(",", Collections.nCopies(SensorDataGenerator.FEATURES.size(), "0")));
        }
        Path calibration = Files.write(dir.resolve("zeros.csv"), rows);

        Run strict = run("quantize", "--model=strict", "--version=" + version, "--calibration=" + calibration,
                "--calibration-method=minmax", "--max-accuracy-drop=0");
        assertEquals(1, strict.code(), strict.err());
        JsonNode q = strict.json();
        assertFalse(q.get("passed").asBoolean(), q.toString());
        String reason = q.get("reason").asText();
        assertTrue(reason.startsWith("strict@" + version + " int8 accuracy "), reason);
        assertTrue(reason.contains("> maxAccuracyDrop 0"), reason);
        assertTrue(reason.matches(".*\\d.*") && !reason.contains("\n"), "one line with the numbers: " + reason);
        assertTrue(q.get("accuracyDrop").asDouble() > 0, q.toString());

        Run validate = run("validate", "--model=strict", "--version=" + version, "--target=x86-gateway",
                "--variant=int8", "--report=" + dir.resolve("strict.xml"));
        assertEquals(2, validate.code(), "the failed variant was not registered: " + validate.out());
        assertTrue(validate.json().get("error").asText().contains("int8"), validate.out());
    }
}
