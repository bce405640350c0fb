package io.edgemlops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgemlops.store.Json;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the command line in this process: exit code, stdout and stderr. */
record CliRun(int code, String out, String err) {

    /** Runs {@code edge-mlops args...}. */
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EdgeMlops.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** stdout as JSON (the result of a {@code --json} run). */
    JsonNode json() throws Exception {
        return Json.MAPPER.readTree(out);
    }
}
