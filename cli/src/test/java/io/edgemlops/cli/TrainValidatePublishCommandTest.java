package io.edgemlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgemlops.contract.PublishToEdgeContract;
import io.edgemlops.contract.ResultKey;
import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.rollout.DesiredState;
import io.edgemlops.rollout.FleetKeys;
import io.edgemlops.rollout.RolloutRecord;
import io.edgemlops.rollout.SignedDocument;
import io.edgemlops.rollout.SigningKeys;
import io.edgemlops.store.Json;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * keys generate, then train, validate and publish on the embedded store as the Jenkins plugin calls them: the result
 * keys, the signed desired state, the refusals with their exit codes, the overrides and where the key comes from.
 */
class TrainValidatePublishCommandTest {

    @TempDir
    static Path dir;
    static Path keys;
    static String keyId;
    static int v1;
    static int v2;

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return Json.MAPPER.readTree(out);
        }

        String lastErrLine() {
            List<String> lines = err.lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    static Run bare(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EdgeMlops.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--store=local:" + dir.resolve("store"));
        all.add("--json");
        return bare(all.toArray(String[]::new));
    }

    static Run publish(String fleet, String... more) {
        List<String> all = new ArrayList<>(List.of("publish", "--model=pump", "--fleet=" + fleet));
        all.addAll(List.of(more));
        return run(all.toArray(String[]::new));
    }

    static String key() {
        return "--signing-key=" + keys.resolve("eu.key");
    }

    @BeforeAll
    static void keysAndTwoValidatedVersions() throws Exception {
        Run generated = bare("keys", "generate", "--out", dir.resolve("keys").toString(), "--name", "eu", "--json");
        assertEquals(0, generated.code(), generated.err());
        keys = dir.resolve("keys");
        keyId = generated.json().get("keyId").asText();

        Path csv = dir.resolve("pump.csv");
        new SensorDataGenerator(2).writeCsv(csv, 1500);
        List<Integer> versions = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Run train = run("train", "--model=pump", "--dataset=" + csv, "--label=state", "--epochs=3", "--hidden=16");
            assertEquals(0, train.code(), train.err());
            int version = train.json().get("version").asInt();
            Run validate = run("validate", "--model=pump", "--version=" + version, "--target=raspberry-pi-4",
                    "--report=" + dir.resolve("reports/pi4-" + version + ".xml"));
            assertEquals(0, validate.code(), validate.err());
            versions.add(version);
        }
        v1 = versions.get(0);
        v2 = versions.get(1);
    }

    @AfterEach
    void realEnvironment() {
        PublishCommand.env = System.getenv();
    }

    @Test
    void keysGenerateWritesAnOwnerOnlyPrivateKeyAndAPublicKeyAndNeverPrintsTheKey() throws Exception {
        Path privateKey = keys.resolve("eu.key");
        Path publicKey = keys.resolve("eu.pub");
        assertTrue(Files.readString(privateKey).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertTrue(Files.readString(publicKey).startsWith("-----BEGIN PUBLIC KEY-----"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey)));
        assertEquals(SigningKeys.keyId(SigningKeys.readPublicKey(publicKey)), keyId);
        assertTrue(keyId.matches("[0-9a-f]{16}"), keyId);

        Run again = bare("keys", "generate", "--out", keys.toString(), "--name", "eu");
        assertEquals(ExitCodes.BAD_INPUT, again.code());
        assertEquals("edge-mlops: " + privateKey + " exists; not overwriting a key", again.lastErrLine());

        Run other = bare("keys", "generate", "--out", dir.resolve("other-keys").toString());
        assertEquals(0, other.code(), other.err());
        String body = Files.readString(dir.resolve("other-keys/fleet.key")).lines()
                .filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertFalse((other.out() + other.err()).contains(body), "the private key is never printed");
        assertTrue(other.out().contains("publicKeyFile: " + dir.resolve("other-keys/fleet.pub")), other.out());
        assertTrue(other.err().contains("key id "), other.err());

        Run badName = bare("keys", "generate", "--out", keys.toString(), "--name", "../escape");
        assertEquals(ExitCodes.BAD_INPUT, badName.code());
        Run noOut = bare("keys", "generate");
        assertEquals(ExitCodes.BAD_INPUT, noOut.code());
        assertTrue(noOut.lastErrLine().contains("--out"), noOut.err());
    }

    @Test
    void publishReturnsTheContractsKeysAndWritesADesiredStateThePublicKeyVerifies() throws Exception {
        Run r = publish("eu", "--version=" + v1, "--targets=raspberry-pi-4=fp32", key(), "--reason=nightly",
                "--build-url=https://ci/job/pump/7/");

        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.out().trim().lines().count(), "exactly one JSON object on stdout");
        JsonNode p = r.json();
        for (ResultKey k : PublishToEdgeContract.STEP.results()) {
            assertEquals(k.always(), p.has(k.name()), k.name() + " in " + p);
        }
        assertTrue(p.get("rollout").asText().matches("pump-v" + v1 + "-\\d{8}T\\d{6}Z"), p.toString());
        assertEquals("eu", p.get("fleet").asText());
        assertEquals("pump", p.get("model").asText());
        assertEquals(v1, p.get("version").asInt());
        assertEquals(1, p.get("wave").asInt());
        assertEquals(List.of("5%", "25%", "100%"), Json.MAPPER.convertValue(p.get("waves"), List.class));
        assertEquals(Map.of("raspberry-pi-4", "fp32"), Json.MAPPER.convertValue(p.get("targets"), Map.class));
        assertFalse(p.get("shadow").asBoolean());
        assertEquals(0, p.get("overrides").size());
        assertEquals(keyId, p.get("keyId").asText());
        assertTrue(r.err().contains("rollout " + p.get("rollout").asText() + ": pump@" + v1 + " to fleet eu, signed "
                + "with key " + keyId), r.err());
        assertTrue(r.err().contains("waves: [5%] 25% 100% (wave 1 of 3 now)"), r.err());
        assertTrue(r.err().matches("(?s).*raspberry-pi-4 +fp32 +[0-9.]+ KiB +[0-9a-f]{12}\\n.*"), r.err());
        assertTrue(r.err().contains("previous version: none (no rollout of pump to eu finished before this one)"), r.err());

        try (OpenStore open = Stores.open(StoreLocation.parse("local:" + dir.resolve("store"), null))) {
            SignedDocument signed = Json.fromBytes(open.store().getBytes(FleetKeys.desired("eu", "pump")).orElseThrow(),
                    SignedDocument.class, "desired");
            assertEquals(keyId, signed.keyId());
            DesiredState d = Json.fromBytes(signed.verifiedPayload(SigningKeys.readPublicKey(keys.resolve("eu.pub"))),
                    DesiredState.class, "desired");
            assertEquals(p.get("rollout").asText(), d.rollout());
            assertEquals(5.0, d.cohortPercent());
        }
        Run history = run("models", "history", "pump");
        JsonNode last = history.json().get("entries").get(history.json().get("entries").size() - 1);
        assertEquals("published", last.get("event").asText(), last.toString());
        assertEquals("nightly", last.get("reason").asText(), last.toString());
    }

    @Test
    void anUnvalidatedTargetIsRefusedWithExitTwoUnlessAllowedAndThenRecorded() throws Exception {
        Run refused = publish("unvalidated", "--version=" + v1, "--targets=raspberry-pi-4=fp32,x86-gateway=fp32",
                key());

        assertEquals(ExitCodes.BAD_INPUT, refused.code(), refused.err());
        String message = "pump@" + v1 + " fp32 has no passing validation for x86-gateway: run validateForTarget("
                + "model: 'pump', version: " + v1 + ", target: 'x86-gateway', variant: 'fp32') first, or publish with "
                + "allowUnvalidated: true";
        assertEquals("edge-mlops: " + message, refused.lastErrLine());
        assertEquals(message, refused.json().get("error").asText());
        assertEquals(ExitCodes.BAD_INPUT, refused.json().get("exitCode").asInt());

        Run allowed = publish("unvalidated", "--version=" + v1, "--targets=raspberry-pi-4=fp32,x86-gateway=fp32",
                "--allow-unvalidated", key());
        assertEquals(0, allowed.code(), allowed.err());
        JsonNode p = allowed.json();
        assertEquals(List.of("published without a passing validation: pump@" + v1 + " fp32 has no passing "
                + "validation for x86-gateway"), Json.MAPPER.convertValue(p.get("overrides"), List.class));
        assertEquals(List.of("raspberry-pi-4", "x86-gateway"), Json.MAPPER.convertValue(p.get("targets"), Map.class)
                .keySet().stream().toList(), "targets sorted by name");
        assertTrue(allowed.err().contains("  override: published without a passing validation"), allowed.err());
    }

    @Test
    void aSecondRolloutWhileOneIsInProgressIsAConflictUnlessItSupersedes() throws Exception {
        Run first = publish("us", "--version=" + v1, "--targets=raspberry-pi-4=fp32", key());
        assertEquals(0, first.code(), first.err());
        String firstId = first.json().get("rollout").asText();

        Run conflict = publish("us", "--version=" + v2, "--targets=raspberry-pi-4=fp32", key());
        assertEquals(ExitCodes.RUNTIME_ERROR, conflict.code(), conflict.err());
        assertTrue(conflict.lastErrLine().startsWith("edge-mlops: rollout " + firstId + " of pump version " + v1
                + " to fleet us is still in progress (wave 1 of 3); "), conflict.err());
        assertTrue(conflict.lastErrLine().endsWith("or publish with supersede: true"), conflict.err());
        assertEquals(ExitCodes.RUNTIME_ERROR, conflict.json().get("exitCode").asInt());

        Run superseding = publish("us", "--version=" + v2, "--targets=raspberry-pi-4=fp32", "--supersede",
                "--waves=10,100", "--shadow", key());
        assertEquals(0, superseding.code(), superseding.err());
        JsonNode p = superseding.json();
        assertEquals(firstId, p.get("supersedes").asText());
        assertEquals(v2, p.get("version").asInt());
        assertTrue(p.get("shadow").asBoolean());
        assertEquals(List.of("10%", "100%"), Json.MAPPER.convertValue(p.get("waves"), List.class));
        assertTrue(p.get("overrides").get(0).asText().startsWith("superseded rollout " + firstId), p.toString());
        assertFalse(p.has("previousVersion"), "the superseded rollout never completed: " + p);
        assertTrue(superseding.err().contains("  supersedes: " + firstId), superseding.err());
        assertTrue(superseding.err().contains("  shadow: the first wave runs version " + v2), superseding.err());
    }

    @Test
    void afterARolloutFinishedItsVersionIsTheOneToGoBackTo() throws Exception {
        Run first = publish("asia", "--version=" + v1, "--targets=raspberry-pi-4=fp32", key());
        assertEquals(0, first.code(), first.err());
        // What the drift gate does after the last wave: the record says COMPLETED.
        try (OpenStore open = Stores.open(StoreLocation.parse("local:" + dir.resolve("store"), null))) {
            String record = FleetKeys.rollout("asia", "pump", first.json().get("rollout").asText());
            RolloutRecord r = Json.fromBytes(open.store().getBytes(record).orElseThrow(), RolloutRecord.class, record);
            open.store().putBytes(record, Json.toPrettyBytes(r.withStatus(RolloutRecord.Status.COMPLETED,
                    java.time.Instant.now())));
        }

        Run second = publish("asia", "--version=" + v2, "--targets=raspberry-pi-4=fp32", key());

        assertEquals(0, second.code(), second.err());
        assertEquals(v1, second.json().get("previousVersion").asInt());
        assertTrue(second.err().contains("  previous version: " + v1 + "\n"), second.err());
    }

    @Test
    void withoutAKeyThePublishIsRefusedNamingBothWaysBeforeTheStoreOpens() {
        PublishCommand.env = Map.of();
        Path store = dir.resolve("never-created");

        Run r = bare("publish", "--model=pump", "--fleet=eu", "--targets=raspberry-pi-4=fp32",
                "--store=local:" + store);

        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertEquals("edge-mlops: no signing key: give signingKey (--signing-key FILE), the path of an Ed25519 "
                + "private key in PEM form, or set EDGE_MLOPS_SIGNING_KEY to its PEM text or path; 'edge-mlops keys "
                + "generate --out DIR' makes a key pair", r.lastErrLine());
        assertFalse(Files.exists(store));
        Run missingFile = bare("publish", "--model=pump", "--fleet=eu", "--targets=raspberry-pi-4=fp32",
                "--signing-key=" + dir.resolve("no-such.key"), "--store=local:" + store);
        assertEquals(ExitCodes.BAD_INPUT, missingFile.code());
        assertTrue(missingFile.lastErrLine().startsWith("edge-mlops: cannot read the key file "
                + dir.resolve("no-such.key")), missingFile.err());
        assertFalse(Files.exists(store));
    }

    @Test
    void theEnvironmentVariableHoldsThePemTextOrAPathAndABadValueIsNeverRepeated() throws Exception {
        String pem = Files.readString(keys.resolve("eu.key"));
        PublishCommand.env = Map.of("EDGE_MLOPS_SIGNING_KEY", pem);
        Run fromText = publish("env-text", "--version=" + v1, "--targets=raspberry-pi-4=fp32");
        assertEquals(0, fromText.code(), fromText.err());
        assertEquals(keyId, fromText.json().get("keyId").asText());

        PublishCommand.env = Map.of("EDGE_MLOPS_SIGNING_KEY", keys.resolve("eu.key").toString());
        Run fromPath = publish("env-path", "--version=" + v1, "--targets=raspberry-pi-4=fp32");
        assertEquals(0, fromPath.code(), fromPath.err());
        assertEquals(keyId, fromPath.json().get("keyId").asText());

        PublishCommand.env = Map.of("EDGE_MLOPS_SIGNING_KEY", "s3cr3t-not-a-key");
        Run garbage = publish("env-bad", "--targets=raspberry-pi-4=fp32");
        assertEquals(ExitCodes.BAD_INPUT, garbage.code());
        assertEquals("edge-mlops: EDGE_MLOPS_SIGNING_KEY holds neither the PEM text of a private key ('-----BEGIN "
                + "PRIVATE KEY-----' …) nor the path of a readable file", garbage.lastErrLine());
        assertFalse((garbage.out() + garbage.err()).contains("s3cr3t"));

        PublishCommand.env = Map.of("EDGE_MLOPS_SIGNING_KEY", Files.readString(keys.resolve("eu.pub")));
        Run publicKey = publish("env-public", "--targets=raspberry-pi-4=fp32");
        assertEquals(ExitCodes.BAD_INPUT, publicKey.code());
        assertEquals("edge-mlops: the EDGE_MLOPS_SIGNING_KEY environment variable holds no '-----BEGIN PRIVATE "
                + "KEY-----' block", publicKey.lastErrLine());
    }

    @Test
    void badTargetsAndWavesAreRefusedInTheContractsWordsBeforeTheKeyOrTheStore() {
        Path store = dir.resolve("never-created-either");
        Run r = bare("publish", "--model=pump", "--fleet=eu", "--targets=raspberry-pi-4", "--waves=5,3,100",
                "--store=local:" + store);

        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.lastErrLine().startsWith("edge-mlops: "
                + PublishToEdgeContract.TARGETS.check(Map.of("raspberry-pi-4", "")).orElseThrow() + "; "
                + PublishToEdgeContract.WAVES.check(List.of("5", "3", "100")).orElseThrow()), r.err());
        Run twice = bare("publish", "--model=pump", "--fleet=eu", "--targets=a=int8,a=fp32", "--store=local:" + store);
        assertTrue(twice.lastErrLine().startsWith("edge-mlops: targets (--targets) names a twice, got "
                + "'a=int8,a=fp32'"), twice.err());
        assertFalse(Files.exists(store));
    }

    @Test
    void aPilotNeedsDevicesThatHaveReported() throws Exception {
        Run r = publish("pilots", "--version=" + v1, "--targets=raspberry-pi-4=fp32", "--waves=1@raspberry-pi-4,100",
                key());

        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.lastErrLine().contains("needs 1 device(s) of target raspberry-pi-4, but fleet pilots has 0 that "
                + "reported"), r.err());
    }

    @Test
    void theContractsDefaultWavesAreTheEngines() {
        assertEquals(io.edgemlops.rollout.Wave.DEFAULT,
                io.edgemlops.rollout.Wave.parseAll(PublishToEdgeContract.DEFAULT_WAVES));
    }
}
