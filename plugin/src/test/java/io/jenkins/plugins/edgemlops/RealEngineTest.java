package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the engine jar that the plugin ships (the CLI's runnable jar, copied into the plugin's classes) on this JVM,
 * with the command line, environment, stderr stream, stdout capture and outcome rules the steps use. Only
 * {@code Launcher.ProcStarter} is replaced, by {@link ProcessBuilder}.
 */
class RealEngineTest {

    private static Path engineJar;
    private static String java;

    @BeforeAll
    static void locateEngine() throws URISyntaxException {
        engineJar = Path.of(EngineJar.class.getResource(EngineJar.RESOURCE).toURI());
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

    private static Run launch(List<String> line) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(line);
        builder.environment().putAll(EngineEnvironment.forEngine(Map.of("AWS_SECRET_ACCESS_KEY", "not-used")));
        Process process = builder.start();
        ResultCapture stdout = new ResultCapture(ResultCapture.DEFAULT_LIMIT);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        EngineLogStream stderr = new EngineLogStream(new PrintStream(log, true, StandardCharsets.UTF_8),
                EngineEnvironment.secrets(Map.of("AWS_SECRET_ACCESS_KEY", "not-used")), 20);
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
