package hudson.model;

import java.io.IOException;

/** Stub: one build. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {
    private Run() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void addAction(Action a) {
        throw new UnsupportedOperationException("stub");
    }

    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("stub");
    }
}
