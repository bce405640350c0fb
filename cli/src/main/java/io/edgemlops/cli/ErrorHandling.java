package io.edgemlops.cli;

import io.edgemlops.store.NotFoundException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import io.edgemlops.data.DataException;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.List;
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
        CommandLine.UnmatchedArgumentException unknown = e instanceof CommandLine.UnmatchedArgumentException u ? u
                : unmatchedBefore(cmd);
        String message = unknown != null ? unmatched(unknown) : e.getMessage();
        if (unknown != null) {
            cmd = unknown.getCommandLine();
        }
        message = message.replace('\n', ' ').replace('\r', ' ').strip();
        if (json) {
            report(cmd, message, ExitCodes.BAD_INPUT, true);
        } else {
            // Still one line, so that stderr ends with the message.
            report(cmd, message + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')", ExitCodes.BAD_INPUT, false);
        }
        return ExitCodes.BAD_INPUT;
    }

    /**
     * An unknown command or option already seen on the line when another error stopped parsing (for
     * example missing required options): the unknown one is the error to report, root first.
     */
    private static CommandLine.UnmatchedArgumentException unmatchedBefore(CommandLine failed) {
        List<CommandLine> chain = new java.util.ArrayList<>();
        for (CommandLine c = failed; c != null; c = c.getParent()) {
            chain.add(0, c);
        }
        for (CommandLine c : chain) {
            CommandLine.ParseResult partial = c.getParseResult();
            if (partial != null && !partial.unmatched().isEmpty()) {
                return new CommandLine.UnmatchedArgumentException(c, partial.unmatched());
            }
        }
        return null;
    }

    /**
     * Names the first argument no command took: {@code unknown command 'deploy'}, {@code unknown
     * command 'models nope'}, {@code unknown option '--nope'}, or an unexpected value, with picocli's
     * closest matches when it has some.
     */
    static String unmatched(CommandLine.UnmatchedArgumentException e) {
        List<String> args = e.getUnmatched();
        if (args.isEmpty()) {
            return e.getMessage();
        }
        // --json is honoured anywhere on the line, so before the command it is not the news.
        String first = args.stream().filter(a -> !a.equals("--json")).findFirst().orElse(args.get(0));
        CommandLine.Model.CommandSpec spec = e.getCommandLine().getCommandSpec();
        String path = spec.qualifiedName(" ");
        String below = path.contains(" ") ? path.substring(path.indexOf(' ') + 1) + " " : "";
        String message;
        if (first.startsWith("-") && first.length() > 1) {
            message = "unknown option '" + first + "'" + (below.isEmpty() ? "" : " for '" + path + "'");
        } else if (!spec.subcommands().isEmpty()) {
            message = "unknown command '" + below + first + "'";
        } else {
            message = "unexpected argument '" + first + "' for '" + path + "'";
        }
        List<String> suggestions = e.getSuggestions();
        if (!suggestions.isEmpty()) {
            message += "; did you mean " + String.join(" or ", suggestions.stream().limit(3).map(s -> "'" + s + "'").toList())
                    + "?";
        }
        return message;
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
