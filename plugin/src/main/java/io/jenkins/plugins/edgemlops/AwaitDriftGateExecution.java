package io.jenkins.plugins.edgemlops;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The asynchronous execution of {@code awaitDriftGate}. {@link #start()} returns at once; each poll is one short engine
 * run ({@code edge-mlops gate --once --judged-wave N}) on a thread of Jenkins' pool for blocking work
 * ({@link Computer#threadPoolForRemoting}, which runs tasks as SYSTEM like the timer's and resets each thread's
 * context afterwards), handed there by Jenkins' {@link Timer} when the poll is due: neither the CPS VM thread nor a timer
 * thread ever waits for the engine, and no thread is used between polls. {@link DriftGatePolls} decides after each poll what happens next.
 *
 * <p>Where a poll runs: inside {@code node {}} on that node, in the workspace, like every other step; outside, on the
 * controller's built-in node as a separate process in {@code $JENKINS_HOME/edge-mlops/gate} (the built-in node needs no
 * executor for that). Both are read from the context at each poll, so after a restart a poll waits for the agent to
 * reconnect (an unreachable agent is retried like a store error).
 *
 * <p>What survives a controller restart is this object as Pipeline saved it: the plan and the small
 * {@link GateProgress} (rollout, judged wave, poll count, interval, next poll time). {@link #onResume()} schedules the
 * next poll; because each poll names the wave it judges, a decision the engine made while Jenkins was down is answered
 * again rather than the next wave being judged. {@link #stop(Throwable)} cancels the scheduled poll, interrupts a
 * running one (Jenkins then kills the engine process) and fails the step at once.
 */
final class AwaitDriftGateExecution extends StepExecution {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(AwaitDriftGateExecution.class.getName());

    /** Folder on the built-in node a poll runs in when the step is not inside {@code node {}}. */
    static final String CONTROLLER_FOLDER = "edge-mlops/gate";

    private final GatePlan plan;
    private volatile GateProgress progress;

    private transient ScheduledFuture<?> scheduled;
    private transient Future<?> polling;
    private transient boolean finished;

    AwaitDriftGateExecution(StepContext context, GatePlan plan, String rollout) {
        super(context);
        this.plan = plan;
        this.progress = GateProgress.first(rollout, plan.intervalMillis(), System.currentTimeMillis());
    }

    @Override
    public boolean start() throws Exception {
        getContext().get(TaskListener.class).getLogger().println("[edge-mlops] " + plan.command(progress).display()
                + ": polling now, then every " + DriftGatePolls.duration(plan.intervalMillis()) + " (up to "
                + DriftGatePolls.MAX_BACKOFF_FACTOR + "x that while no telemetry arrives) until the gate decides");
        submitPoll();
        return false;
    }

    @Override
    public void onResume() {
        long now = System.currentTimeMillis();
        long delay = Math.max(0, progress.nextPollAt() - now);
        progress = progress.dueAt(now + delay);
        try {
            getContext().get(TaskListener.class).getLogger().println("[edge-mlops] Jenkins restarted while the drift "
                    + "gate waited: " + DriftGatePolls.status(progress, false, now));
        } catch (IOException | InterruptedException | RuntimeException noLog) {
            LOGGER.log(Level.FINE, "no build log to report the resumed drift gate in", noLog);
        }
        schedule(delay);
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        ScheduledFuture<?> due;
        Future<?> running;
        synchronized (this) {
            finished = true;
            due = scheduled;
            running = polling;
        }
        if (due != null) {
            due.cancel(false);
        }
        if (running != null) {
            running.cancel(true);
        }
        getContext().onFailure(cause);
    }

    @Override
    public String getStatus() {
        return DriftGatePolls.status(progress, isPolling(), System.currentTimeMillis());
    }

    /** A safe restart waits for a poll in progress (seconds), never for the wait between polls. */
    @Override
    public boolean blocksRestart() {
        return isPolling();
    }

    private synchronized boolean isPolling() {
        return polling != null && !polling.isDone();
    }

    private synchronized void schedule(long delayMillis) {
        if (!finished) {
            scheduled = Timer.get().schedule(this::submitPoll, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** On the timer's thread (or the CPS VM thread, for the first poll): hands the poll to the pool and returns. */
    private synchronized void submitPoll() {
        if (!finished) {
            scheduled = null;
            polling = Computer.threadPoolForRemoting.submit(this::poll);
        }
    }

    /** Claims the step's end; false when it already ended (stopped, or answered). */
    private synchronized boolean finish() {
        if (finished) {
            return false;
        }
        finished = true;
        return true;
    }

    /** One poll, on a pool thread, named for thread dumps while it runs (the pool restores the name). */
    private void poll() {
        String rollout = progress.rollout();
        Thread.currentThread().setName("Edge MLOps drift gate poll" + (rollout == null ? "" : " of " + rollout));
        StepContext context = getContext();
        try {
            TaskListener listener = context.get(TaskListener.class);
            DriftGatePolls.Next next;
            try {
                next = runEngine(context, listener);
            } catch (IOException unreachable) {
                next = DriftGatePolls.afterUnreachable(plan, progress, describe(unreachable),
                        System.currentTimeMillis());
            }
            carryOut(next, context, listener);
        } catch (InterruptedException stopped) {
            // stop() interrupted the engine run, or Jenkins is shutting down: onResume() polls again after a restart.
            LOGGER.log(Level.FINE, "drift gate poll interrupted", stopped);
        } catch (IOException | RuntimeException | Error unexpected) {
            if (finish()) {
                context.onFailure(unexpected);
            }
        }
    }

    private DriftGatePolls.Next runEngine(StepContext context, TaskListener listener)
            throws IOException, InterruptedException {
        FilePath workspace = context.get(FilePath.class);
        Launcher launcher;
        if (workspace == null) {
            Jenkins jenkins = Jenkins.get();
            workspace = jenkins.getRootPath().child(CONTROLLER_FOLDER);
            launcher = jenkins.createLauncher(listener);
        } else {
            launcher = context.get(Launcher.class);
            if (launcher == null) {
                throw new IOException("the agent of this node block is not connected");
            }
        }
        EnvVars buildEnv = context.get(EnvVars.class);
        GateProgress before = progress;
        EngineCommand command = plan.command(before);
        EngineProcess run = EngineProcess.run(workspace, launcher, listener, buildEnv, command,
                new PrintStream(OutputStream.nullOutputStream()));
        if (run.overflowed()) {
            return new DriftGatePolls.Failed(plan.function() + ": the engine printed more than "
                    + (ResultCapture.DEFAULT_LIMIT >> 20) + " MiB on stdout; expected one JSON result", null,
                    java.util.List.of());
        }
        if (run.exitCode() != EngineOutcome.OK && run.exitCode() != EngineOutcome.CHECK_FAILED) {
            // Quiet polls keep the log to one line each; a failed one shows what the engine said.
            listener.getLogger().println("[edge-mlops] " + command.display() + " ended with exit code "
                    + run.exitCode() + ":");
            for (String line : run.stderrTail()) {
                listener.getLogger().println("[edge-mlops]   " + line);
            }
        }
        return DriftGatePolls.afterEngine(plan, before, run.exitCode(), run.stdout(), run.stderrTail(),
                System.currentTimeMillis());
    }

    private void carryOut(DriftGatePolls.Next next, StepContext context, TaskListener listener)
            throws IOException, InterruptedException {
        synchronized (this) {
            if (finished) {
                return;
            }
        }
        for (String line : next.lines()) {
            listener.getLogger().println(line);
        }
        if (next.result() != null) {
            showOnBuildPage(context, listener, next);
        }
        if (next instanceof DriftGatePolls.Again again) {
            progress = again.progress();
            saveState(context);
            schedule(Math.max(0, again.progress().nextPollAt() - System.currentTimeMillis()));
        } else if (next instanceof DriftGatePolls.Done done) {
            if (finish()) {
                context.onSuccess(done.result());
            }
        } else if (next instanceof DriftGatePolls.Failed failed) {
            if (finish()) {
                context.onFailure(new AbortException(failed.message()));
            }
        }
    }

    /** Adds this poll to the gate's section; a build that cannot be saved costs the chart a point, not the gate. */
    private void showOnBuildPage(StepContext context, TaskListener listener, DriftGatePolls.Next next)
            throws IOException, InterruptedException {
        try {
            Run<?, ?> run = context.get(Run.class);
            String rollout = EngineResultParser.text(next.result(), "rollout");
            DriftGateSection previous = DriftGateSection.shown(run.getAction(EdgeMlopsAction.class), rollout);
            EdgeMlopsAction.record(run, DriftGateSection.afterPoll(previous, plan, next.result(),
                    System.currentTimeMillis()));
        } catch (IOException | RuntimeException notSaved) {
            listener.getLogger().println("[edge-mlops] could not update the build page: " + notSaved);
        }
    }

    /** Asks Pipeline to save the changed progress now rather than at its next save; does not wait for it. */
    private static void saveState(StepContext context) {
        try {
            context.saveState();
        } catch (RuntimeException notSaved) {
            LOGGER.log(Level.FINE, "could not request a save of the drift gate's progress", notSaved);
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof AbortException && message != null) {
            return message;
        }
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
