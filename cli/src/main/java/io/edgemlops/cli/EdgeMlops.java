package io.edgemlops.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code edge-mlops} command: one subcommand per Pipeline step, plus registry and fleet tools.
 *
 * <p>Add a command by extending {@link StoreCommand} (or {@link ResultCommand} when it needs no
 * store), returning the result Map from {@code compute}, and listing it in {@code subcommands}.
 */
@Command(name = "edge-mlops", mixinStandardHelpOptions = true, version = "edge-mlops 0.1.0",
        description = "MLOps loop for edge devices: train, validate, quantize, publish, gate.",
        subcommands = {TrainCommand.class, ValidateCommand.class, ModelsCommand.class, DemoCommand.class})
public final class EdgeMlops implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** The configured command line (error contract and exit codes wired in). */
    public static CommandLine commandLine() {
        ErrorHandling errors = new ErrorHandling();
        return new CommandLine(new EdgeMlops())
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors)
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Runs a command with the given stdout/stderr and returns its exit code (for tests and embedding). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = commandLine();
        cmd.setOut(out);
        cmd.setErr(err);
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
