package io.edgemlops.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgemlops.data.DatasetProfile;
import io.edgemlops.data.FeatureProfile;
import io.edgemlops.data.FeatureSchema;
import io.edgemlops.store.BlobRef;
import io.edgemlops.store.ConflictException;
import io.edgemlops.store.NotFoundException;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import io.edgemlops.train.Metrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry against a real embedded S3 server. */
class ModelRegistryTest {

    @TempDir
    static Path dir;
    static OpenStore open;
    static ModelRegistry registry;
    static final Audit CI = new Audit("jenkins", "https://ci/job/pump/7/", "nightly retrain");

    @BeforeAll
    static void start() {
        open = Stores.open(StoreLocation.parse("local:" + dir, null));
        registry = new ModelRegistry(open.store());
    }

    @AfterAll
    static void stop() {
        open.close();
    }

    static ModelDraft draft(String modelBytes) {
        FeatureSchema schema = new FeatureSchema(List.of(FeatureSchema.Feature.numeric("temp"),
                FeatureSchema.Feature.categorical("mode", List.of("a", "b"))), "state",
                FeatureSchema.Task.CLASSIFICATION, List.of("ok", "fault"));
        Metrics metrics = Metrics.classification(new int[] {0, 1, 1, 0}, new int[] {0, 1, 0, 0}, List.of("ok", "fault"));
        DatasetProfile baseline = new DatasetProfile(4, List.of(new FeatureProfile("temp", List.of(0.0, 1.0, 2.0),
                null, List.of(2L, 2L), 0, 0, 0, 1.0, 0.5)), Map.of("ok", 3L, "fault", 1L));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("epochs", 5);
        params.put("learningRate", 0.01);
        Lineage lineage = new Lineage("ab".repeat(32), "data/pump.csv", 4, null, "https://ci/job/pump/7/", "7",
                Map.of("edge-mlops", io.edgemlops.ToolVersions.engine()), params);
        Variant fp32 = registry.storeVariant("fp32", modelBytes.getBytes(StandardCharsets.UTF_8), "onnx", Map.of("opset", 17));
        BlobRef holdout = registry.store().putBlob("temp,mode,state\n1,a,ok\n".getBytes(StandardCharsets.UTF_8));
        return new ModelDraft(FeatureSchema.Task.CLASSIFICATION, schema, metrics, baseline, lineage, Map.of("fp32", fp32), holdout, Map.of("x", 0.5));
    }

    @Test
    void registerWritesACardThatReadsBackEqual() {
        ModelCard card = registry.register("pump", draft("model-1"), CI);
        assertEquals(card, registry.get("pump", card.version()));
        assertEquals(card, registry.resolve("pump", Integer.toString(card.version())));
        assertEquals("model-1", new String(registry.store().getBlob(card.variant("fp32").blob().sha256()), StandardCharsets.UTF_8));
        assertTrue(registry.listModels().contains("pump"));
    }

