package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Installs the built .hpi into a real Jenkins controller and runs Jenkinsfile-style pipelines in the Groovy sandbox:
 * train, quantize, validate with a returned map, publish the JUnit report, publish a rollout with a key file and with
 * the key in the environment, the build page, the step reference, {@code examples/Jenkinsfile} as it is and with a
 * signing key credential; and the one-line errors. With {@code EDGE_MLOPS_GATE_IT=1} also the drift gate: a pipeline
 * that publishes, simulates a fleet and waits in {@code awaitDriftGate} while the controller is restarted, and one that
 * rolls a drifting wave back.
 * Runs only when {@code JENKINS_WAR} (a jenkins.war) and {@code JENKINS_PLUGINS_DIR} (.jpi/.hpi files including the
 * Pipeline plugins and junit) are set; it starts {@code java -jar jenkins.war} on 127.0.0.1 with a fresh JENKINS_HOME.
 */
class RealJenkinsIT {

    private static final Duration STARTUP = Duration.ofMinutes(4);
    private static final Duration BUILD = Duration.ofMinutes(15);

    private static Path home;
    private static Process jenkins;
    private static Process agent;
    private static String url;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** How the controller was started, to start it again on the same home and port (a restart). */
    private static ProcessBuilder jenkinsCommand;

    /**
     * The drift gate scenarios need the engine's {@code gate} command and take minutes (training, a simulated fleet, a
     * controller restart): they run only when asked for.
     */
    private static final String GATE_FLAG = "EDGE_MLOPS_GATE_IT";
    private static final String GATE_SKIPPED = "drift gate scenarios skipped: set " + GATE_FLAG + "=1 (with "
            + "JENKINS_WAR and JENKINS_PLUGINS_DIR) once the engine has the 'edge-mlops gate' command";
    /** The engine extracted from the plugin, for 'fleet simulate' (the pipelines' sh steps and the test itself). */
    private static Path engineJar;

