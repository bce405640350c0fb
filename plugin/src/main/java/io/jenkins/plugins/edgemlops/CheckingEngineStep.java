package io.jenkins.plugins.edgemlops;

import org.kohsuke.stapler.DataBoundSetter;

/**
 * An engine step whose command ends in a check that can fail with a result (engine exit code 1: a validation, a
 * quantization gate): {@code failOnError: false} returns that result with {@code passed: false} instead of failing the
 * build. Steps without such a check ({@code publishToEdge}) extend {@link EngineStep} directly and have no
 * {@code failOnError}, which would change nothing for them.
 */
public abstract class CheckingEngineStep extends EngineStep {

    private boolean failOnError = true;

    public boolean isFailOnError() {
        return failOnError;
    }

    @DataBoundSetter
    public void setFailOnError(boolean failOnError) {
        this.failOnError = failOnError;
    }

    @Override
    boolean failsOnFailedCheck() {
        return failOnError;
    }
}
