package hudson.model;

import java.util.concurrent.ExecutorService;

/** Stub: only Jenkins' shared pool for blocking work, which runs the drift gate's engine runs. */
public abstract class Computer {
    public static final ExecutorService threadPoolForRemoting = null;

    private Computer() {
        throw new UnsupportedOperationException("stub");
    }
}
