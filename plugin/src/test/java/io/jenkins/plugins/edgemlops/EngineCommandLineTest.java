package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The process the plugin starts on the agent: command line, environment, and what never appears in them. */
class EngineCommandLineTest {

    private static final Map<String, String> BUILD_ENV = new TreeMap<>(Map.ofEntries(
            Map.entry("JAVA_HOME", "/opt/jdk-21/"),
            Map.entry("BUILD_URL", "https://ci.example.com/job/pump/42/"),
            Map.entry("BUILD_TAG", "jenkins-pump-42"),
            Map.entry("EDGE_MLOPS_STORE", "s3://models/edge"),
            Map.entry("EDGE_MLOPS_S3_ENDPOINT", "http://minio:9000"),
            Map.entry("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"),
            Map.entry("AWS_SECRET_ACCESS_KEY", "s3cr3t/Key+value"),
            Map.entry("AWS_SESSION_TOKEN", "token-123"),
            Map.entry("AWS_REGION", "eu-west-1"),
            Map.entry("DJL_CACHE_DIR", "/cache/djl"),
            Map.entry("https_proxy", "http://proxy:3128"),
            Map.entry("PATH", "/usr/bin"),
            Map.entry("GIT_COMMIT", "abc123"),
            Map.entry("JENKINS_URL", "https://ci.example.com/")));

    @Test
    void commandLineRunsTheCachedJarWithTheAgentsJavaAndAsksForJson() {
        EngineCommand command = new EngineCommand("train", List.of("--model=pump", "--epochs=5"));

        List<String> line = EngineCommandLine.build(EngineCommandLine.javaExecutable(BUILD_ENV, true),
                "/home/agent/.edge-mlops/engine/abc.jar", command, BUILD_ENV);

        assertEquals(List.of("/opt/jdk-21/bin/java", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.pytorch.num_interop_threads=1", "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8",
                "-Dstderr.encoding=UTF-8", "-XX:+UseSerialGC", "-Xmn64m", "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=20", "-jar", "/home/agent/.edge-mlops/engine/abc.jar",
                "train", "--model=pump", "--epochs=5", "--json",
                "--build-url=https://ci.example.com/job/pump/42/", "--build-id=jenkins-pump-42"), line);
    }

    @Test
    void onlyTrainingRunsWithTheSerialCollector() {
        List<String> validate = EngineCommandLine.build("java", "e.jar", new EngineCommand("validate", List.of()),
                BUILD_ENV);
        assertFalse(validate.contains("-XX:+UseSerialGC"), validate.toString());
        List<String> train = EngineCommandLine.build("java", "e.jar", new EngineCommand("train", List.of()), BUILD_ENV);
        assertEquals(EngineCommandLine.TRAINING_MEMORY_FLAGS,
                train.subList(train.indexOf("-jar") - 4, train.indexOf("-jar")));
    }

    @Test
    void credentialsAndStoreSettingsAreNeverOnTheCommandLine() {
        List<String> line = EngineCommandLine.build("java", "e.jar", new EngineCommand("validate", List.of()),
                BUILD_ENV);

        String joined = String.join(" ", line);
        for (String value : List.of("s3cr3t", "token-123", "AKIAEXAMPLE", "s3://models/edge", "minio")) {
            assertFalse(joined.contains(value), value + " leaked into " + joined);
        }
    }

    @Test
    void withoutJavaHomeTheAgentsPathDecides() {
        assertEquals("java", EngineCommandLine.javaExecutable(Map.of("PATH", "/usr/bin"), true));
        assertEquals("java", EngineCommandLine.javaExecutable(Map.of("JAVA_HOME", " "), true));
        assertEquals("C:\\jdk17\\bin\\java.exe",
                EngineCommandLine.javaExecutable(Map.of("JAVA_HOME", "C:\\jdk17\\"), false));
    }

    @Test
    void edgeMlopsJavaOverridesAnOlderProjectJavaHome() {
        Map<String, String> env = Map.of("JAVA_HOME", "/opt/jdk-8", "EDGE_MLOPS_JAVA", "/opt/jdk-17/bin/java");

        assertEquals("/opt/jdk-17/bin/java", EngineCommandLine.javaExecutable(env, true));
    }

    @Test
    void lineageFlagsAreLeftOutWhenTheBuildHasNoUrl() {
        List<String> line = EngineCommandLine.build("java", "e.jar", new EngineCommand("train", List.of()), Map.of());

        assertEquals("--json", line.get(line.size() - 1));
    }

    @Test
    void environmentCarriesStoreEndpointCredentialsAndCachesOnly() {
        Map<String, String> env = EngineEnvironment.forEngine(BUILD_ENV);

        assertEquals(Map.of(
                "EDGE_MLOPS_STORE", "s3://models/edge",
                "EDGE_MLOPS_S3_ENDPOINT", "http://minio:9000",
                "AWS_ACCESS_KEY_ID", "AKIAEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "s3cr3t/Key+value",
                "AWS_SESSION_TOKEN", "token-123",
                "AWS_REGION", "eu-west-1",
                "DJL_CACHE_DIR", "/cache/djl",
                "https_proxy", "http://proxy:3128"), env);
    }

    @Test
    void theSecretsToMaskAreTheSecretKeyAndSessionToken() {
        assertEquals(List.of("s3cr3t/Key+value", "token-123"), EngineEnvironment.secrets(BUILD_ENV));
        assertEquals(List.of(), EngineEnvironment.secrets(Map.of("AWS_SECRET_ACCESS_KEY", "")));
    }

    @Test
    void valuesRenderAsUsersWroteThem() {
        assertEquals(List.of("--learning-rate=0.0001", "--hidden=64,32", "--onnx", "--epochs=5", "--split=0.25"),
                new EngineArguments()
                        .add("--learning-rate", 1e-4)
                        .add("--hidden", List.of(64, 32))
                        .add("--onnx", true)
                        .add("--quiet", false)
                        .add("--missing", null)
                        .add("--epochs", 5)
                        .add("--split", 0.25)
                        .toList());
    }
}
