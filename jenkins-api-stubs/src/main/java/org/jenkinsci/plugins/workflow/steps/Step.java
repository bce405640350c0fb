package org.jenkinsci.plugins.workflow.steps;

import hudson.model.AbstractDescribableImpl;

/** Stub. The constructor does nothing (rather than throw) so that unit tests can construct steps. */
public abstract class Step extends AbstractDescribableImpl<Step> {
    public Step() {
    }

    public abstract StepExecution start(StepContext context) throws Exception;
}
