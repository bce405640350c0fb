package io.jenkins.plugins.edgemlops;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.edgemlops.contract.Parameter;
import io.edgemlops.contract.StepContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Base of every step that runs one engine command on the agent. A step declares its parameters for Jenkins' data
 * binding (required ones in its {@code @DataBoundConstructor}, optional ones as {@code @DataBoundSetter}s, each with a
 * getter) and names its {@link StepContract}; checking, rendering flags, running, streaming, result parsing, exit codes
 * and the build page are handled once, here and in {@link EngineStepExecution}. Common optional parameter:
 * {@code store}; steps whose command ends in a check that can fail extend {@link CheckingEngineStep}, which adds
 * {@code failOnError}.
 */
public abstract class EngineStep extends Step {

    /** What every engine step needs from its context: it runs in a workspace on a node ({@code node { }} block). */
    public static final Set<Class<?>> REQUIRED_CONTEXT =
            Set.of(FilePath.class, Launcher.class, TaskListener.class, EnvVars.class, Run.class);

    private String store;

    /** The step's contract: its function, command, parameters and result keys. */
    protected abstract StepContract contract();

    /** The build-page section for a result, or {@code null} when this step shows nothing there. */
    protected EdgeMlopsSection toSection(Map<String, Object> result) {
        return null;
    }

    /**
     * Checks every parameter against the contract and builds the engine command, before anything is sent to the
     * agent: a bad argument fails in the same words the CLI uses.
     *
     * @throws StepArgumentException naming the step and each invalid parameter
     */
    public final EngineCommand toEngineCommand() {
        StepContract contract = contract();
        List<String> problems = new ArrayList<>();
        EngineArguments args = new EngineArguments();
        for (Parameter p : contract.pipelineParameters()) {
            int before = problems.size();
            Object value = GroovyValues.convert(p, StepProperties.read(this, p), problems);
            if (problems.size() == before) {
                p.check(value).ifPresent(problems::add);
            }
            if (p.surface().inCli()) {
                args.add(p.cliFlag(), value);
            }
        }
        if (!problems.isEmpty()) {
            throw new StepArgumentException(contract.function() + ": " + String.join("; ", problems));
        }
        return new EngineCommand(contract.command(), args.toList());
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
        return contract().function();
    }

    public String getStore() {
        return store;
    }

    @DataBoundSetter
    public void setStore(String store) {
        this.store = store == null || store.isBlank() ? null : store.trim();
    }

    /**
     * Whether a failed check (engine exit code 1) fails the step. A step without {@code failOnError} has no check that
     * returns a result, so an exit code 1 can only be the engine failing, which always fails the step.
     */
    boolean failsOnFailedCheck() {
        return true;
    }
}
