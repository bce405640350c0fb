package hudson;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** Stub: starts processes on the node the step runs on. */
public abstract class Launcher {
    private Launcher() {
        throw new UnsupportedOperationException("stub");
    }

    public final ProcStarter launch() {
        throw new UnsupportedOperationException("stub");
    }

    public boolean isUnix() {
        throw new UnsupportedOperationException("stub");
    }

    /** Stub: builder of one process launch. */
    public final class ProcStarter {
        private ProcStarter() {
            throw new UnsupportedOperationException("stub");
        }

        public ProcStarter cmds(List<String> args) {
            throw new UnsupportedOperationException("stub");
        }

        public ProcStarter quiet(boolean quiet) {
            throw new UnsupportedOperationException("stub");
        }

        public ProcStarter pwd(FilePath workDir) {
            throw new UnsupportedOperationException("stub");
        }

        public ProcStarter stdout(OutputStream out) {
            throw new UnsupportedOperationException("stub");
        }

        public ProcStarter stderr(OutputStream err) {
            throw new UnsupportedOperationException("stub");
        }

        public ProcStarter envs(Map<String, String> overrides) {
            throw new UnsupportedOperationException("stub");
        }

        public int join() throws IOException, InterruptedException {
            throw new UnsupportedOperationException("stub");
        }
    }
}