    /** A fleet signing key for the publish jobs, made here as 'edge-mlops keys generate' would, and its key id. */
    private static final java.security.KeyPair SIGNING_KEYS = ed25519();
    private static final String SIGNING_KEY_PEM = "-----BEGIN PRIVATE KEY-----\n"
            + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(SIGNING_KEYS.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    private static final String KEY_ID = sha256Hex(SIGNING_KEYS.getPublic().getEncoded()).substring(0, 16);

    private static final String SKIPPED = "Real Jenkins tests skipped: set JENKINS_WAR to a jenkins.war (2.479.3 or "
            + "newer) and JENKINS_PLUGINS_DIR to a folder of .jpi files with the Pipeline plugins and junit";

    private static boolean configured() {
        String war = System.getenv("JENKINS_WAR");
        String plugins = System.getenv("JENKINS_PLUGINS_DIR");
        return war != null && !war.isBlank() && plugins != null && !plugins.isBlank();
    }

    /** Each test reports the skip reason itself (a skipped @BeforeAll would hide it in the test counts). */
    @BeforeEach
    void requireJenkins() {
        assumeTrue(configured(), SKIPPED);
    }

    @BeforeAll
    static void startJenkins() throws Exception {
        if (!configured()) {
            System.out.println(SKIPPED);
            return;
        }
        String war = System.getenv("JENKINS_WAR");
        String plugins = System.getenv("JENKINS_PLUGINS_DIR");
        home = Files.createTempDirectory("edge-mlops-jenkins-");
        Path pluginDir = Files.createDirectories(home.resolve("plugins"));
        try (Stream<Path> files = Files.list(Path.of(plugins))) {
            for (Path plugin : files.filter(f -> f.toString().endsWith(".jpi") || f.toString().endsWith(".hpi"))
                    .toList()) {
                Files.copy(plugin, pluginDir.resolve(plugin.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.copy(Path.of(System.getProperty("edgemlops.hpi", "target/edge-mlops.hpi")),
                pluginDir.resolve("edge-mlops.jpi"), StandardCopyOption.REPLACE_EXISTING);
        writeDataset(home.resolve("pump.csv"));
        createJob("train-and-validate", """
                node {
                  writeFile file: 'data/pump.csv', text: readFile('%s')
                  withEnv(['EDGE_MLOPS_STORE=local:%s']) {
                    def t = trainModel model: 'pump', dataset: 'data/pump.csv', label: 'state',
                                       features: 'temp,vibration,rpm', hidden: [16, 8], seed: 1
                    echo "TRAINED ${t.model} v${t.version}"
                    def v = validateForTarget model: 'pump', version: t.version, target: 'raspberry-pi-4',
                                              failOnError: false
                    echo "VALIDATED passed=${v.passed} target=${v.target} variant=${v.variant} report=${v.report}"
                    junit testResults: v.report
                    def d = monitorFieldDrift model: 'pump', fleet: 'eu'
                    echo "MONITOR drifted=${d.drifted} features=${d.driftedFeatures} summary=${d.summary}"
                  }
                }
                """.formatted(home.resolve("pump.csv"), home.resolve("store")));
        createJob("missing-label", """
                node {
                  trainModel model: 'pump', dataset: 'data/pump.csv'
                }
                """);
        createJob("missing-dataset", """
                node {
                  withEnv(['EDGE_MLOPS_STORE=local:%s']) {
                    trainModel model: 'pump', dataset: 'no/such.csv', label: 'state'
                  }
                }
                """.formatted(home.resolve("store")));

        createJob("train-quantize-validate", """
                node {
                  writeFile file: 'data/pump.csv', text: readFile('%s')
                  withEnv(['EDGE_MLOPS_STORE=local:%s']) {
                    def t = trainModel model: 'pump-q', dataset: 'data/pump.csv', label: 'state',
                                       hidden: [16, 8], seed: 3
                    def q = quantize model: 'pump-q', version: t.version, mode: 'int8', maxAccuracyDrop: 0.05
                    echo "QUANTIZED passed=${q.passed} variant=${q.variant} method=${q.method} ratio=${q.sizeRatio}"
                    def h = quantize model: 'pump-q', version: t.version, mode: 'fp16', failOnError: false
                    echo "FP16 passed=${h.passed} variant=${h.variant}"
                    def v = validateForTarget model: 'pump-q', version: t.version, target: 'raspberry-pi-4',
                                              variant: q.variant, failOnError: false
                    echo "VALIDATED ${v.variant} passed=${v.passed}"
                  }
                }
                """.formatted(home.resolve("pump.csv"), home.resolve("store")));
        createJob("quantize-bad-argument", """
                node {
                  quantize model: 'pump', maxAccuracyDrop: 2
                }
                """);
        createJob("train-validate-publish", """
                node {
                  writeFile file: 'data/pump.csv', text: readFile('%s')
                  writeFile file: 'keys/eu.key', text: '''%s'''
                  withEnv(['EDGE_MLOPS_STORE=local:%s']) {
                    def t = trainModel model: 'pump-p', dataset: 'data/pump.csv', label: 'state', hidden: [16, 8], seed: 4
                    def v = validateForTarget model: 'pump-p', version: t.version, target: 'raspberry-pi-4'
                    def r = publishToEdge model: 'pump-p', version: t.version, fleet: 'eu',
                                          targets: ['raspberry-pi-4': v.variant], waves: [10, 100],
                                          signingKey: 'keys/eu.key', reason: 'RealJenkinsIT'
                    echo "PUBLISHED rollout=${r.rollout} wave=${r.wave} waves=${r.waves} targets=${r.targets} keyId=${r.keyId} overrides=${r.overrides.size()}"
                    withEnv(["EDGE_MLOPS_SIGNING_KEY=${readFile 'keys/eu.key'}"]) {
                      def us = publishToEdge model: 'pump-p', version: t.version, fleet: 'us',
                                             targets: ['raspberry-pi-4': 'fp32'], shadow: true
                      echo "ENV-KEY rollout=${us.rollout} keyId=${us.keyId} shadow=${us.shadow}"
                    }
                    // Refused: the rollout to eu is still in progress (no gate has finished it).
                    publishToEdge model: 'pump-p', version: t.version, fleet: 'eu', targets: ['raspberry-pi-4': 'fp32'],
                                  signingKey: 'keys/eu.key'
                  }
                }
                """.formatted(home.resolve("pump.csv"), SIGNING_KEY_PEM, home.resolve("store")));
        createExampleJenkinsfileJob("example-jenkinsfile", examplePipeline());
        // The example as a user would configure it to publish: a Secret text credential named in its parameter, and
        // (only so that its versions do not mix with the other example job's) its own store. No device reports, so
        // its drift gate is given 20 seconds instead of a day: it must hold the rollout, not roll it back.
        String signed = replaceOnce(publishingExample("example-signed-store"), "autoAdvance: true)",
                "autoAdvance: true, timeout: '20s', pollInterval: '5s')");
        createExampleJenkinsfileJob("example-jenkinsfile-signed", signed);

        createRemoteAgentNode();
        createJob("remote-agent", """
                node('remote') {
                  writeFile file: 'data/pump.csv', text: readFile('%s')
                  withEnv(['EDGE_MLOPS_STORE=local:%s']) {
                    def t = trainModel model: 'pump-remote', dataset: 'data/pump.csv', label: 'state', seed: 2
                    def v = validateForTarget model: 'pump-remote', version: t.version, target: 'x86-gateway',
                                              failOnError: false
                    echo "REMOTE trained v${t.version}, validated passed=${v.passed}"
                  }
                }
                """.formatted(home.resolve("pump.csv"), home.resolve("store")));

        if (gateScenarios()) {
            createDriftGateJobs();
        }

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        url = "http://127.0.0.1:" + port;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java,
                "-Djenkins.install.runSetupWizard=false",
                "-Dhudson.security.csrf.GlobalCrumbIssuerConfiguration.DISABLE_CSRF_PROTECTION=true",
                "-Djava.awt.headless=true",
                "-jar", war, "--httpPort=" + port, "--httpListenAddress=127.0.0.1");
        builder.environment().put("JENKINS_HOME", home.toString());
        // examples/Jenkinsfile uses the default store unless told otherwise: keep it inside this Jenkins home.
        builder.environment().put("EDGE_MLOPS_STORE", "local:" + home.resolve("example-store"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.redirectErrorStream(true).redirectOutput(home.resolve("jenkins.log").toFile());
        jenkinsCommand = builder;
        jenkins = builder.start();
        awaitUp();
        createSecretTextCredential("fleet-signing-key", SIGNING_KEY_PEM);
    }

    private static boolean gateScenarios() {
        return "1".equals(System.getenv(GATE_FLAG));
    }

    /**
     * Restarts the controller on the same home and port, as {@code KEEP_HOME=1 start-jenkins.sh} does: a clean
     * shutdown (SIGTERM; Pipeline saves every running build's program), then the same command again. Running Pipeline
     * builds resume; the remote agent, if started, reconnects by itself.
     */
    private static void restartJenkins() throws Exception {
        jenkins.destroy();
        if (!jenkins.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
            throw new AssertionError("Jenkins did not shut down within 2 minutes:\n"
                    + Files.readString(home.resolve("jenkins.log")));
        }
        jenkinsCommand.redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("jenkins.log").toFile()));
        jenkins = jenkinsCommand.start();
        awaitUp();
    }

    @AfterAll
    static void stopJenkins() throws InterruptedException {
        if (agent != null) {
            agent.destroy();
            agent.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        if (jenkins != null) {
            jenkins.destroy();
            if (!jenkins.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                jenkins.destroyForcibly();
            }
            System.out.println("Jenkins home kept for inspection: " + home);
        }
    }

    @Test
    void trainsValidatesPublishesJUnitAndShowsTheBuildPage() throws Exception {
        Map<String, String> build = runBuild("train-and-validate");
        String console = build.get("console");

        assertTrue(List.of("SUCCESS", "UNSTABLE").contains(build.get("result")), build.get("result") + "\n" + console);
        assertTrue(console.contains("[edge-mlops] edge-mlops train --model=pump"), console);
        assertTrue(console.contains("TRAINED pump v"), console);
        assertTrue(console.contains("VALIDATED passed="), console);
        assertTrue(console.contains("target=raspberry-pi-4 variant=fp32 report=edge-mlops-reports/"), console);
        // Nothing in production yet: the monitor answers, with its reason, and never fails the build for it.
        assertTrue(console.contains("MONITOR drifted=false features=[] summary=not enough data"), console);
        assertTrue(console.contains("has no version under alias production"), console);
        // totalCount lives on the build's test result action, not on /testReport.
        String tests = get("/job/train-and-validate/1/api/json?tree=actions[totalCount,failCount]");
        assertTrue(tests.matches("(?s).*\"totalCount\":[1-9].*"), tests);
        String page = get("/job/train-and-validate/1/edge-mlops/");
        assertTrue(page.contains("Model pump version"), page);
        assertTrue(page.contains("Validation of pump version"), page);
        assertTrue(get("/job/train-and-validate/1/").contains("edge-mlops/"), "no summary on the build page");
    }

    @Test
    void quantizesShowsTheComparisonOnTheBuildPageAndTheInt8VariantValidates() throws Exception {
        Map<String, String> build = runBuild("train-quantize-validate");
        String console = build.get("console");

        assertEquals("SUCCESS", build.get("result"), console);
        assertTrue(console.contains("[edge-mlops] edge-mlops quantize --model=pump-q --version=1 --mode=int8"), console);
        assertTrue(console.contains("QUANTIZED passed=true variant=int8 method=int8-"), console);
        assertTrue(console.contains("FP16 passed="), console);
        assertTrue(console.contains("VALIDATED int8 passed="), console);
        String page = get("/job/train-quantize-validate/1/edge-mlops/");
        assertTrue(page.contains("Quantization of pump-q version 1 to int8"), page);
        assertTrue(page.contains("Quantization of pump-q version 1 to fp16"), page);
        assertTrue(page.contains("Size ratio"), page);
        assertTrue(page.contains("Validation of pump-q version 1 for raspberry-pi-4 (int8)"), page);
        assertTrue(get("/job/train-quantize-validate/1/").contains("Quantized pump-q version 1 to int8"),
                "no quantization line in the build's summary");
    }

    @Test
    void anOutOfRangeQuantizeArgumentFailsWithTheContractsWords() throws Exception {
        Map<String, String> build = runBuild("quantize-bad-argument");

        assertEquals("FAILURE", build.get("result"));
        assertTrue(build.get("console").contains(
                "ERROR: quantize: maxAccuracyDrop (--max-accuracy-drop) must be at least 0 and at most 1, got 2"),
                build.get("console"));
        assertTrue(!build.get("console").contains("at io.jenkins.plugins"), "stack trace printed");
    }

    @Test
    void theStepReferenceHasEveryStepWithItsGeneratedHelp() throws Exception {
        String reference = get("/pipeline-syntax/html");
        for (String text : List.of("trainModel", "validateForTarget", "quantize",
                "Quantize a model for edge devices (Edge MLOps)", "maxAccuracyDrop",
                "Command line: <code>--max-accuracy-drop</code>.", "publishToEdge",
                "Publish a model to an edge fleet (Edge MLOps)", "allowUnvalidated",
                "Command line: <code>--signing-key</code>.", "awaitDriftGate",
                "Await the drift gate of an edge rollout (Edge MLOps)", "autoAdvance",
                "Command line: <code>--poll-interval</code>.", "monitorFieldDrift",
                "Monitor field drift of the model in production (Edge MLOps)", "driftShare", "allowRegression",
                "maxRegression")) {
            assertTrue(reference.contains(text), text + " is not in the Pipeline step reference");
        }
    }

    /** examples/Jenkinsfile as it is, with the sample data where a checkout of this repository would put it. */
    @Test
    void theExampleJenkinsfileRunsTrainQuantizeAndValidatesEachTargetWithItsVariant() throws Exception {
        Map<String, String> build = runBuild("example-jenkinsfile");
        String console = build.get("console");

        assertTrue(List.of("SUCCESS", "UNSTABLE").contains(build.get("result")), build.get("result") + "\n" + console);
        // The nightly loop asks the field first; with nothing in production it trains the first version.
        assertTrue(console.contains("Field drift: not enough data: model pump has no version under alias production"),
                console);
        assertTrue(console.contains("Retraining: nothing is in production yet"), console);
        assertTrue(console.contains("Trained pump version 1"), console);
        assertTrue(console.contains("int8 (int8-") || console.contains("no int8 variant"), console);
        boolean int8 = console.contains("int8 (int8-");
        for (String target : List.of("raspberry-pi-zero-2w", "raspberry-pi-4")) {
            assertTrue(console.contains(target + " (" + (int8 ? "int8" : "fp32") + "): latency p95"), console);
        }
        for (String target : List.of("jetson-nano-cpu", "x86-gateway")) {
            assertTrue(console.contains(target + " (fp32): latency p95"), console);
        }
        String page = get("/job/example-jenkinsfile/1/edge-mlops/");
        assertTrue(page.contains("Quantization of pump version 1 to int8"), page);
        assertTrue(console.contains("Stage \"Publish\" skipped due to when conditional"),
                "without a signing key the example stops after validation:\n" + console);
    }

    @Test
    void publishesWithAKeyFileAndWithTheKeyInTheEnvironmentAndASecondRolloutFailsNamingTheFirst() throws Exception {
        Map<String, String> build = runBuild("train-validate-publish");
        String console = build.get("console");

        assertEquals("FAILURE", build.get("result"), "the last publish is refused on purpose:\n" + console);
        assertTrue(console.contains("[edge-mlops] edge-mlops publish --model=pump-p --version=1 --fleet=eu "
                + "--targets=raspberry-pi-4=fp32 --waves=10,100 --signing-key=keys/eu.key --reason=RealJenkinsIT"),
                console);
        assertTrue(console.matches("(?s).*PUBLISHED rollout=pump-p-v1-\\d{8}T\\d{6}Z wave=1 waves=\\[10%, 100%\\] "
                + "targets=\\[raspberry-pi-4:fp32\\] keyId=" + KEY_ID + " overrides=0\n.*"), console);
        assertTrue(console.contains("ENV-KEY rollout=pump-p-v1-"), console);
        assertTrue(console.contains("keyId=" + KEY_ID + " shadow=true"), console);
        assertTrue(console.matches("(?s).*ERROR: publishToEdge: rollout pump-p-v1-\\d{8}T\\d{6}Z of pump-p version 1 to "
                + "fleet eu is still in progress \\(wave 1 of 2\\); .*or publish with supersede: true.*"), console);
        String keyLine = SIGNING_KEY_PEM.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertTrue(!console.contains(keyLine), "the key is in the console:\n" + console);
        assertTrue(!console.contains("at io.jenkins.plugins"), "stack trace printed");

        String page = get("/job/train-validate-publish/1/edge-mlops/");
        assertTrue(page.contains("Rollout of pump-p version 1 to fleet eu"), page);
        assertTrue(page.contains("Rollout of pump-p version 1 to fleet us"), page);
        assertTrue(page.contains("10 % of the fleet"), page);
        assertTrue(page.contains("current, in shadow"), page);
        assertTrue(page.contains(KEY_ID), page);
        assertTrue(get("/job/train-validate-publish/1/").contains("Published pump-p version 1 to fleet eu"),
                "no rollout line in the build's summary");
    }

    /** examples/Jenkinsfile with a Secret file credential named in SIGNING_KEY_CREDENTIAL: its Publish stage runs. */
    @Test
    void theExampleJenkinsfilePublishesWhatPassedWithTheSigningKeyCredentialAndItsGateHoldsWithoutTelemetry()
            throws Exception {
        Map<String, String> build = runBuild("example-jenkinsfile-signed");
        String console = build.get("console");

        assertEquals("UNSTABLE", build.get("result"), console);
        assertTrue(console.contains("[edge-mlops] edge-mlops publish --model=pump --version=1 --fleet=pumps-eu "),
                console);
        assertTrue(console.matches("(?s).*Rollout pump-v1-\\d{8}T\\d{6}Z of pump v1 to pumps-eu: wave 1 of 3 \\(5%\\), "
                + "targets \\[.*"), console);
        assertTrue(console.contains("signed with key " + KEY_ID), console);
        assertTrue(get("/job/example-jenkinsfile-signed/1/edge-mlops/").contains("Rollout of pump version 1 to fleet "
                + "pumps-eu"));
        // No device reported: the gate, outside any agent with the key bound from the Secret text, holds the rollout.
        assertTrue(console.matches("(?s).*Drift gate: HELD at wave 1 of 3 of rollout pump-v1-\\d{8}T\\d{6}Z\n.*"),
                console);
        assertTrue(console.contains("drift gate HELD at wave 1 of 3: "), console);
        assertTrue(!console.contains(SIGNING_KEY_PEM.lines().skip(1).findFirst().orElseThrow()), "the key is shown");
    }

    /**
     * examples/Jenkinsfile as a nightly job over two nights in the real controller, with a simulated fleet of 20
     * devices reporting in real time. Night 1: nothing is in production, so it trains version 1, publishes it in two
     * waves and its drift gate promotes both: version 1 is in production. During the day two features drift by 2σ in
     * the field. Night 2, on that day's export (the same rows with the same shift): the monitor finds the drift, the
     * retrained version 2 records version 1 and the monitor's report as its lineage, beats version 1 on the drifted
     * holdout, is published, and the gate promotes it. The job differs from the file only in its store, its key
     * credential, and a gate sized for a test: waves [50, 100], 5-second telemetry windows, no soak time.
     */
    @Test
    @EnabledIfEnvironmentVariable(named = GATE_FLAG, matches = "1", disabledReason = GATE_SKIPPED)
    void theExampleJenkinsfileOverTwoNightsPromotesVersion1ThenRetrainsOnFieldDriftAndPromotesVersion2()
            throws Exception {
        String job = "example-two-nights";
        Path store = home.resolve("example-two-nights-store");
        Path devices = home.resolve("example-two-nights-devices");

        queueBuild(job);
        awaitConsole(job, 1, "Rollout pump-v1-");
        simulate("pumps-eu", "pump", NIGHTLY_GATE_HOURS, 21, null, devices, store);
        Map<String, String> night1 = awaitBuild(job, 1);
        String console1 = night1.get("console");
        assertEquals("SUCCESS", night1.get("result"), console1);
        assertTrue(console1.contains("Retraining: nothing is in production yet"), console1);
        assertTrue(console1.matches("(?s).*Drift gate: PROMOTED at wave 2 of 2 of rollout pump-v1-\\S+\n.*"), console1);
        assertTrue(console1.contains("pump v1 is in production on pumps-eu"), console1);

        // The day between the nights: the field drifts, and the day's export shows it.
        simulate("pumps-eu", "pump", NIGHTLY_DRIFT_HOURS, 22, "temp_bearing=+2,flow_rate=+2", devices, store);
        writeExampleData(job, "pump-drifted.csv", shifted(Map.of("temp_bearing", 2.0, "flow_rate", 2.0)));

        queueBuild(job, "DATASET=examples/data/pump-drifted.csv");
        awaitConsole(job, 2, "Rollout pump-v2-");
        simulate("pumps-eu", "pump", NIGHTLY_GATE_HOURS, 23, null, devices, store);
        Map<String, String> night2 = awaitBuild(job, 2);
        String console2 = night2.get("console");
        assertEquals("SUCCESS", night2.get("result"), console2);
        java.util.regex.Matcher finding = java.util.regex.Pattern.compile("Field drift: ([^\n]*)\n").matcher(console2);
        assertTrue(finding.find(), console2);
        assertTrue(finding.group(1).contains("temp_bearing") && finding.group(1).contains("flow_rate"), finding.group(1));
        assertTrue(!console2.contains("Retraining: nothing is in production yet"), console2);
        assertTrue(console2.contains("Trained pump version 2"), console2);
        assertTrue(console2.contains("--trigger=" + finding.group(1).substring(0, 20)), console2);
        for (String target : List.of("raspberry-pi-4", "raspberry-pi-zero-2w", "jetson-nano-cpu", "x86-gateway")) {
            assertTrue(console2.matches("(?s).*" + target + " \\((int8|fp32)\\): latency p95 [^\\n]*; against "
                    + "production: not worse than champion v1 .*"), target + ":\n" + console2);
        }
        assertTrue(console2.matches("(?s).*Drift gate: PROMOTED at wave 2 of 2 of rollout pump-v2-\\S+\n.*"), console2);
        assertTrue(console2.contains("pump v2 is in production on pumps-eu"), console2);
        String history = engine("models", "history", "pump", "--json", "--store=local:" + store);
        assertTrue(history.matches("(?s).*\"version\"\\s*:\\s*2,\\s*\"parentVersion\"\\s*:\\s*1,.*"), history);
        assertTrue(history.contains("temp_bearing") && history.contains("fleets/pumps-eu/monitor/pump/"), history);
    }

    /**
     * A WebSocket inbound agent in its own JVM whose home cannot be written (as in many containers): both steps run
     * there, the engine goes next to the workspace, and it crosses the channel once, not on every build.
     */
    @Test
    void stepsRunOnARemoteAgentWhoseHomeIsNotWritableAndTheEngineIsCopiedOnce() throws Exception {
        startRemoteAgent();

        Map<String, String> first = runBuild("remote-agent", 1);
        Map<String, String> second = runBuild("remote-agent", 2);

        assertEquals("SUCCESS", first.get("result"), first.get("console"));
        assertTrue(first.get("console").contains("Running on remote"), first.get("console"));
        assertTrue(first.get("console").contains("REMOTE trained v1, validated passed="), first.get("console"));
        assertTrue(first.get("console").matches("(?s).*copying the engine \\(\\d+ MiB\\) to [^\\n]*@tmp/edge-mlops/engine/.*"),
                first.get("console"));
        assertTrue(first.get("console").contains("engine copied in "), first.get("console"));
        assertEquals("SUCCESS", second.get("result"), second.get("console"));
        assertTrue(second.get("console").contains("REMOTE trained v2"), second.get("console"));
        assertTrue(!second.get("console").contains("copying the engine"), "copied again:\n" + second.get("console"));
    }

    /**
     * The drift gate in a real Jenkins, across a controller restart. The pipeline trains, quantizes, validates and
     * publishes a version to fleet {@code gate} in waves [50, 100] on the embedded store, runs the fleet simulator
     * ({@code sh}, the engine jar) for fewer inferences than the gate's {@code minSamples}, and waits in
     * {@code awaitDriftGate} outside any node block (polls on the built-in node, every 5 s). Once the first poll has
     * answered WAIT, the controller is restarted; then the same simulated devices run on past {@code minSamples}. The
     * resumed step polls again, the gate promotes wave 1, and the build finishes with the decision the store recorded
     * for that wave, the one it would have reached without the restart.
     */
    @Test
    @EnabledIfEnvironmentVariable(named = GATE_FLAG, matches = "1", disabledReason = GATE_SKIPPED)
    void theDriftGateWaitsAcrossAControllerRestartAndFinishesWithTheGatesDecision() throws Exception {
        queueBuild("drift-gate-restart");
        String waiting = awaitConsole("drift-gate-restart", 1, "[edge-mlops] drift gate poll 1: WAIT");
        java.util.regex.Matcher published = java.util.regex.Pattern.compile("PUBLISHED rollout=(\\S+)")
                .matcher(waiting);
        assertTrue(published.find(), waiting);
        String rollout = published.group(1);
        assertTrue(waiting.contains("[edge-mlops] edge-mlops gate --fleet=gate --rollout=" + rollout + " "), waiting);
        assertTrue(waiting.contains("waiting for: "), waiting);

        restartJenkins();
        simulate("gate", "pump-g", GATE_MORE_HOURS, 8, null, home.resolve("gate-devices"), home.resolve("gate-store"));

        Map<String, String> build = awaitBuild("drift-gate-restart", 1);
        String console = build.get("console");
        assertEquals("SUCCESS", build.get("result"), console);
        assertTrue(console.contains("Resuming build"), console);
        assertTrue(console.contains("[edge-mlops] Jenkins restarted while the drift gate waited: waiting for: "),
                console);
        assertTrue(console.contains("GATE decision=PROMOTED wave=1 of 2 passed=true complete=false"), console);
        assertTrue(!console.contains("at io.jenkins.plugins"), "stack trace printed");
        String recorded = engine("gate", "--fleet=gate", "--rollout=" + rollout, "--once", "--judged-wave=1", "--json",
                "--store=local:" + home.resolve("gate-store"));
        assertTrue(recorded.matches("(?s).*\"decision\"\\s*:\\s*\"PROMOTED\".*"),
                "the store recorded another decision for wave 1:\n" + recorded);

        String page = get("/job/drift-gate-restart/1/edge-mlops/");
        assertTrue(page.contains("Drift gate of pump-g version 1 in fleet gate: PROMOTED"), page);
        assertTrue(page.contains("Largest PSI over the features") && page.contains("<polyline"), page);
        assertTrue(get("/job/drift-gate-restart/1/").contains("Drift gate of rollout " + rollout + ": PROMOTED at "
                + "wave 1 of 2"), "no gate line in the build's summary");
    }

    /**
     * A wave whose devices see a large shift of a critical feature is rolled back: the step polls inside a node block
     * (on that node), and the build fails with the decision and its reasons on one line.
     */
    @Test
    @EnabledIfEnvironmentVariable(named = GATE_FLAG, matches = "1", disabledReason = GATE_SKIPPED)
    void aDriftingWaveIsRolledBackAndTheBuildFailsWithTheReasonsOnOneLine() throws Exception {
        Map<String, String> build = runBuild("drift-gate-rollback");
        String console = build.get("console");

        assertEquals("FAILURE", build.get("result"), console);
        assertTrue(console.contains("[edge-mlops] drift gate poll "), console);
        assertTrue(console.matches("(?s).*ERROR: awaitDriftGate: ROLLED_BACK at wave 1 of 2 of rollout "
                + "pump-d-v1-\\d{8}T\\d{6}Z: [^\\n]*temp[^\\n]*\\n.*"), console);
        assertTrue(!console.contains("at io.jenkins.plugins"), "stack trace printed");
        String page = get("/job/drift-gate-rollback/1/edge-mlops/");
        assertTrue(page.contains("Drift gate of pump-d version 1 in fleet gate-drift: ROLLED_BACK"), page);
    }

    @Test
    void aMissingArgumentFailsWithOneLineNamingIt() throws Exception {
        Map<String, String> build = runBuild("missing-label");

        assertEquals("FAILURE", build.get("result"));
        assertTrue(build.get("console").contains("ERROR: trainModel: label (--label) is required"), build.get("console"));
        assertTrue(!build.get("console").contains("at io.jenkins.plugins"), "stack trace printed");
    }

    @Test
    void anEngineErrorFailsWithTheEnginesMessage() throws Exception {
        Map<String, String> build = runBuild("missing-dataset");

        assertEquals("FAILURE", build.get("result"));
        assertTrue(build.get("console").contains("ERROR: trainModel: "), build.get("console"));
        assertTrue(build.get("console").contains("no/such.csv"), build.get("console"));
    }

    private static Map<String, String> runBuild(String job) throws Exception {
        return runBuild(job, 1);
    }

    private static Map<String, String> runBuild(String job, int number) throws Exception {
        queueBuild(job);
        return awaitBuild(job, number);
    }

    private static void queueBuild(String job) throws Exception {
        HttpResponse<String> queued = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/job/" + job + "/build"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, queued.statusCode(), queued.body());
    }

    /** Queues a build of a job whose parameters are known (a declarative job's after its first build). */
    private static void queueBuild(String job, String parameter) throws Exception {
        HttpResponse<String> queued = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/job/" + job
                        + "/buildWithParameters?" + parameter.replace("/", "%2F")))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, queued.statusCode(), queued.body());
    }

    /** Waits until the build's console contains {@code text}, and returns the console; fails if the build ends first. */
    private static String awaitConsole(String job, int number, String text) throws Exception {
        long deadline = System.nanoTime() + BUILD.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> console = send("/job/" + job + "/" + number + "/consoleText");
            if (console.statusCode() == 200 && console.body().contains(text)) {
                return console.body();
            }
            HttpResponse<String> status = send("/job/" + job + "/" + number + "/api/json?tree=building");
            if (status.statusCode() == 200 && status.body().contains("\"building\":false")) {
                throw new AssertionError(job + " #" + number + " ended before printing '" + text + "':\n"
                        + console.body());
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(job + " #" + number + " did not print '" + text + "' within " + BUILD + ":\n"
                + get("/job/" + job + "/" + number + "/consoleText"));
    }

    private static Map<String, String> awaitBuild(String job, int number) throws Exception {
        long deadline = System.nanoTime() + BUILD.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> status = send("/job/" + job + "/" + number + "/api/json?tree=building,result");
            if (status.statusCode() == 200 && status.body().contains("\"building\":false")) {
                String result = status.body().replaceAll("(?s).*\"result\":\"?([A-Z_]+|null)\"?.*", "$1");
                return Map.of("result", result, "console", get("/job/" + job + "/" + number + "/consoleText"));
            }
            Thread.sleep(2000);
        }
        throw new AssertionError(job + " #" + number + " did not finish within " + BUILD + ":\n"
                + get("/job/" + job + "/" + number + "/consoleText"));
    }

    private static void awaitUp() throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!jenkins.isAlive()) {
                throw new AssertionError("Jenkins exited:\n" + Files.readString(home.resolve("jenkins.log")));
            }
            try {
                HttpResponse<String> plugins = send("/pluginManager/api/json?depth=1&tree=plugins[shortName,active]");
                if (plugins.statusCode() == 200 && plugins.body().contains("\"shortName\":\"edge-mlops\"")) {
                    assertTrue(plugins.body().matches("(?s).*\"active\":true,\"shortName\":\"edge-mlops\".*")
                            || plugins.body().matches("(?s).*\"shortName\":\"edge-mlops\"[^}]*\"active\":true.*"),
                            "edge-mlops is not active:\n" + plugins.body());
                    return;
                }
            } catch (IOException notYet) {
                // Jenkins is still starting.
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("Jenkins did not start within " + STARTUP + ":\n"
                + Files.readString(home.resolve("jenkins.log")));
    }

    private static HttpResponse<String> send(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    /** A permanent agent "remote" that connects inbound over WebSocket, as on a separate machine. */
    private static void createRemoteAgentNode() throws IOException {
        Path node = Files.createDirectories(home.resolve("nodes").resolve("remote"));
        Files.writeString(node.resolve("config.xml"), """
                <?xml version='1.1' encoding='UTF-8'?>
                <slave>
                  <name>remote</name>
                  <description>edge-mlops RealJenkinsIT remote agent</description>
                  <remoteFS>%s</remoteFS>
                  <numExecutors>1</numExecutors>
                  <mode>EXCLUSIVE</mode>
                  <retentionStrategy class="hudson.slaves.RetentionStrategy$Always"/>
                  <launcher class="hudson.slaves.JNLPLauncher">
                    <webSocket>true</webSocket>
                  </launcher>
                  <label>remote</label>
                  <nodeProperties/>
                </slave>
                """.formatted(xmlEscape(home.resolve("agent-work").toString())), StandardCharsets.UTF_8);
    }

    /**
     * Starts the agent JVM with a home below a regular file, so nothing can create folders there (not even root),
     * and waits until it is online.
     */
    private static void startRemoteAgent() throws Exception {
        if (agent != null) {
            return;
        }
        Path agentJar = home.resolve("agent.jar");
        HTTP.send(HttpRequest.newBuilder(URI.create(url + "/jnlpJars/agent.jar")).build(),
                HttpResponse.BodyHandlers.ofFile(agentJar));
        HttpResponse<String> secret = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/scriptText"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("script=" + java.net.URLEncoder.encode(
                        "print(jenkins.model.Jenkins.get().getComputer('remote').getJnlpMac())",
                        StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, secret.statusCode(), secret.body());
        Path notADirectory = Files.writeString(home.resolve("agent-home-is-a-file"), "not a folder");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Duser.home=" + notADirectory.resolve("home"),
                "-jar", agentJar.toString(), "-url", url + "/", "-secret", secret.body().trim(), "-name", "remote",
                "-webSocket", "-workDir", home.resolve("agent-work").toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.redirectErrorStream(true).redirectOutput(home.resolve("agent.log").toFile());
        agent = builder.start();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!agent.isAlive()) {
                throw new AssertionError("agent exited:\n" + Files.readString(home.resolve("agent.log")));
            }
            if (get("/computer/remote/api/json?tree=offline").contains("\"offline\":false")) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("agent did not connect:\n" + Files.readString(home.resolve("agent.log")));
    }

