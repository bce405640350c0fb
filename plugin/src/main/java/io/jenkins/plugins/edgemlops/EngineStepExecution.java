package io.jenkins.plugins.edgemlops;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.PrintStream;
import java.util.Map;
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

        log.println("[edge-mlops] " + command.display());
        EngineProcess engineRun = EngineProcess.run(workspace, launcher, listener, buildEnv, command, log);
        if (engineRun.overflowed()) {
            throw new AbortException(step.function() + ": the engine printed more than "
                    + (ResultCapture.DEFAULT_LIMIT >> 20) + " MiB on stdout; expected one JSON result");
        }

        EngineOutcome outcome = EngineOutcome.decide(step.function(), engineRun.exitCode(), engineRun.stdout(),
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
}
