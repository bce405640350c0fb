package io.edgemlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgemlops.ToolVersions;
import io.edgemlops.store.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Help for every command, the version, and unknown commands/options (exit 2, one-line error). */
class HelpAndUsageErrorsTest {

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return Json.MAPPER.readTree(out);
        }

        /** The last stderr line: the error contract's {@code edge-mlops: <message>}. */
        String lastErrLine() {
            List<String> lines = err.strip().lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EdgeMlops.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Every command path below the root, e.g. [train], [models], [models, alias], [help]. */
    static List<List<String>> allCommandPaths() {
        List<List<String>> paths = new ArrayList<>();
        collect(EdgeMlops.commandLine(), new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandLine cmd, List<String> prefix, List<List<String>> paths) {
        for (Map.Entry<String, CommandLine> sub : cmd.getSubcommands().entrySet()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(sub.getKey());
            paths.add(path);
            collect(sub.getValue(), path, paths);
        }
    }

    static void assertUsage(Run r, String usageOf, String what) {
        assertEquals(0, r.code(), what + ": " + r.err());
        assertTrue(r.out().startsWith("Usage: " + usageOf + " "), what + ": " + r.out());
        assertEquals("", r.err(), what);
    }

    @Test
    void rootHelpPrintsUsageToStdoutAndExitsZero() {
        for (String flag : List.of("--help", "-h")) {
            Run r = run(flag);
            assertUsage(r, "edge-mlops", flag);
            assertTrue(r.out().contains("Commands:"), r.out());
        }
        assertUsage(run("help"), "edge-mlops", "help");
    }

    @Test
    void everyCommandAndSubcommandHasHelp() {
        List<List<String>> paths = allCommandPaths();
        assertTrue(paths.contains(List.of("models", "alias")), paths.toString());
        for (List<String> path : paths) {
            String name = "edge-mlops " + String.join(" ", path);
            for (String flag : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(path);
                args.add(flag);
                assertUsage(run(args.toArray(String[]::new)), name, name + " " + flag);
            }
            if (!path.get(0).equals("help")) {
                List<String> args = new ArrayList<>(List.of("help"));
                args.addAll(path);
                assertUsage(run(args.toArray(String[]::new)), name, "edge-mlops help " + String.join(" ", path));
            }
        }
    }

    @Test
    void helpWinsOverMissingRequiredOptions() {
        // train requires --model, --dataset and --label; help must not ask for them.
        assertUsage(run("train", "--help"), "edge-mlops train", "train --help");
        assertUsage(run("validate", "--model", "pump", "-h"), "edge-mlops validate", "validate --model pump -h");
        assertUsage(run("quantize", "--help"), "edge-mlops quantize", "quantize --help");
        assertUsage(run("quantize", "--mode", "fp16", "-h"), "edge-mlops quantize", "quantize --mode fp16 -h");
        assertUsage(run("models", "alias", "--help"), "edge-mlops models alias", "models alias --help");
    }

    @Test
    void versionAtTheRootComesFromTheBuild() {
        for (String flag : List.of("--version", "-V")) {
            Run r = run(flag);
            assertEquals(0, r.code(), r.err());
            List<String> lines = r.out().lines().toList();
            assertEquals("edge-mlops " + ToolVersions.engine(), lines.get(0));
            assertTrue(lines.get(1).contains("ONNX Runtime " + ToolVersions.all().get("onnxruntime")), r.out());
            assertTrue(lines.get(1).contains("DJL " + ToolVersions.all().get("djl")), r.out());
        }
        assertTrue(!ToolVersions.engine().contains("${"), "versions.properties is filtered by Maven");
    }

    @Test
    void validateKeepsItsOwnVersionOption() {
        Run r = run("validate", "--help");
        assertTrue(r.out().contains("--version=VERSION"), r.out());
        assertTrue(!r.out().contains("-V,"), "the root's -V/--version is not inherited: " + r.out());
    }

    @Test
    void quantizeHelpListsTheContractsFlagsAndKeepsItsOwnVersionOption() {
        Run r = run("quantize", "--help");
        assertUsage(r, "edge-mlops quantize", "quantize --help");
        for (String flag : List.of("--model=MODEL", "--version=VERSION", "--mode=MODE", "--weight-only",
                "--calibration=CALIBRATION", "--calibration-rows=CALIBRATIONROWS", "--calibration-method",
                "--percentile=PERCENTILE", "--max-accuracy-drop", "--store")) {
            assertTrue(r.out().contains(flag), flag + " in:\n" + r.out());
        }
        assertTrue(r.out().replaceAll("\\s+", " ").contains("Default: 0.01."), r.out());
        assertTrue(!r.out().contains("--fail-on-error"), "failOnError is a Pipeline-only parameter: " + r.out());
    }

    @Test
    void unknownCommandExitsTwoNamingIt() throws Exception {
        Run r = run("xyz", "--model", "x", "--fleet", "eu");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.lastErrLine().startsWith("edge-mlops: unknown command 'xyz'"), r.err());

        Run json = run("xyz", "--model", "x", "--fleet", "eu", "--json");
        assertEquals(2, json.code());
        assertEquals("unknown command 'xyz'", json.json().get("error").asText());
        assertEquals(2, json.json().get("exitCode").asInt());
        assertEquals("edge-mlops: unknown command 'xyz'", json.lastErrLine());

        Run typo = run("quantise", "--json");
        // picocli's closest first, then others alike: 'publish' shares enough letters with 'quantise'.
        assertEquals("unknown command 'quantise'; did you mean 'quantize' or 'publish'?",
                typo.json().get("error").asText());

        Run nested = run("models", "nope");
        assertEquals(2, nested.code());
        assertTrue(nested.lastErrLine().startsWith("edge-mlops: unknown command 'models nope'"), nested.err());

        Run helpUnknown = run("help", "xyz");
        assertEquals(2, helpUnknown.code());
        assertTrue(helpUnknown.lastErrLine().startsWith("edge-mlops: unknown command 'xyz'"), helpUnknown.err());
    }

    @Test
    void unknownCommandIsAnErrorEvenWithVersionOrHelpOnTheLine() throws Exception {
        // The root's --version used to swallow this: it printed the version and exited 0.
        Run r = run("xyz", "--model", "x", "--version", "1", "--fleet", "eu");
        assertEquals(2, r.code(), r.out());
        assertEquals("", r.out());
        assertTrue(r.lastErrLine().startsWith("edge-mlops: unknown command 'xyz'"), r.err());

        Run json = run("--json", "xyz", "--version", "1");
        assertEquals(2, json.code());
        assertEquals("unknown command 'xyz'", json.json().get("error").asText());

        Run help = run("xyz", "--help");
        assertEquals(2, help.code());
        assertTrue(help.lastErrLine().startsWith("edge-mlops: unknown command 'xyz'"), help.err());
    }

    @Test
    void unknownOptionExitsTwoNamingIt() throws Exception {
        Run root = run("--nope");
        assertEquals(2, root.code());
        assertTrue(root.lastErrLine().startsWith("edge-mlops: unknown option '--nope'"), root.err());

        Run sub = run("models", "list", "--nope", "--json");
        assertEquals(2, sub.code());
        JsonNode error = sub.json();
        assertEquals(2, error.get("exitCode").asInt());
        assertEquals("unknown option '--nope' for 'edge-mlops models list'", error.get("error").asText());

        // Named even though required options are missing too, and with --help on the line.
        Run train = run("train", "--model", "pump", "--bogus");
        assertEquals(2, train.code());
        assertTrue(train.lastErrLine().startsWith("edge-mlops: unknown option '--bogus'"), train.err());
        Run trainVersion = run("train", "--version");
        assertEquals(2, trainVersion.code());
        assertTrue(trainVersion.lastErrLine().startsWith("edge-mlops: unknown option '--version'"), trainVersion.err());
        Run withHelp = run("train", "--help", "--bogus");
        assertEquals(2, withHelp.code());
        assertTrue(withHelp.lastErrLine().startsWith("edge-mlops: unknown option '--bogus'"), withHelp.err());
    }

    @Test
    void parseErrorsAreOneLineAtTheEndOfStderr() {
        Run r = run("train", "--model", "pump");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals("edge-mlops: dataset (--dataset) is required; label (--label) is required "
                + "(see 'edge-mlops train --help')", r.lastErrLine());
    }
}
