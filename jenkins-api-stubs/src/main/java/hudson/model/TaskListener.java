package hudson.model;

import java.io.PrintStream;

/** Stub: the build log. */
public interface TaskListener {
    PrintStream getLogger();
}
