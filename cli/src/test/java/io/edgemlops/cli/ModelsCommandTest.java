package io.edgemlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgemlops.ToolVersions;
import io.edgemlops.data.DatasetProfile;
import io.edgemlops.data.FeatureProfile;
import io.edgemlops.data.FeatureSchema;
import io.edgemlops.registry.Audit;
import io.edgemlops.registry.Lineage;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.registry.ModelDraft;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.registry.Variant;
import io.edgemlops.store.Json;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import io.edgemlops.train.Metrics;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The models commands in-process against a real embedded server on a temp directory. */
class ModelsCommandTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return Json.MAPPER.readTree(out);
        }
    }

    Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--store")) {
            all.add("--store");
            all.add("local:" + dir);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EdgeMlops.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * Registers a version of {@code name} straight through the registry: a fixture with made-up
     * metrics, which is why it lives here and not in {@code models selftest}.
     */
    ModelCard register(String name) {
        return register(name, null, null);
    }

    /** A fixture version whose lineage names a parent and what triggered its training. */
    ModelCard register(String name, Integer parent, String trigger) {
        try (OpenStore open = Stores.open(StoreLocation.parse("local:" + dir, null))) {
            ModelRegistry registry = new ModelRegistry(open.store());
            byte[] payload = ("fixture " + name).getBytes(StandardCharsets.UTF_8);
            Variant variant = registry.storeVariant("fp32", payload, "bytes", Map.of("purpose", "test"));
            FeatureSchema schema = new FeatureSchema(List.of(FeatureSchema.Feature.numeric("x")), "y",
                    FeatureSchema.Task.CLASSIFICATION, List.of("a", "b"));
            Metrics metrics = Metrics.classification(new int[] {0, 1}, new int[] {0, 1}, List.of("a", "b"));
            DatasetProfile baseline = new DatasetProfile(2, List.of(new FeatureProfile("x", List.of(0.0, 1.0), null,
                    List.of(2L), 0, 0, 0, 0.5, 0.5)), Map.of("a", 1L, "b", 1L));
            Lineage lineage = new Lineage("cd".repeat(32), "fixture", 2, parent, null, null, ToolVersions.all(),
                    Map.of(), null, trigger);
            return registry.register(name, new ModelDraft(FeatureSchema.Task.CLASSIFICATION, schema, metrics,
                    baseline, lineage, Map.of("fp32", variant), null, Map.of()), Audit.fromEnvironment("fixture"));
        }
    }

    @Test
    void selftestChecksTheStoreAndLeavesNothingBehind() throws Exception {
        Run self = run("models", "selftest", "--json");
        assertEquals(0, self.code(), self.err());
        assertEquals(1, self.out().trim().lines().count(), "exactly one JSON object on stdout");
        JsonNode r = self.json();
        assertTrue(r.get("passed").asBoolean(), self.out());
        for (String check : List.of("blob", "createIfAbsent", "compareAndSwap", "list", "delete")) {
            assertEquals("ok", r.at("/checks/" + check).asText(), self.out());
        }
        assertEquals(0, run("models", "list", "--json").json().get("models").size(), "no model registered");
        try (OpenStore open = Stores.open(StoreLocation.parse("local:" + dir, null))) {
            assertEquals(List.of(), open.store().list("selftest/"));
            assertEquals(List.of(), open.store().list("blobs/"));
        }
        Run text = run("models", "selftest");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("passed: true"), text.out());
    }

    @Test
    void listShowAliasHistoryAgree() throws Exception {
        assertEquals(1, register("pump").version());
        assertEquals(2, register("pump").version());

        JsonNode list = run("models", "list", "--json").json();
        assertEquals("pump", list.at("/models/0/name").asText());
        assertEquals(2, list.at("/models/0/latest").asInt());

        Run alias = run("models", "alias", "pump", "production", "1", "--reason", "first release", "--json");
        assertEquals(0, alias.code(), alias.err());
        assertEquals(1, alias.json().get("version").asInt());

        JsonNode show = run("models", "show", "pump@production", "--json").json();
        assertEquals(1, show.get("version").asInt());
        assertEquals("pump", show.get("name").asText());
        assertEquals(1, show.at("/aliases/production").asInt());
        assertTrue(show.at("/variants/fp32/blob/sha256").asText().matches("[0-9a-f]{64}"));
        assertEquals(2, run("models", "show", "pump", "--json").json().get("version").asInt());

        JsonNode history = run("models", "history", "pump", "--json").json();
        assertEquals(3, history.get("entries").size());
        assertEquals("alias-set", history.at("/entries/2/event").asText());
        assertEquals("first release", history.at("/entries/2/reason").asText());

        Run text = run("models", "show", "pump@1");
        assertEquals(0, text.code());
        assertTrue(text.out().contains("version: 1"), text.out());
    }

    @Test
    void historyShowsTheRetrainingChainWithParentsDatasetsMetricsAndTriggers() throws Exception {
        register("pump");
        run("models", "alias", "pump", "production", "1", "--reason", "night 1");
        register("pump", 1, "field drift of pump@1 on eu: temp_bearing (PSI 0.41)");

        Run history = run("models", "history", "pump", "--json");
        assertEquals(0, history.code(), history.err());
        JsonNode lineage = history.json().get("lineage");
        assertEquals(2, lineage.size());
        assertEquals(1, lineage.at("/0/version").asInt());
        assertTrue(lineage.at("/0/parentVersion").isMissingNode() || lineage.at("/0/parentVersion").isNull());
        assertEquals(List.of("production"), List.of(lineage.at("/0/aliases/0").asText()));
        assertEquals(2, lineage.at("/1/version").asInt());
        assertEquals(1, lineage.at("/1/parentVersion").asInt());
        assertEquals("cd".repeat(32), lineage.at("/1/datasetSha256").asText());
        assertEquals(1.0, lineage.at("/1/metrics/accuracy").asDouble());
        assertEquals("field drift of pump@1 on eu: temp_bearing (PSI 0.41)", lineage.at("/1/trigger").asText());
        assertTrue(history.json().get("entries").size() >= 3, "the audit trail is still there");

        String table = history.err();
        assertTrue(table.contains("VERSION  PARENT  DATASET"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("v2") && l.contains("v1") && l.contains("cdcdcdcdcdcd")
                && l.contains("accuracy 1") && l.endsWith("temp_bearing (PSI 0.41)")), table);
    }

    @Test
    void unknownModelAndBadInputExitTwoWithTheErrorContract() throws Exception {
        Run unknown = run("models", "show", "nosuch@3", "--json");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("edge-mlops: unknown model 'nosuch'"), unknown.err());
        JsonNode error = unknown.json();
        assertEquals(2, error.get("exitCode").asInt());
        assertTrue(error.get("error").asText().contains("nosuch"));

        Run badName = run("models", "show", "Bad Name", "--json");
        assertEquals(2, badName.code());
        assertTrue(badName.json().get("error").asText().contains("invalid model name"));

        Run badOption = run("models", "list", "--nope", "--json");
        assertEquals(2, badOption.code());
        assertEquals(2, badOption.json().get("exitCode").asInt());

        Run badStore = run("models", "list", "--json", "--store", "ftp://x");
        assertEquals(2, badStore.code(), badStore.err());
        assertTrue(badStore.err().contains("ftp://x"), badStore.err());
    }

    @Test
    void unreachableStoreExitsThree() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // Credentials through the standard chain (system properties here), so the failure is the connection.
        System.setProperty("aws.accessKeyId", "test-key");
        System.setProperty("aws.secretAccessKey", "test-secret");
        int code;
        try {
            code = EdgeMlops.run(new PrintWriter(out), new PrintWriter(err), "models", "list", "--json",
                    "--store", "s3://models-bucket/team", "--s3-endpoint", "http://127.0.0.1:" + port);
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
        assertTrue(err.toString().contains("cannot reach the object store"), err.toString());
        assertEquals(3, code, err.toString());
        assertTrue(err.toString().contains("127.0.0.1:" + port), err.toString());
        assertEquals(3, Json.MAPPER.readTree(out.toString()).get("exitCode").asInt());
    }
}
