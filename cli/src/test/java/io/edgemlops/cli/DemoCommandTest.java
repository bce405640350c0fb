package io.edgemlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edge-mlops demo} as a newcomer runs it, with the smallest fleet: one line per step, the decisions of both
 * nights, and every step's result in the JSON as its command prints it; then the registry shows the lineage.
 */
class DemoCommandTest {

    @TempDir
    static Path dir;
    static CliRun demo;

    @BeforeAll
    static void runTheDemo() {
        demo = CliRun.of("demo", "--devices=20", "--work-dir=" + dir, "--json");
    }

    @Test
    void twoNightsPrintOneLinePerStepAndTheDecisionsAndLeaveTheLineageInTheRunsOwnStore() throws Exception {
        assertEquals(0, demo.code(), demo.err());
        JsonNode result = demo.json();
        List<String> decisions = new ArrayList<>();
        result.get("decisions").forEach(d -> decisions.add("v" + d.get("version").asInt() + " "
                + d.get("decision").asText()));
        assertEquals(List.of("v1 PROMOTED", "v2 PROMOTED", "v3 ROLLED_BACK"), decisions, demo.err());
        assertTrue(result.get("decisions").get(0).get("summary").asText().endsWith("now in production"));
        assertEquals("local:" + dir.resolve("store"), result.get("store").asText(), "the run's own store");

        JsonNode nights = result.get("nights");
        assertEquals(2, nights.size());
        assertEquals(false, nights.get(0).get("monitor").get("drifted").asBoolean());
        assertEquals(true, nights.get(1).get("monitor").get("drifted").asBoolean());
        JsonNode retrained = nights.get(1).get("versions").get(0);
        assertEquals(1, retrained.get("train").get("parentVersion").asInt());
        assertEquals(3, retrained.get("validate").size(), "one validation per target");
        assertTrue(retrained.get("validate").get(0).get("champion").get("passed").asBoolean());
        assertEquals("PROMOTED", last(retrained.get("gate")).get("decision").asText());
        assertTrue(last(retrained.get("gate")).get("complete").asBoolean());

        for (String step : List.of("night 1 monitor:", "night 1 train:", "night 1 quantize:", "night 1 validate:",
                "night 1 publish:", "night 1 gate: PROMOTED at wave 3 of 3", "day     field:", "night 2 monitor: "
                        + "field drift on", "night 2 gate: ROLLED_BACK at wave 1 of 3")) {
            assertTrue(demo.err().contains("[edge-mlops] " + step), step + " is missing:\n" + demo.err());
        }

        Path report = Path.of(result.get("report").asText());
        assertEquals(dir.resolve("report/index.html"), report);
        String html = Files.readString(report);
        for (String section : List.of("What the gate decided on each rollout", "Night 2: field drift",
                "Quantization of pump version 1 to int8", "Rollout of pump version 3 to fleet demo",
                "Drift gate of pump version 3 in fleet demo: ROLLED_BACK", "Audit trail", "rolled-back")) {
            assertTrue(html.contains(section), section + " is not in the report");
        }
        assertTrue(html.contains("<polyline"), "the gate's charts are drawn");
        assertTrue(!html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "the report loads nothing from the network");

        CliRun history = CliRun.of("models", "history", "pump", "--store=" + result.get("store").asText(), "--json");
        assertEquals(0, history.code(), history.err());
        JsonNode lineage = history.json().get("lineage");
        assertEquals(3, lineage.size());
        assertEquals(2, lineage.get(2).get("parentVersion").asInt(), "v3 was trained while v2 was in production");
        assertTrue(history.json().get("entries").toString().contains("rolled-back"), history.out());
    }

    /**
     * The report in a real browser (Debian's chromium, when installed): it renders, draws its charts and asks the
     * network for nothing, as dev/page-screenshot.sh checks over the DevTools protocol.
     */
    @Test
    void theReportRendersInHeadlessChromiumWithItsChartsAndNoNetworkRequest() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "chromium is not installed");
        assertEquals(0, demo.code(), demo.err());
        Path shot = dir.resolve("report.png");
        Process check = new ProcessBuilder("bash", Path.of("..", "dev", "page-screenshot.sh").toString(),
                demo.json().get("report").asText(), shot.toString(), "1280x1600").redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertEquals(0, check.waitFor(), output);
        assertTrue(output.contains("0 requests to the network"), output);
        assertTrue(output.matches("(?s).*: [1-9]\\d* svg charts.*"), output);
        assertTrue(Files.size(shot) > 20_000, "a screenshot of a drawn page, not an empty one: " + Files.size(shot));
    }

    private static JsonNode last(JsonNode array) {
        return array.get(array.size() - 1);
    }
}
