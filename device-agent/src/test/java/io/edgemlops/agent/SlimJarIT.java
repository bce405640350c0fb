package io.edgemlops.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgemlops.data.FeatureSchema;
import io.edgemlops.onnx.MlpParameters;
import io.edgemlops.onnx.OnnxExporter;
import io.edgemlops.registry.Lineage;
import io.edgemlops.registry.ModelDraft;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.registry.Variant;
import io.edgemlops.rollout.SigningKeys;
import io.edgemlops.rollout.Wave;
import io.edgemlops.store.EmbeddedS3Server;
import io.edgemlops.store.Json;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import io.edgemlops.train.Metrics;
import io.edgemlops.usecase.PublishToEdge;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The slim device jar: what it holds, and two of it in separate JVMs installing and serving a published model. */
class SlimJarIT {

    static final Path JAR = Path.of(System.getProperty("edgemlops.deviceJar",
            "target/edge-mlops-device-agent-0.1.0-SNAPSHOT-all.jar"));

    @TempDir
    Path dir;

    @Test
    void theJarHoldsNoTrainingEngineNoEmbeddedServerAndTheLinuxNativesOfBothArchitectures() throws Exception {
        long bytes = Files.size(JAR);
        System.out.printf("device agent jar: %s, %.1f MiB%n", JAR.getFileName(), bytes / 1048576.0);
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            assertTrue(zip.stream().noneMatch(e -> e.getName().startsWith("ai/djl/")), "no DJL");
            assertTrue(zip.stream().noneMatch(e -> e.getName().startsWith("org/gaul/")), "no s3proxy");
            assertTrue(zip.stream().noneMatch(e -> e.getName().contains("/osx-") || e.getName().contains("/win-")));
            assertTrue(zip.getEntry("ai/onnxruntime/native/linux-aarch64/libonnxruntime.so") != null, "Raspberry Pi");
            assertTrue(zip.getEntry("ai/onnxruntime/native/linux-x64/libonnxruntime.so") != null, "x86 gateways");
        }
        assertTrue(bytes < 40L << 20, bytes + " bytes");
    }

    @Test
    void twoDeviceProcessesInstallThePublishedModelAndServePredictions() throws Exception {
        KeyPair keys = SigningKeys.generate();
        SigningKeys.write(keys, dir.resolve("fleet.key"), dir.resolve("fleet.pub"));
        List<Process> devices = new ArrayList<>();
        try (OpenStore open = Stores.open(StoreLocation.parse("local:" + dir.resolve("store"), null))) {
            registerAModel(open);
            PublishToEdge.run(open.store(), new PublishToEdge.Request("pump", "1", "eu",
                    Map.of("raspberry-pi-4", "fp32"), List.of(Wave.percent(100)), false, true, false,
                    keys.getPrivate(), SigningKeys.keyId(keys.getPublic()), "slim jar test", dir, null), l -> { });
            int[] ports = {freePort(), freePort()};
            for (int i = 0; i < 2; i++) {
                ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar", JAR.toString(), "run", "--fleet", "eu", "--model", "pump", "--device-id", "dev-" + i,
                        "--target", "raspberry-pi-4", "--state-dir", dir.resolve("dev-" + i).toString(),
                        "--public-key", dir.resolve("fleet.pub").toString(), "--store", "s3://" + open.location().bucket(),
                        "--s3-endpoint", open.localEndpoint().toString(), "--port", Integer.toString(ports[i]),
                        "--poll-interval", "1");
                pb.environment().put("AWS_ACCESS_KEY_ID", EmbeddedS3Server.ACCESS_KEY);
                pb.environment().put("AWS_SECRET_ACCESS_KEY", EmbeddedS3Server.SECRET_KEY);
                pb.environment().put("AWS_REGION", "us-east-1");
                pb.redirectErrorStream(true).redirectOutput(dir.resolve("dev-" + i + ".log").toFile());
                devices.add(pb.start());
            }
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 2; i++) {
                JsonNode health = waitForInstall(http, ports[i], devices.get(i), dir.resolve("dev-" + i + ".log"));
                assertEquals(1, health.get("installedVersion").asInt());
                HttpResponse<String> p = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[i]
                        + "/predict")).POST(HttpRequest.BodyPublishers.ofString("{\"f0\": 1.5, \"f1\": -2}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, p.statusCode(), p.body());
                assertEquals(1, Json.MAPPER.readTree(p.body()).get("version").asInt());
            }
            assertEquals(2, open.store().list("fleets/eu/devices/").size());
        } finally {
            for (Process p : devices) {
                p.destroy();
                p.waitFor();
            }
        }
        String log = Files.readString(dir.resolve("dev-0.log"));
        assertTrue(log.contains("dev-0: installed version 1 (fp32, sha256 "), log);
        assertFalse(log.contains("\tat "), "one-line messages, no stack traces:\n" + log);
    }

    private static JsonNode waitForInstall(HttpClient http, int port, Process device, Path log) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!device.isAlive()) {
                throw new AssertionError("device exited " + device.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode health = Json.MAPPER.readTree(r.body());
                if (health.hasNonNull("installedVersion")) {
                    return health;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no install within 90 s:\n" + Files.readString(log));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A small classifier made without training (the slim module has no DJL), registered as version 1. */
    private static void registerAModel(OpenStore open) {
        Random r = new Random(1);
        int in = 4;
        List<MlpParameters.Dense> layers = List.of(dense(r, in, 8), dense(r, 8, 3));
        MlpParameters p = new MlpParameters(new float[in], new float[] {1, 1, 1, 1}, layers, true, 1, 0);
        List<FeatureSchema.Feature> f = List.of(FeatureSchema.Feature.numeric("f0"), FeatureSchema.Feature.numeric("f1"),
                FeatureSchema.Feature.numeric("f2"), FeatureSchema.Feature.numeric("f3"));
        FeatureSchema schema = new FeatureSchema(f, "state", FeatureSchema.Task.CLASSIFICATION,
                List.of("a", "b", "c"));
        ModelRegistry registry = new ModelRegistry(open.store());
        Variant fp32 = registry.storeVariant("fp32", OnnxExporter.export(p, schema, Map.of()), "onnx", Map.of());
        registry.register("pump", new ModelDraft(FeatureSchema.Task.CLASSIFICATION, schema,
                Metrics.classification(new int[] {0}, new int[] {0}, List.of("a", "b", "c")), null,
                new Lineage("0".repeat(64), "none", 0, null, null, null, Map.of(), Map.of()),
                Map.of("fp32", fp32), null, Map.of()));
    }

    private static MlpParameters.Dense dense(Random r, int in, int out) {
        float[] w = new float[in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        return new MlpParameters.Dense(in, out, w, new float[out]);
    }
}
