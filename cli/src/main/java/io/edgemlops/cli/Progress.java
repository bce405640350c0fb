package io.edgemlops.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;

/** Progress lines on stderr, flushed one by one so Jenkins shows them as they happen. */
final class Progress implements Consumer<String> {

    private final PrintWriter err;

    Progress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void accept(String line) {
        err.println("[edge-mlops] " + line);
        err.flush();
    }
}