    private static void createJob(String name, String script) throws IOException {
        Path job = Files.createDirectories(home.resolve("jobs").resolve(name));
        Files.writeString(job.resolve("config.xml"), """
                <?xml version='1.1' encoding='UTF-8'?>
                <flow-definition>
                  <definition class="org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition">
                    <script>%s</script>
                    <sandbox>true</sandbox>
                  </definition>
                </flow-definition>
                """.formatted(xmlEscape(script)), StandardCharsets.UTF_8);
    }

    /**
     * The repository's examples/Jenkinsfile as an inline Pipeline, with examples/data/pump.csv placed in the job's
     * workspace on the built-in node, where "Pipeline script from SCM" would have checked it out.
     */
    private static void createExampleJenkinsfileJob(String job, String pipeline) throws IOException {
        Path repository = Path.of(System.getProperty("edgemlops.repository", ".."));
        createJob(job, pipeline);
        // Where the built-in node puts the job's workspace: jobs/<job>/workspace when JENKINS_HOME's config.xml sets no
        // workspaceDir (this fresh home), workspace/<job> under newer defaults.
        writeExampleData(job, "pump.csv", Files.readAllLines(repository.resolve("examples/data/pump.csv")));
    }

    /** Writes a file under examples/data in the job's workspace (wherever the built-in node puts it). */
    private static void writeExampleData(String job, String name, List<String> lines) throws IOException {
        for (String workspace : List.of("jobs/" + job + "/workspace", "workspace/" + job)) {
            Path data = Files.createDirectories(home.resolve(workspace).resolve("examples/data"));
            Files.write(data.resolve(name), lines);
        }
    }

