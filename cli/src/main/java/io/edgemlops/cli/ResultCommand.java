package io.edgemlops.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every command that produces a result Map: subclasses implement {@link #compute()} and
 * return a {@link LinkedHashMap}; this prints it ({@code --json} or text) and exits 1 when the result
 * has {@code "passed": false}. Exceptions go to {@link ErrorHandling} (exit 2 or 3). Progress and
 * logs must go to {@link #err()}, never to stdout.
 */
public abstract class ResultCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Mixin
    protected OutputOptions output;

    /** Does the work and returns the result object. */
    protected abstract LinkedHashMap<String, Object> compute() throws Exception;

    @Override
    public final Integer call() throws Exception {
        LinkedHashMap<String, Object> result = compute();
        Output.print(result, output.json(), spec.commandLine().getOut());
        return Boolean.FALSE.equals(result.get("passed")) ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    /** Where progress and logs go (stderr). */
    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
