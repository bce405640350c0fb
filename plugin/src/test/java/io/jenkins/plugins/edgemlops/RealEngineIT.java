package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the engine jar that the plugin ships (the CLI's runnable jar, packaged into the plugin jar) on this JVM,
 * with the command line, environment, stderr stream, stdout capture and outcome rules the steps use. Only
 * {@code Launcher.ProcStarter} is replaced, by {@link ProcessBuilder}.
 */
class RealEngineIT {

    private static Path engineJar;
    private static String java;

    @TempDir
    static Path agentHome;

    /** Extracts the engine from the packaged plugin jar, as {@link EngineJar#installOn} does on an agent. */
    @BeforeAll
    static void locateEngine() throws Exception {
        engineJar = agentHome.resolve("edge-mlops-cli.jar");
        try (InputStream in = EngineJar.open()) {
            Files.copy(in, engineJar);
        }
        java = EngineCommandLine.javaExecutable(Map.of("JAVA_HOME", System.getProperty("java.home")), true);
    }

    /** Output of one engine run. */
    record Run(int exitCode, String stdout, List<String> stderrTail, String log) {
    }

    @Test
    void theShippedEngineIsTheClisRunnableJarAndItsFingerprintIsItsSha256() throws Exception {
        assertTrue(Files.size(engineJar) > 1_000_000, "engine jar is only " + Files.size(engineJar) + " bytes");
        EngineJar.Fingerprint fingerprint = EngineJar.fingerprint();
        assertEquals(Files.size(engineJar), fingerprint.size());
        try (InputStream in = Files.newInputStream(engineJar)) {
            assertEquals(EngineJar.fingerprintOf(in), fingerprint);
        }
        assertTrue(fingerprint.cachedFileName().matches("[0-9a-f]{64}\\.jar"), fingerprint.cachedFileName());
    }

    @Test
    void helpRunsOnTheRealJvmAndExitsZero() throws Exception {
        List<String> line = new ArrayList<>(EngineCommandLine.launcher(java, engineJar.toString()));
        line.add("--help");

        Run run = launch(line);

        assertEquals(0, run.exitCode(), run.log());
        assertTrue((run.stdout() + run.log()).contains("Usage: edge-mlops"), run.stdout() + run.log());
    }

    @Test
    void anUnknownSubcommandIsBadInputAndFailsTheStep() throws Exception {
        List<String> line = EngineCommandLine.build(java, engineJar.toString(),
                new EngineCommand("no-such-command", List.of("--model=pump")), Map.of());

        Run run = launch(line);
        EngineOutcome outcome = EngineOutcome.decide("trainModel", run.exitCode(), run.stdout(), run.stderrTail(), true);

        assertEquals(EngineOutcome.BAD_INPUT, run.exitCode(), run.log());
        assertTrue(outcome.failed());
        assertTrue(outcome.failure().startsWith("trainModel: "), outcome.failure());
    }

    @Test
    void theStepAndTheCliRefuseAnOutOfRangeArgumentInTheSameWords(@TempDir Path workspace) throws Exception {
        TrainModelStep step = new TrainModelStep("pump", "pump.csv", "state");
        step.setValidationSplit(0.0);
        StepArgumentException refused = assertThrows(StepArgumentException.class, step::toEngineCommand);

        List<String> line = new ArrayList<>(EngineCommandLine.launcher(java, engineJar.toString()));
        line.addAll(List.of("train", "--model=pump", "--dataset=pump.csv", "--label=state", "--validation-split=0",
                "--store=local:" + workspace.resolve("store")));
        Run run = launch(line, Map.of(), workspace);

        assertEquals(EngineOutcome.BAD_INPUT, run.exitCode(), run.log());
        String cliMessage = run.log().lines().filter(l -> l.contains("edge-mlops: ")).findFirst().orElseThrow()
                .replaceFirst(".*edge-mlops: ", "").replaceFirst(" \\(see '[^']*'\\)$", "");
        assertEquals("trainModel: " + cliMessage, refused.getMessage());
        assertFalse(Files.exists(workspace.resolve("store")), "nothing was opened or written before the refusal");
    }

    @Test
    void trainModelThenValidateForTargetRunTheRealEngineAndReturnSandboxFriendlyMaps(@TempDir Path workspace)
            throws Exception {
        writePumpCsv(workspace.resolve("pump.csv"));
        Map<String, String> buildEnv = Map.of("EDGE_MLOPS_STORE", "local:" + workspace.resolve("store"),
                "BUILD_URL", "https://ci.example/job/pump/9/", "BUILD_TAG", "jenkins-pump-9");
        TrainModelStep train = new TrainModelStep("pump", "pump.csv", "state");
        train.setEpochs(3);
        train.setHidden(List.of(16));

        Run trained = launch(EngineCommandLine.build(java, engineJar.toString(), train.toEngineCommand(), buildEnv),
                buildEnv, workspace);
        EngineOutcome t = EngineOutcome.decide("trainModel", trained.exitCode(), trained.stdout(),
                trained.stderrTail(), true);

        assertFalse(t.failed(), trained.log());
        assertEquals("pump", t.result().get("model"));
        assertEquals(1, ((Number) t.result().get("version")).intValue());
        assertTrue(t.result().get("accuracy") instanceof Double, String.valueOf(t.result()));
        assertTrue(trained.log().contains("epoch 3/3"), trained.log());

        ValidateForTargetStep validate = new ValidateForTargetStep("pump", "x86-gateway");
        validate.setVersion(t.result().get("version"));
        validate.setMinAccuracy(0.999);
        validate.setFailOnError(false);
        Run validated = launch(EngineCommandLine.build(java, engineJar.toString(), validate.toEngineCommand(),
                buildEnv), buildEnv, workspace);
        EngineOutcome v = EngineOutcome.decide("validateForTarget", validated.exitCode(), validated.stdout(),
                validated.stderrTail(), false);

        assertEquals(EngineOutcome.CHECK_FAILED, validated.exitCode(), validated.log());
        assertFalse(v.failed(), "failOnError: false returns the map");
        assertEquals(Boolean.FALSE, v.result().get("passed"));
        assertTrue(v.result().get("checks") instanceof List, String.valueOf(v.result()));
        assertTrue(Files.exists(workspace.resolve(String.valueOf(v.result().get("report")))), v.result().toString());
    }

    @Test
    void quantizeRunsTheRealEngineAndTheInt8VariantItRegistersValidates(@TempDir Path workspace) throws Exception {
        writePumpCsv(workspace.resolve("pump.csv"));
        Map<String, String> buildEnv = Map.of("EDGE_MLOPS_STORE", "local:" + workspace.resolve("store"),
                "BUILD_URL", "https://ci.example/job/pump/10/");
        TrainModelStep train = new TrainModelStep("pump", "pump.csv", "state");
        train.setEpochs(3);
        train.setHidden(List.of(16));
        Run trained = launch(EngineCommandLine.build(java, engineJar.toString(), train.toEngineCommand(), buildEnv),
                buildEnv, workspace);
        EngineOutcome t = EngineOutcome.decide("trainModel", trained.exitCode(), trained.stdout(),
                trained.stderrTail(), true);
        assertFalse(t.failed(), trained.log());

        QuantizeStep quantize = new QuantizeStep("pump");
        quantize.setVersion(t.result().get("version"));
        quantize.setMode("int8");
        quantize.setMaxAccuracyDrop(0.05);
        Run quantized = launch(EngineCommandLine.build(java, engineJar.toString(), quantize.toEngineCommand(),
                buildEnv), buildEnv, workspace);
        EngineOutcome q = EngineOutcome.decide("quantize", quantized.exitCode(), quantized.stdout(),
                quantized.stderrTail(), true);

        assertFalse(q.failed(), quantized.log());
        assertEquals(Boolean.TRUE, q.result().get("passed"));
        assertEquals("int8", q.result().get("variant"));
        assertTrue(q.result().get("sizeRatio") instanceof Double, String.valueOf(q.result()));
        assertTrue(quantized.log().contains("[edge-mlops] "), "engine progress in the build log: " + quantized.log());
        QuantizationSection section = (QuantizationSection) quantize.toSection(q.result());
        assertTrue(section.isPassed());
        assertEquals("quantization:pump:1:int8", section.getKey());
        String html = section.getHtml();
        for (String row : List.of("<th>Size</th>", "<th>Accuracy</th>", "<th>Latency p50</th>", "<th>Latency p95</th>")) {
            assertTrue(html.contains(row), row + " in\n" + html);
        }

        ValidateForTargetStep validate = new ValidateForTargetStep("pump", "raspberry-pi-4");
        validate.setVersion(t.result().get("version"));
        validate.setVariant(String.valueOf(q.result().get("variant")));
        validate.setFailOnError(false);
        Run validated = launch(EngineCommandLine.build(java, engineJar.toString(), validate.toEngineCommand(),
                buildEnv), buildEnv, workspace);
        EngineOutcome v = EngineOutcome.decide("validateForTarget", validated.exitCode(), validated.stdout(),
                validated.stderrTail(), false);

        assertFalse(v.failed(), validated.log());
        assertEquals("int8", v.result().get("variant"));
        assertEquals(q.result().get("sizeBytes"), v.result().get("sizeBytes"));
    }

    @Test
    void theQuantizeStepAndTheCliRefuseAnAccuracyDropAboveOneInTheSameWords(@TempDir Path workspace)
            throws Exception {
        QuantizeStep step = new QuantizeStep("pump");
        step.setMaxAccuracyDrop(2.0);
        StepArgumentException refused = assertThrows(StepArgumentException.class, step::toEngineCommand);

        List<String> line = new ArrayList<>(EngineCommandLine.launcher(java, engineJar.toString()));
        line.addAll(List.of("quantize", "--model=pump", "--max-accuracy-drop=2",
                "--store=local:" + workspace.resolve("store")));
        Run run = launch(line, Map.of(), workspace);

        assertEquals(EngineOutcome.BAD_INPUT, run.exitCode(), run.log());
        String cliMessage = run.log().lines().filter(l -> l.contains("edge-mlops: ")).findFirst().orElseThrow()
                .replaceFirst(".*edge-mlops: ", "").replaceFirst(" \\(see '[^']*'\\)$", "");
        assertEquals("quantize: " + cliMessage, refused.getMessage());
        assertFalse(Files.exists(workspace.resolve("store")), "nothing was opened or written before the refusal");
    }

    @Test
    void publishToEdgeSignsWithTheKeyFromTheBuildEnvironmentAndASecondRolloutIsAConflict(@TempDir Path workspace)
            throws Exception {
        writePumpCsv(workspace.resolve("pump.csv"));
        Map<String, String> buildEnv = new java.util.HashMap<>(Map.of(
                "EDGE_MLOPS_STORE", "local:" + workspace.resolve("store"),
                "BUILD_URL", "https://ci.example/job/pump/11/"));
        TrainModelStep train = new TrainModelStep("pump", "pump.csv", "state");
        train.setEpochs(3);
        train.setHidden(List.of(16));
        EngineOutcome t = run(train, "trainModel", buildEnv, workspace);
        ValidateForTargetStep validate = new ValidateForTargetStep("pump", "raspberry-pi-4");
        validate.setVersion(t.result().get("version"));
        EngineOutcome v = run(validate, "validateForTarget", buildEnv, workspace);
        assertEquals(Boolean.TRUE, v.result().get("passed"), v.result().toString());

        // The key pair, made by the shipped engine's own command, as a person would before setting up the credential.
        List<String> generate = new ArrayList<>(EngineCommandLine.launcher(java, engineJar.toString()));
        generate.addAll(List.of("keys", "generate", "--out", workspace.resolve("keys").toString(), "--name", "eu",
                "--json"));
        Run keys = launch(generate, Map.of(), workspace);
        assertEquals(0, keys.exitCode(), keys.log());
        String keyId = String.valueOf(EngineResultParser.parse(keys.stdout()).get("keyId"));
        String pem = Files.readString(workspace.resolve("keys/eu.key"));
        buildEnv.put("EDGE_MLOPS_SIGNING_KEY", pem);

        PublishToEdgeStep publish = new PublishToEdgeStep("pump", "eu", Map.of("raspberry-pi-4", "fp32"));
        publish.setVersion(t.result().get("version"));
        publish.setWaves(List.of(10, 100));
        publish.setReason("RealEngineIT");
        List<String> line = EngineCommandLine.build(java, engineJar.toString(), publish.toEngineCommand(), buildEnv);
        assertTrue(line.stream().noneMatch(a -> a.contains("PRIVATE KEY")), "the key is not on the command line");
        Run published = launch(line, buildEnv, workspace);
        EngineOutcome p = EngineOutcome.decide("publishToEdge", published.exitCode(), published.stdout(),
                published.stderrTail(), publish.failsOnFailedCheck());

        assertFalse(p.failed(), published.log());
        assertEquals("eu", p.result().get("fleet"));
        assertEquals(1, ((Number) p.result().get("wave")).intValue());
        assertEquals(List.of("10%", "100%"), p.result().get("waves"));
        assertEquals(Map.of("raspberry-pi-4", "fp32"), p.result().get("targets"));
        assertEquals(keyId, p.result().get("keyId"));
        assertEquals(List.of(), p.result().get("overrides"));
        assertTrue(published.log().contains("rollout " + p.result().get("rollout") + ": pump@1 to fleet eu, signed with "
                + "key " + keyId), published.log());
        String keyLine = pem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertFalse(published.log().contains(keyLine), "the key never reaches the build log");
        assertFalse(published.log().contains(EngineLogStream.MASK), "nor did the engine print it to be masked");
        RolloutSection section = (RolloutSection) publish.toSection(p.result());
        assertEquals("10%", section.getCurrentWave().getText());

        Run again = launch(EngineCommandLine.build(java, engineJar.toString(), publish.toEngineCommand(), buildEnv),
                buildEnv, workspace);
        EngineOutcome conflict = EngineOutcome.decide("publishToEdge", again.exitCode(), again.stdout(),
                again.stderrTail(), publish.failsOnFailedCheck());
        assertEquals(EngineOutcome.RUNTIME_ERROR, again.exitCode(), again.log());
        assertTrue(conflict.failure().startsWith("publishToEdge: rollout " + p.result().get("rollout")
                + " of pump version 1 to fleet eu is still in progress (wave 1 of 2)"), conflict.failure());
    }

    @Test
    void thePublishStepAndTheCliRefuseWavesThatDoNotEndAtAHundredInTheSameWords(@TempDir Path workspace)
            throws Exception {
        PublishToEdgeStep step = new PublishToEdgeStep("pump", "eu", Map.of("raspberry-pi-4", "int8"));
        step.setWaves(List.of(Map.of("count", 1, "target", "raspberry-pi-4"), 50));
        StepArgumentException refused = assertThrows(StepArgumentException.class, step::toEngineCommand);

        List<String> line = new ArrayList<>(EngineCommandLine.launcher(java, engineJar.toString()));
        line.addAll(List.of("publish", "--model=pump", "--fleet=eu", "--targets=raspberry-pi-4=int8",
                "--waves=1@raspberry-pi-4,50", "--store=local:" + workspace.resolve("store")));
        Run run = launch(line, Map.of(), workspace);

        assertEquals(EngineOutcome.BAD_INPUT, run.exitCode(), run.log());
        String cliMessage = run.log().lines().filter(l -> l.contains("edge-mlops: ")).findFirst().orElseThrow()
                .replaceFirst(".*edge-mlops: ", "").replaceFirst(" \\(see '[^']*'\\)$", "");
        assertEquals("publishToEdge: " + cliMessage, refused.getMessage());
        assertFalse(Files.exists(workspace.resolve("store")), "nothing was opened or written before the refusal");
    }

    /** Builds the step's command line, runs it with the build's environment, and requires success. */
    private static EngineOutcome run(EngineStep step, String function, Map<String, String> buildEnv, Path workspace)
            throws Exception {
        Run run = launch(EngineCommandLine.build(java, engineJar.toString(), step.toEngineCommand(), buildEnv),
                buildEnv, workspace);
        EngineOutcome outcome = EngineOutcome.decide(function, run.exitCode(), run.stdout(), run.stderrTail(), true);
        assertFalse(outcome.failed(), run.log());
        return outcome;
    }

    /** A small learnable CSV: the state follows the sign of a weighted sum, with noise. */
    private static void writePumpCsv(Path file) throws Exception {
        Random random = new Random(4);
        StringBuilder csv = new StringBuilder("vibration,temperature,pressure,state\n");
        for (int i = 0; i < 1200; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double c = random.nextGaussian();
            String state = a + 0.5 * b + 0.2 * random.nextGaussian() > 0 ? "worn" : "normal";
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%s%n", a, 60 + 5 * b, c, state));
        }
        Files.writeString(file, csv);
    }

    private static Run launch(List<String> line) throws Exception {
        return launch(line, Map.of("AWS_SECRET_ACCESS_KEY", "not-used"), null);
    }

    private static Run launch(List<String> line, Map<String, String> buildEnv, Path workspace) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(line);
        if (workspace != null) {
            builder.directory(workspace.toFile());
        }
        builder.environment().keySet().removeIf(k -> k.startsWith("EDGE_MLOPS_"));
        builder.environment().putAll(EngineEnvironment.forEngine(buildEnv));
        Process process = builder.start();
        ResultCapture stdout = new ResultCapture(ResultCapture.DEFAULT_LIMIT);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<String> secrets = new ArrayList<>(EngineEnvironment.secrets(buildEnv));
        secrets.add("not-used");
        EngineLogStream stderr = new EngineLogStream(new PrintStream(log, true, StandardCharsets.UTF_8), secrets, 20);
        Thread out = pump(process.getInputStream(), stdout);
        Thread err = pump(process.getErrorStream(), stderr);
        int exitCode = process.waitFor();
        out.join();
        err.join();
        stderr.close();
        return new Run(exitCode, stdout.text(), stderr.tail(), log.toString(StandardCharsets.UTF_8));
    }

    private static Thread pump(InputStream from, OutputStream to) {
        Thread thread = new Thread(() -> {
            try (from) {
                from.transferTo(to);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        thread.start();
        return thread;
    }
}
