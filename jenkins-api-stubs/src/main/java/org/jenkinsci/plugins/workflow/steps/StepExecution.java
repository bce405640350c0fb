package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/** Stub: the running state of a step. */
public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    protected StepExecution(StepContext context) {
        throw new UnsupportedOperationException("stub");
    }

    public StepContext getContext() {
        throw new UnsupportedOperationException("stub");
    }

    public abstract boolean start() throws Exception;
}
