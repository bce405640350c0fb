package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine runs with the same JVM flags from Jenkins, from the {@code edge-mlops} launcher and in the benches, so
 * memory and speed measured in one place hold in the others.
 */
class EngineJvmFlagsTest {

    @Test
    void theLauncherAndTheTrainingBenchesUseThePluginsEngineFlags() throws Exception {
        String launcher = Files.readString(Path.of("..", "edge-mlops"));
        String bench = Files.readString(Path.of("..", "bench", "common.sh"));
        List<String> flags = new ArrayList<>(EngineCommandLine.JVM_FLAGS);
        flags.addAll(EngineCommandLine.TRAINING_MEMORY_FLAGS);
        for (String flag : flags) {
            if (flag.startsWith("-Dfile.") || flag.startsWith("-Dstdout.") || flag.startsWith("-Dstderr.")) {
                continue; // how the plugin decodes the engine's output; a terminal needs no such flag
            }
            assertTrue(launcher.contains(" " + flag + " "), "edge-mlops lacks " + flag);
            assertTrue(bench.contains(flag + " ") || bench.contains(flag + ")") || bench.contains(flag + "\n"),
                    "bench/common.sh lacks " + flag);
        }
    }
}
