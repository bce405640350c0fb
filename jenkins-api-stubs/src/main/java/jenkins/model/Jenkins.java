package jenkins.model;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.TaskListener;

/** Stub: the controller, whose built-in node runs the drift gate's polls when the step is not inside a node block. */
public class Jenkins {
    private Jenkins() {
        throw new UnsupportedOperationException("stub");
    }

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("stub");
    }

    public Launcher createLauncher(TaskListener listener) {
        throw new UnsupportedOperationException("stub");
    }

    public FilePath getRootPath() {
        throw new UnsupportedOperationException("stub");
    }
}
