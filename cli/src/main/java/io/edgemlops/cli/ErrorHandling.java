package io.edgemlops.cli;

import io.edgemlops.store.NotFoundException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import io.edgemlops.data.DataException;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * The error contract: stderr gets {@code edge-mlops: <one-line message>}; with {@code --json}, stdout
 * gets {@code {"error": "...", "exitCode": N}}. Exit 2 for bad input, 3 for store/runtime errors.
 */
final class ErrorHandling implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    /** Exit code for an exception thrown by a command. */
    static int exitCodeOf(Throwable e) {
        if (e instanceof IllegalArgumentException || e instanceof NotFoundException || e instanceof DataException
                || e instanceof NoSuchFileException || e instanceof CommandLine.ParameterException
                || e instanceof UncheckedIOException u && u.getCause() instanceof NoSuchFileException) {
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.RUNTIME_ERROR;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        boolean json = jsonRequested(parseResult);
        int code = exitCodeOf(e);
        report(cmd, message(e), code, json);
        if (Boolean.getBoolean("edge-mlops.debug") || System.getenv("EDGE_MLOPS_DEBUG") != null) {
            e.printStackTrace(cmd.getErr());
        }
        return code;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        boolean json = java.util.Arrays.asList(args).contains("--json");
        CommandLine cmd = e.getCommandLine();
        report(cmd, e.getMessage(), ExitCodes.BAD_INPUT, json);
        if (!json) {
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            cmd.getErr().flush();
        }
        return ExitCodes.BAD_INPUT;
    }

    static void report(CommandLine cmd, String message, int code, boolean json) {
        PrintWriter err = cmd.getErr();
        err.println("edge-mlops: " + message);
        err.flush();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("error", message);
            out.put("exitCode", code);
            Output.print(out, true, cmd.getOut());
        }
    }

    /** One line: the exception's message, or its type when it has none. */
    static String message(Throwable e) {
        Throwable t = e;
        if (t instanceof CommandLine.ExecutionException && t.getCause() != null) {
            t = t.getCause();
        }
        String msg = t.getMessage();
        if (msg == null || msg.isBlank()) {
            msg = t.getClass().getSimpleName();
        }
        return msg.replace('\n', ' ').replace('\r', ' ');
    }

    private static boolean jsonRequested(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--json")) {
                return true;
            }
        }
        return false;
    }
}
