package io.jenkins.plugins.edgemlops;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Base of every step that runs one engine command on the agent. A step declares its parameters (required ones in its
 * {@code @DataBoundConstructor}, optional ones as {@code @DataBoundSetter}s), then says here how they map to engine
 * flags; running, streaming, result parsing, exit codes and the build page are handled once, by
 * {@link EngineStepExecution}. Common optional parameters: {@code store} and {@code failOnError}.
 */
public abstract class EngineStep extends Step {

    /** What every engine step needs from its context: it runs in a workspace on a node ({@code node { }} block). */
    public static final Set<Class<?>> REQUIRED_CONTEXT =
            Set.of(FilePath.class, Launcher.class, TaskListener.class, EnvVars.class, Run.class);

    private String store;
    private boolean failOnError = true;

    /** The Pipeline function name, e.g. {@code trainModel}; prefixes every error message. */
    protected abstract String functionName();

    /** The engine subcommand, e.g. {@code train}. */
    protected abstract String subcommand();

    /**
     * Checks this step's own parameters and adds them, in a stable order, as engine flags. Named after the step's
     * parameters ({@code args.add("batchSize", ...)} renders {@code --batch-size=...}).
     */
    protected abstract void addArguments(ArgumentChecks checks, EngineArguments args);

    /** The build-page section for a result, or {@code null} when this step shows nothing there. */
    protected EdgeMlopsSection toSection(Map<String, Object> result) {
        return null;
    }

    /** Fills in result entries the engine may leave out but scripts rely on (e.g. the report path). */
    protected void completeResult(Map<String, Object> result) {
    }

    /**
     * Checks every parameter and builds the engine command.
     *
     * @throws StepArgumentException naming the step and each invalid parameter
     */
    public final EngineCommand toEngineCommand() {
        ArgumentChecks checks = new ArgumentChecks(functionName());
        EngineArguments args = new EngineArguments();
        addArguments(checks, args);
        args.add("store", checks.optionalText(store));
        checks.throwIfInvalid();
        return new EngineCommand(subcommand(), args.toList());
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        EngineCommand command;
        try {
            command = toEngineCommand();
        } catch (StepArgumentException invalid) {
            throw new AbortException(invalid.getMessage());
        }
        return new EngineStepExecution(context, this, command);
    }

    final String function() {
        return functionName();
    }

    public String getStore() {
        return store;
    }

    /** Where models live: {@code s3://bucket/prefix} or {@code local:DIR}; default: {@code EDGE_MLOPS_STORE} of the build. */
    @DataBoundSetter
    public void setStore(String store) {
        this.store = store == null || store.isBlank() ? null : store.trim();
    }

    public boolean isFailOnError() {
        return failOnError;
    }

    /** When false, a failed check returns {@code passed: false} instead of failing the build. */
    @DataBoundSetter
    public void setFailOnError(boolean failOnError) {
        this.failOnError = failOnError;
    }
}
