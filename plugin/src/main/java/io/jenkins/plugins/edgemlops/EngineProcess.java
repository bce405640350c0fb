package io.jenkins.plugins.edgemlops;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One engine run as a separate Java process on the node of {@code workspace}: installs the engine in the cache
 * {@link EngineCache} chooses, runs the command in the workspace with the build's engine variables, copies its stderr
 * (masked) to {@code stderrTo} and captures its stdout. When a container block's process cannot see the agent's home, it
 * runs once more with the engine next to the workspace. Blocks until the process ends; interrupting the calling thread
 * makes Jenkins kill the process.
 *
 * @param exitCode   the process's exit code
 * @param stdout     everything it printed on stdout (the JSON result), truncated at {@link ResultCapture#DEFAULT_LIMIT}
 * @param overflowed whether stdout went beyond that limit
 * @param stderrTail its last stderr lines, masked, for error messages
 */
record EngineProcess(int exitCode, String stdout, boolean overflowed, List<String> stderrTail) {

    private static final int STDERR_TAIL_LINES = 20;

    /**
     * @param workspace where the process runs (a workspace, or a folder on the built-in node)
     * @param launcher  the launcher of that node
     * @param listener  the build log, for engine installation messages
     * @param buildEnv  the build's environment: engine variables, java, lineage
     * @param command   the engine command
     * @param stderrTo  where the engine's stderr lines go, masked (the build log, or a sink for quiet runs)
     */
    static EngineProcess run(FilePath workspace, Launcher launcher, TaskListener listener, Map<String, String> buildEnv,
            EngineCommand command, PrintStream stderrTo) throws IOException, InterruptedException {
        // A step may be the first thing that runs on a fresh agent: nothing has created the workspace yet.
        workspace.mkdirs();
        EngineCache cache = EngineCache.choose(workspace, buildEnv);
        EngineProcess run = launch(cache, workspace, launcher, listener, buildEnv, command, stderrTo);
        if (run.exitCode() != 0 && !cache.nextToWorkspace() && EngineCache.jarNotVisible(run.stderrTail())) {
            // A container block runs the process where the agent's home is not mounted: the workspace is.
            listener.getLogger().println("[edge-mlops] this process cannot see " + cache.engineDirectory().getRemote()
                    + " (a container block?): using the folder next to the workspace instead");
            cache = EngineCache.nextToWorkspace(workspace, buildEnv);
            run = launch(cache, workspace, launcher, listener, buildEnv, command, stderrTo);
        }
        return run;
    }

    /** Installs the engine in {@code cache} and runs the command once. */
    private static EngineProcess launch(EngineCache cache, FilePath workspace, Launcher launcher, TaskListener listener,
            Map<String, String> buildEnv, EngineCommand command, PrintStream stderrTo)
            throws IOException, InterruptedException {
        FilePath engineJar = EngineJar.installOn(cache, listener);
        List<String> commandLine = EngineCommandLine.build(
                EngineCommandLine.javaExecutable(buildEnv, launcher.isUnix()), engineJar.getRemote(), command, buildEnv);
        Map<String, String> env = new TreeMap<>(EngineEnvironment.forEngine(buildEnv));
        cache.environment().forEach(env::putIfAbsent);
        ResultCapture stdout = new ResultCapture(ResultCapture.DEFAULT_LIMIT);
        EngineLogStream stderr = new EngineLogStream(stderrTo, EngineEnvironment.secrets(buildEnv), STDERR_TAIL_LINES);
        int exitCode;
        try {
            exitCode = launcher.launch()
                    .cmds(commandLine)
                    .envs(env)
                    .pwd(workspace)
                    .stdout(stdout)
                    .stderr(stderr)
                    .quiet(true)
                    .join();
        } finally {
            stderr.close();
        }
        return new EngineProcess(exitCode, stdout.text(), stdout.overflowed(), stderr.tail());
    }
}