    @Test
    void eightRacingRegistrationsGetEightDistinctVersions() throws Exception {
        ModelDraft d = draft("race");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            tasks.add(() -> registry.register("race", d, CI).version());
        }
        List<Integer> versions = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(tasks)) {
            versions.add(f.get());
        }
        pool.shutdown();
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), versions.stream().sorted().toList());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), registry.listVersions("race"));
        assertEquals(8, registry.resolve("race", "latest").version());
    }

    @Test
    void halfWrittenVersionIsIgnoredAndItsNumberNeverReused() {
        registry.register("half", draft("h1"), CI);
        // A writer that claimed version 2 and died before writing model.json.
        registry.store().createIfAbsent("models/half/versions/2/allocated", "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(1), registry.listVersions("half"));
        assertEquals(1, registry.resolve("half", "latest").version());
        NotFoundException e = assertThrows(NotFoundException.class, () -> registry.get("half", 2));
        assertTrue(e.getMessage().contains("model half has no version 2"), e.getMessage());
        assertEquals(3, registry.register("half", draft("h3"), CI).version());
    }

    @Test
    void registerRefusesVariantsWhoseBlobIsNotStored() {
        ModelDraft d = draft("x");
        Variant ghost = new Variant("int8", new BlobRef("cd".repeat(32), 10), 10, "onnx", null);
        ModelDraft bad = new ModelDraft(d.task(), d.schema(), d.metrics(), d.baseline(), d.lineage(), Map.of("int8", ghost), null, Map.of());
        NotFoundException e = assertThrows(NotFoundException.class, () -> registry.register("ghost", bad, CI));
        assertTrue(e.getMessage().contains("blobs/sha256/" + "cd".repeat(32)), e.getMessage());
        assertEquals(List.of(), registry.listVersions("ghost"));
    }

    @Test
    void concurrentVariantAdditionsAreAllKept() throws Exception {
        int v = registry.register("variants", draft("base"), CI).version();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<ModelCard>> tasks = new ArrayList<>();
        for (String name : List.of("int8", "fp16", "int8-weights", "fp32-small")) {
            Variant variant = registry.storeVariant(name, ("bytes-" + name).getBytes(StandardCharsets.UTF_8), "onnx", null);
            tasks.add(() -> registry.addVariant("variants", v, variant, CI));
        }
        for (Future<ModelCard> f : pool.invokeAll(tasks)) {
            f.get();
        }
        pool.shutdown();
        assertEquals(java.util.Set.of("fp32", "int8", "fp16", "int8-weights", "fp32-small"),
                registry.get("variants", v).variants().keySet());
    }

    @Test
    void aliasesResolveAndRejectAConcurrentChange() {
        int v1 = registry.register("alias", draft("a1"), CI).version();
        int v2 = registry.register("alias", draft("a2"), CI).version();
        registry.setAlias("alias", "production", v1, CI.because("first release"));
        assertEquals(v1, registry.resolve("alias", "production").version());

        Stored<AliasRecord> seen = registry.getAliasVersioned("alias", "production").orElseThrow();
        registry.setAlias("alias", "production", v2, CI.because("another pipeline promoted"));
        ConflictException e = assertThrows(ConflictException.class,
                () -> registry.setAlias("alias", "production", v1, CI, seen.etag()));
        assertTrue(e.getMessage().contains("models/alias/aliases/production.json"), e.getMessage());
        assertEquals(v2, registry.getAlias("alias", "production").orElseThrow().version(), "the stale write changed nothing");
        assertEquals(v1, registry.getAlias("alias", "production").orElseThrow().previousVersion());
        assertThrows(ConflictException.class, () -> registry.setAlias("alias", "production", v1, CI, null),
                "creating an alias that exists is a conflict");

        assertThrows(NotFoundException.class, () -> registry.setAlias("alias", "staging", 99, CI));
        assertThrows(NotFoundException.class, () -> registry.resolve("alias", "staging"));
        assertThrows(IllegalArgumentException.class, () -> registry.setAlias("alias", "latest", v1, CI));
    }

    @Test
    void historyRecordsEveryChangeWithWhoWhichBuildAndWhy() {
        int v = registry.register("hist", draft("h"), CI).version();
        Variant int8 = registry.storeVariant("int8", "q".getBytes(StandardCharsets.UTF_8), "onnx", Map.of("mode", "int8"));
        registry.addVariant("hist", v, int8, CI);
        registry.putValidation("hist", v, "raspberry-pi-4", "int8", Map.of("passed", true, "variant", "int8", "latencyP95Ms", 1.5), CI);
        registry.setAlias("hist", "production", v, CI.because("gate passed"));

        List<HistoryEntry> history = registry.history("hist");
        assertEquals(List.of("registered", "variant-added", "validated", "alias-set"),
                history.stream().map(HistoryEntry::event).toList());
        HistoryEntry last = history.get(3);
        assertEquals("jenkins", last.actor());
        assertEquals("https://ci/job/pump/7/", last.build());
        assertEquals("gate passed", last.reason());
        assertEquals("production", last.details().get("alias"));
        assertEquals(true, history.get(2).details().get("passed"));

        JsonNode validation = registry.getValidation("hist", v, "raspberry-pi-4", "int8").orElseThrow();
        assertEquals(1.5, validation.get("latencyP95Ms").asDouble());
        assertEquals(List.of("raspberry-pi-4"), registry.listValidations("hist", v));
        assertTrue(registry.getValidation("hist", v, "jetson-nano").isEmpty());
        assertTrue(registry.getValidation("hist", v, "raspberry-pi-4", "fp32").isEmpty());
    }

    @Test
    void badNamesAndUnknownModelsGiveClearErrors() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> registry.listVersions("Pump!"));
        assertTrue(bad.getMessage().contains("'Pump!'"), bad.getMessage());
        NotFoundException unknown = assertThrows(NotFoundException.class, () -> registry.resolve("nosuch", "latest"));
        assertTrue(unknown.getMessage().contains("unknown model 'nosuch'"), unknown.getMessage());
        assertThrows(NotFoundException.class, () -> registry.get("nosuch", 1));
    }

    @Test
    void aLineageWrittenBeforeTriggersExistedStillReads() {
        String old = "{\"datasetSha256\": \"" + "ab".repeat(32) + "\", \"datasetUri\": \"data/pump.csv\", "
                + "\"rows\": 4, \"parentVersion\": 2, \"toolVersions\": {}, \"parameters\": {}}";
        Lineage lineage = io.edgemlops.store.Json.fromBytes(old.getBytes(StandardCharsets.UTF_8), Lineage.class,
                "an old card's lineage");
        assertEquals(2, lineage.parentVersion());
        assertEquals(null, lineage.trigger());
        Lineage now = new Lineage("ab".repeat(32), "data/pump.csv", 4, 2, null, null, Map.of(), Map.of(), null,
                "field drift: temp");
        assertEquals(now, io.edgemlops.store.Json.fromBytes(io.edgemlops.store.Json.toBytes(now), Lineage.class,
                "round trip"));
    }
}
