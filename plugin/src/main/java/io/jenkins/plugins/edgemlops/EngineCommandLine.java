package io.jenkins.plugins.edgemlops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The full command line of one engine run on the agent: the agent's java, fixed JVM flags, the cached engine jar,
 * the step's subcommand and flags, {@code --json}, and the build's lineage. Credentials never appear here; they travel
 * in the environment ({@link EngineEnvironment}).
 */
public final class EngineCommandLine {

    /**
     * The training run's memory flags, also in the {@code edge-mlops} launcher and the training benches: the serial
     * collector with a 64 MB young generation, and a heap that keeps at most 20 % free. Training is one thread
     * holding a large dataset: no collector threads compete with it, and the process's memory follows the data it
     * holds (a million rows of 16 features peaked at 523 MB against 1,048 MB with the JVM's defaults, and trained at
     * 189k instead of 138k rows/s; see bench/README.md, "Training at volume"). Only for {@code train}: the commands
     * that run many threads on little data (the simulated fleet, the gate) ran 40 % longer with them (the demo took
     * 150 s instead of 107 s), so they keep the JVM's default collector.
     */
    public static final List<String> TRAINING_MEMORY_FLAGS = List.of(
            "-XX:+UseSerialGC", "-Xmn64m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20");

    /** The subcommand that gets {@link #TRAINING_MEMORY_FLAGS}. */
    static final String TRAINING_SUBCOMMAND = "train";

    /** JVM flags for every engine run: DJL never downloads (the PyTorch natives are inside the jar); one intra-op
     *  and one inter-op thread, measurably faster than the defaults on small agents. */
    public static final List<String> JVM_FLAGS = List.of(
            "-Dai.djl.offline=true",
            "-Dai.djl.pytorch.num_threads=1",
            "-Dai.djl.pytorch.num_interop_threads=1",
            // The plugin decodes the engine's output as UTF-8 whatever the agent's default charset is.
            "-Dfile.encoding=UTF-8",
            "-Dstdout.encoding=UTF-8",
            "-Dstderr.encoding=UTF-8");

    private EngineCommandLine() {
    }

    /**
     * @param java      java executable on the agent, see {@link #javaExecutable(Map, boolean)}
     * @param engineJar absolute path of the engine jar on the agent
     * @param command   the step's subcommand and flags
     * @param buildEnv  the build's environment; {@code BUILD_URL} and {@code BUILD_TAG} become lineage flags
     */
    public static List<String> build(String java, String engineJar, EngineCommand command, Map<String, String> buildEnv) {
        List<String> line = new ArrayList<>(launcher(java, engineJar,
                TRAINING_SUBCOMMAND.equals(command.subcommand()) ? TRAINING_MEMORY_FLAGS : List.of()));
        line.add(command.subcommand());
        line.addAll(command.arguments());
        line.add("--json");
        line.addAll(new EngineArguments()
                .add("--build-url", nonBlank(buildEnv.get("BUILD_URL")))
                .add("--build-id", nonBlank(buildEnv.get("BUILD_TAG")))
                .toList());
        return line;
    }

    /** The part before the subcommand: {@code java <JVM flags> -jar <engine jar>}. */
    public static List<String> launcher(String java, String engineJar) {
        return launcher(java, engineJar, List.of());
    }

    private static List<String> launcher(String java, String engineJar, List<String> moreFlags) {
        List<String> line = new ArrayList<>();
        line.add(java);
        line.addAll(JVM_FLAGS);
        line.addAll(moreFlags);
        line.add("-jar");
        line.add(engineJar);
        return line;
    }

    /** Environment variable naming the Java 17+ executable to run the engine with, when JAVA_HOME is an older JDK. */
    public static final String JAVA_OVERRIDE = "EDGE_MLOPS_JAVA";

    /**
     * {@code EDGE_MLOPS_JAVA} when set (a java executable), else {@code $JAVA_HOME/bin/java} when the build environment
     * names a JAVA_HOME, else {@code java} from the agent's PATH.
     */
    public static String javaExecutable(Map<String, String> buildEnv, boolean unix) {
        String override = nonBlank(buildEnv.get(JAVA_OVERRIDE));
        if (override != null) {
            return override;
        }
        String javaHome = nonBlank(buildEnv.get("JAVA_HOME"));
        if (javaHome == null) {
            return "java";
        }
        char separator = unix ? '/' : '\\';
        while (javaHome.length() > 1 && (javaHome.endsWith("/") || javaHome.endsWith("\\"))) {
            javaHome = javaHome.substring(0, javaHome.length() - 1);
        }
        return javaHome + separator + "bin" + separator + (unix ? "java" : "java.exe");
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
