package io.jenkins.plugins.edgemlops;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs one engine command as a separate Java process on the agent, in the workspace, on a background thread (never on
 * the CPS VM thread): the engine's stderr goes to the build log with secrets masked, its stdout is the JSON result,
 * returned to the script as a {@code LinkedHashMap}. Aborting the build interrupts the wait, and Jenkins then kills
 * the process.
 */
final class EngineStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

    private static final long serialVersionUID = 1L;
    private static final int STDERR_TAIL_LINES = 20;

    /* Both transient: Jenkins ends a synchronous non-blocking execution on controller restart instead of resuming it,
       so nothing needs to survive serialization of the program state. */
    private final transient EngineStep step;
    private final transient EngineCommand command;

    EngineStepExecution(StepContext context, EngineStep step, EngineCommand command) {
        super(context);
        this.step = step;
        this.command = command;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepContext context = getContext();
        FilePath workspace = context.get(FilePath.class);
        Launcher launcher = context.get(Launcher.class);
        TaskListener listener = context.get(TaskListener.class);
        Map<String, String> buildEnv = context.get(EnvVars.class);
        Run<?, ?> run = context.get(Run.class);
        PrintStream log = listener.getLogger();

        // A step may be the first thing that runs on a fresh agent: nothing has created the workspace yet.
        workspace.mkdirs();
        log.println("[edge-mlops] " + command.display());
        EngineCache cache = EngineCache.choose(workspace, buildEnv);
        EngineRun engineRun = launch(cache, workspace, launcher, listener, buildEnv);
        if (engineRun.exitCode() != 0 && !cache.nextToWorkspace() && EngineCache.jarNotVisible(engineRun.stderrTail())) {
            // A container block runs the process where the agent's home is not mounted: the workspace is.
            log.println("[edge-mlops] this process cannot see " + cache.engineDirectory().getRemote()
                    + " (a container block?): using the folder next to the workspace instead");
            cache = EngineCache.nextToWorkspace(workspace, buildEnv);
            engineRun = launch(cache, workspace, launcher, listener, buildEnv);
        }
        int exitCode = engineRun.exitCode();
        if (engineRun.stdout().overflowed()) {
            throw new AbortException(step.function() + ": the engine printed more than "
                    + (ResultCapture.DEFAULT_LIMIT >> 20) + " MiB on stdout; expected one JSON result");
        }

        EngineOutcome outcome = EngineOutcome.decide(step.function(), exitCode, engineRun.stdout().text(),
                engineRun.stderrTail(), step.failsOnFailedCheck());
        if (outcome.result() != null) {
            EdgeMlopsSection section = step.toSection(outcome.result());
            if (section != null) {
                EdgeMlopsAction.record(run, section);
            }
        }
        if (outcome.failed()) {
            throw new AbortException(outcome.failure());
        }
        return outcome.result();
    }

    /** What one engine process left: its exit code, its captured stdout and the last lines of its stderr. */
    private record EngineRun(int exitCode, ResultCapture stdout, List<String> stderrTail) {
    }

    /** Installs the engine in {@code cache} and runs the command once, streaming stderr to the build log. */
    private EngineRun launch(EngineCache cache, FilePath workspace, Launcher launcher, TaskListener listener,
            Map<String, String> buildEnv) throws IOException, InterruptedException {
        FilePath engineJar = EngineJar.installOn(cache, listener);
        List<String> commandLine = EngineCommandLine.build(
                EngineCommandLine.javaExecutable(buildEnv, launcher.isUnix()), engineJar.getRemote(), command, buildEnv);
        Map<String, String> env = new TreeMap<>(EngineEnvironment.forEngine(buildEnv));
        cache.environment().forEach(env::putIfAbsent);
        ResultCapture stdout = new ResultCapture(ResultCapture.DEFAULT_LIMIT);
        EngineLogStream stderr = new EngineLogStream(listener.getLogger(), EngineEnvironment.secrets(buildEnv),
                STDERR_TAIL_LINES);
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
        return new EngineRun(exitCode, stdout, stderr.tail());
    }
}
