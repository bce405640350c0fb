package io.edgemlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.store.Json;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.HexFormat;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Six CLI processes train the same model into one store at once: six distinct versions, each
 * complete, nothing lost in the history. Against a local store (each process runs its own embedded
 * server on the same directory) always, and against the external S3 endpoint of the store contract
 * suite ({@code EDGE_MLOPS_TEST_S3_ENDPOINT}, {@code EDGE_MLOPS_TEST_S3_BUCKET}, AWS credentials) when set.
 */
class ConcurrentTrainingProcessesTest {

    static final int PROCESSES = 6;

    @TempDir
    Path dir;

    @Test
    void sixProcessesTrainingIntoOneLocalStoreGetSixDistinctCompleteVersions() throws Exception {
        trainConcurrently("local", "local:" + dir.resolve("store"), null);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "EDGE_MLOPS_TEST_S3_ENDPOINT", matches = ".+")
    void sixProcessesTrainingIntoOneExternalStoreGetSixDistinctCompleteVersions() throws Exception {
        String endpoint = System.getenv("EDGE_MLOPS_TEST_S3_ENDPOINT");
        String bucket = System.getenv().getOrDefault("EDGE_MLOPS_TEST_S3_BUCKET", "edge-mlops");
        String prefix = "training-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        String store = "s3://" + bucket + "/" + prefix;
        try {
            trainConcurrently("external " + endpoint, store, endpoint);
        } finally {
            try (OpenStore open = Stores.open(StoreLocation.parse(store, endpoint))) {
                open.store().list("").forEach(o -> open.store().delete(o.key()));
            }
        }
    }

    private void trainConcurrently(String target, String store, String endpoint) throws Exception {
        Path csv = dir.resolve("pump.csv");
        new SensorDataGenerator(3).writeCsv(csv, 600);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long t0 = System.nanoTime();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), EdgeMlops.class.getName(),
                    "train", "--model=pump", "--dataset=" + csv, "--label=state", "--epochs=1", "--hidden=8",
                    "--store=" + store, "--json", "--build-id=p" + i));
            if (endpoint != null) {
                command.add("--s3-endpoint=" + endpoint);
            }
            processes.add(new ProcessBuilder(command)
                    .redirectOutput(dir.resolve("out-" + i + ".json").toFile())
                    .redirectError(new File(dir.toFile(), "err-" + i + ".log"))
                    .start());
        }
        TreeSet<Integer> versions = new TreeSet<>();
        for (int i = 0; i < PROCESSES; i++) {
            Process p = processes.get(i);
            assertTrue(p.waitFor(10, TimeUnit.MINUTES), "process " + i + " finished");
            assertEquals(0, p.exitValue(), "process " + i + ": " + Files.readString(dir.resolve("err-" + i + ".log")));
            JsonNode out = Json.MAPPER.readTree(Files.readString(dir.resolve("out-" + i + ".json"), StandardCharsets.UTF_8));
            versions.add(out.get("version").asInt());
        }
        long took = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(PROCESSES, versions.size(), "distinct versions: " + versions);
        try (OpenStore open = Stores.open(StoreLocation.parse(store, endpoint))) {
            ModelRegistry registry = new ModelRegistry(open.store());
            assertEquals(List.copyOf(versions), registry.listVersions("pump"), "every version is complete (has model.json)");
            for (int v : versions) {
                assertEquals(v, registry.get("pump", v).version());
            }
            long registered = registry.history("pump").stream().filter(h -> h.event().equals("registered")).count();
            assertEquals(PROCESSES, registered, "one history entry per registration");
        }
        System.out.printf("[concurrent training: %s] %d CLI processes trained into %s in %d ms: versions %s%n",
                target, PROCESSES, store, took, versions);
    }
}