    /**
     * examples/data/pump.csv with the given features shifted by that many of their standard deviations: a day's
     * export after the field drifted, labelled as before (the labels say what the pump did, not what it looked like).
     */
    private static List<String> shifted(Map<String, Double> shiftInStd) throws IOException {
        Path repository = Path.of(System.getProperty("edgemlops.repository", ".."));
        List<String> lines = Files.readAllLines(repository.resolve("examples/data/pump.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        Map<Integer, Double> shiftByColumn = new java.util.HashMap<>();
        shiftInStd.forEach((feature, sd) -> {
            int column = header.indexOf(feature);
            assertTrue(column >= 0, feature + " is not a column of pump.csv");
            double[] values = lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[column]))
                    .toArray();
            double mean = java.util.Arrays.stream(values).average().orElseThrow();
            double std = Math.sqrt(java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum()
                    / (values.length - 1));
            shiftByColumn.put(column, sd * std);
        });
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            shiftByColumn.forEach((column, by) -> cells[column] = String.format(Locale.ROOT, "%.4f",
                    Double.parseDouble(cells[column]) + by));
            out.add(String.join(",", cells));
        }
        return out;
    }

    /**
     * examples/Jenkinsfile with publishing on: the Secret text credential named in its parameter and its own store
     * (so that its versions do not mix with another job's).
     */
    private static String publishingExample(String store) throws IOException {
        return replaceOnce(replaceOnce(examplePipeline(),
                "string(name: 'SIGNING_KEY_CREDENTIAL', defaultValue: '',",
                "string(name: 'SIGNING_KEY_CREDENTIAL', defaultValue: 'fleet-signing-key',"),
                "    agent none ", "    environment { EDGE_MLOPS_STORE = 'local:" + home.resolve(store) + "' }\n"
                        + "    agent none ");
    }

    private static String examplePipeline() throws IOException {
        Path repository = Path.of(System.getProperty("edgemlops.repository", ".."));
        return Files.readString(repository.resolve("examples/Jenkinsfile"));
    }

    private static String replaceOnce(String text, String what, String with) {
        assertEquals(1, text.split(java.util.regex.Pattern.quote(what), -1).length - 1,
                "examples/Jenkinsfile no longer has exactly one '" + what + "'");
        return text.replace(what, with);
    }

    /**
     * The fleet runs in real time with 5-second telemetry windows (publishToEdge's telemetryWindow): the gate judges
     * windows by the wall clock, so an accelerated simulation, whose windows lie in the future, would give it nothing to
     * judge yet. A 50 % wave is not 10 of the 20 devices but however many the rollout id's hash puts below 50 %
     * (binomial: 14 or more in 6 % of rollouts, which once made 18 s of the wave pass minSamples before the first
     * poll). So the first run is short enough for all 20 devices to stay under minSamples (7.2 s: at most 3 rounds of
     * 5 requests, 300), and the second long enough for 3 devices, the gate's minDevices, to go past it (90 s more:
     * 30 rounds, 450 for 3 devices); a wave of fewer than 3 devices (0.02 % of rollouts) would wait until the timeout.
     */
    private static final String GATE_FIRST_HOURS = "0.002";
    /**
     * The nightly example's fleet: enough for both waves of a rollout (20 devices, 400 inferences a wave), and, during
     * the day between the nights, for the drifted telemetry to dominate the monitor's 24 hours.
     */
    private static final String NIGHTLY_GATE_HOURS = "0.04";
    private static final String NIGHTLY_DRIFT_HOURS = "0.03";
    private static final String GATE_MORE_HOURS = "0.025";
    private static final String GATE_PACE = " --step-minutes 0.05 --requests-per-step 5";
    /** The gate's limits in the scenarios: few inferences, no soak, decide on the first window that shows it. */
    private static final String GATE_LIMITS = "minSamples: 400, minDevices: 3, soak: '0s', confirmWindows: 1, "
            + "pollInterval: '5s', timeout: '10m'";

    /**
     * The drift gate's jobs: the engine jar and the fleet's public key where the pipelines' {@code sh} steps find them,
     * and two pipelines (see the scenarios' tests).
     */
    private static void createDriftGateJobs() throws IOException {
        engineJar = home.resolve("edge-mlops-cli.jar");
        try (java.io.InputStream in = EngineJar.open()) {
            Files.copy(in, engineJar, StandardCopyOption.REPLACE_EXISTING);
        }
        Path publicKey = home.resolve("gate-eu.pub");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder(64,
                "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(SIGNING_KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String simulate = "'" + java + "' -jar '" + engineJar + "' fleet simulate --public-key '" + publicKey
                + "' --devices 20" + GATE_PACE;
        createJob("drift-gate-restart", """
                def r
                def pem
                node {
                  writeFile file: 'data/pump.csv', text: readFile('%1$s')
                  writeFile file: 'keys/eu.key', text: '''%2$s'''
                  pem = readFile 'keys/eu.key'
                  withEnv(['EDGE_MLOPS_STORE=local:%3$s']) {
                    def t = trainModel model: 'pump-g', dataset: 'data/pump.csv', label: 'state', hidden: [16, 8], seed: 5
                    def q = quantize model: 'pump-g', version: t.version, mode: 'int8', maxAccuracyDrop: 0.05,
                                     failOnError: false
                    def variant = q.passed ? q.variant : 'fp32'
                    def v = validateForTarget model: 'pump-g', version: t.version, target: 'raspberry-pi-4',
                                              variant: variant, failOnError: false
                    r = publishToEdge model: 'pump-g', version: t.version, fleet: 'gate',
                                      targets: ['raspberry-pi-4': variant], waves: [50, 100],
                                      signingKey: 'keys/eu.key', allowUnvalidated: !v.passed,
                                      telemetryWindow: '5s'
                    echo "PUBLISHED rollout=${r.rollout}"
                    sh "%4$s --fleet gate --model pump-g --hours %5$s --seed 7 --state-dir '%6$s' --store 'local:%3$s'"
                  }
                }
                withEnv(['EDGE_MLOPS_STORE=local:%3$s', "EDGE_MLOPS_SIGNING_KEY=${pem}"]) {
                  def g = awaitDriftGate fleet: 'gate', rollout: r.rollout, %7$s
                  echo "GATE decision=${g.decision} wave=${g.wave} of ${g.waves} passed=${g.passed} complete=${g.complete}"
                }
                """.formatted(home.resolve("pump.csv"), SIGNING_KEY_PEM, home.resolve("gate-store"), simulate,
                GATE_FIRST_HOURS, home.resolve("gate-devices"), GATE_LIMITS));
        createExampleJenkinsfileJob("example-two-nights", replaceOnce(replaceOnce(
                publishingExample("example-two-nights-store"),
                "waves: [5, 25, 100],", "waves: [50, 100], telemetryWindow: '5s',"),
                "autoAdvance: true)", "autoAdvance: true, " + GATE_LIMITS + ")"));
        createJob("drift-gate-rollback", """
                node {
                  writeFile file: 'data/pump.csv', text: readFile('%1$s')
                  writeFile file: 'keys/eu.key', text: '''%2$s'''
                  withEnv(['EDGE_MLOPS_STORE=local:%3$s']) {
                    def t = trainModel model: 'pump-d', dataset: 'data/pump.csv', label: 'state', hidden: [16, 8], seed: 6
                    def r = publishToEdge model: 'pump-d', version: t.version, fleet: 'gate-drift',
                                          targets: ['x86-gateway': 'fp32'], waves: [50, 100],
                                          signingKey: 'keys/eu.key', allowUnvalidated: true, telemetryWindow: '5s'
                    sh "%4$s --fleet gate-drift --model pump-d --hours 0.01 --seed 9 --drift temp=+3 --store 'local:%3$s'"
                    awaitDriftGate fleet: 'gate-drift', rollout: r.rollout, signingKey: 'keys/eu.key',
                                   criticalFeatures: ['temp'], %5$s
                    echo "NOT REACHED"
                  }
                }
                """.formatted(home.resolve("pump.csv"), SIGNING_KEY_PEM, home.resolve("gate-store"), simulate,
                GATE_LIMITS));
    }

    /** Runs the fleet simulator from the test: a batch of telemetry from the devices whose state is in stateDir. */
    private static void simulate(String fleet, String model, String hours, long seed, String drift, Path stateDir,
                                 Path store) throws Exception {
        List<String> args = new ArrayList<>(List.of("fleet", "simulate", "--fleet", fleet, "--model", model,
                "--devices", "20", "--hours", hours, "--step-minutes", "0.05", "--requests-per-step", "5", "--seed",
                Long.toString(seed), "--public-key",
                home.resolve("gate-eu.pub").toString(), "--state-dir", stateDir.toString(),
                "--store", "local:" + store));
        if (drift != null) {
            args.addAll(List.of("--drift", drift));
        }
        engine(args.toArray(String[]::new));
    }

    /** Runs the engine jar on this machine and returns its stdout; fails on a non-zero exit code. */
    private static String engine(String... args) throws Exception {
        String javaExecutable = EngineCommandLine.javaExecutable(Map.of("JAVA_HOME", System.getProperty("java.home")),
                true);
        List<String> line = new ArrayList<>(EngineCommandLine.launcher(javaExecutable, engineJar.toString()));
        line.addAll(List.of(args));
        Path stderr = home.resolve("engine-" + args[0] + ".log");
        Process process = new ProcessBuilder(line).redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
                .start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, java.util.concurrent.TimeUnit.MINUTES), "engine " + args[0] + " hangs");
        assertEquals(0, process.exitValue(), String.join(" ", args) + ":\n" + stdout + "\n" + Files.readString(stderr));
        return stdout;
    }

    /**
     * A global Secret text credential, created through the script console as an administrator would, holding the PEM
     * text on one line, as it is when pasted into the credential form's single-line field.
     */
    private static void createSecretTextCredential(String id, String content) throws Exception {
        String script = """
                import com.cloudbees.plugins.credentials.CredentialsScope
                import com.cloudbees.plugins.credentials.SystemCredentialsProvider
                import com.cloudbees.plugins.credentials.domains.Domain
                import hudson.util.Secret
                import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl
                def store = SystemCredentialsProvider.getInstance().getStore()
                store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL, '%s',
                        'RealJenkinsIT fleet signing key', Secret.fromString('%s')))
                print('created')
                """.formatted(id, content.replace("\n", ""));
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/scriptText"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("script=" + java.net.URLEncoder.encode(script,
                        StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, created.statusCode(), created.body());
        assertTrue(created.body().contains("created"), created.body());
    }

    private static java.security.KeyPair ed25519() {
        try {
            return java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String xmlEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A small, seeded pump sensor dataset: three numeric features and a two-class label that depends on them. */
    private static void writeDataset(Path file) throws IOException {
        Random random = new Random(1);
        List<String> rows = new ArrayList<>();
        rows.add("temp,vibration,rpm,state");
        for (int i = 0; i < 400; i++) {
            double temp = 40 + random.nextGaussian() * 8;
            double vibration = 0.5 + random.nextGaussian() * 0.2;
            double rpm = 1500 + random.nextGaussian() * 200;
            String state = temp + 20 * vibration > 52 ? "worn" : "ok";
            rows.add(String.format(Locale.ROOT, "%.3f,%.4f,%.1f,%s", temp, vibration, rpm, state));
        }
        Files.write(file, rows);
    }
}
