package io.edgemlops.cli;

import io.edgemlops.ToolVersions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * The {@code edge-mlops} command: one subcommand per Pipeline step, plus registry and fleet tools.
 *
 * <p>Add a command by extending {@link StoreCommand} (or {@link ResultCommand} when it needs no
 * store), returning the result Map from {@code compute}, and listing it in {@code subcommands}. It
 * gets {@code -h}/{@code --help} and {@code edge-mlops help <command>} from here, with nothing to add.
 */
@Command(name = "edge-mlops", versionProvider = EdgeMlops.Versions.class,
        description = "MLOps loop for edge devices: train, validate, quantize, publish, gate.",
        subcommands = {TrainCommand.class, ValidateCommand.class, QuantizeCommand.class, PublishCommand.class,
                GateCommand.class, MonitorCommand.class, ModelsCommand.class, KeysCommand.class, FleetCommand.class,
                DeviceCommand.class,
                TelemetryCommand.class, DemoCommand.class, EdgeMlops.Help.class})
public final class EdgeMlops implements Runnable {

    /** Inherited: every command and subcommand, present and future, accepts -h/--help. */
    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
            description = "Show this help and exit.")
    boolean helpRequested;

    /**
     * Root only (the default local scope): {@code validate --version} is a model version, so the root's
     * flag must not reach subcommands.
     */
    @Option(names = {"-V", "--version"}, versionHelp = true,
            description = "Print the engine and library versions and exit.")
    boolean versionRequested;

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
                .setExecutionStrategy(EdgeMlops::execute)
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors)
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    /**
     * Runs the parsed command line, after rejecting unknown commands and options. Picocli skips that
     * check when a help or version flag is on the line, so {@code edge-mlops deploy --version 1}
     * would print the version and exit 0; here any unmatched argument is a usage error (exit 2).
     */
    static int execute(ParseResult parsed) {
        for (ParseResult r = parsed; r != null; r = r.subcommand()) {
            if (!r.unmatched().isEmpty()) {
                throw new CommandLine.UnmatchedArgumentException(r.commandSpec().commandLine(), r.unmatched());
            }
        }
        return new CommandLine.RunLast().execute(parsed);
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

    /** {@code --version}: the engine's version from the build, and the libraries that shape a model's numbers. */
    static final class Versions implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Map<String, String> v = ToolVersions.all();
            return new String[] {
                "edge-mlops " + ToolVersions.engine(),
                "DJL " + v.getOrDefault("djl", "unknown") + ", PyTorch " + v.getOrDefault("pytorch", "unknown")
                        + ", ONNX Runtime " + v.getOrDefault("onnxruntime", "unknown"),
            };
        }
    }

    /** {@code edge-mlops help [COMMAND [SUBCOMMAND]]}: the usage of any command, to stdout, exit 0. */
    @Command(name = "help", helpCommand = true,
            description = "Show the help of a command, e.g. 'edge-mlops help models alias'.")
    static final class Help implements CommandLine.IHelpCommandInitializable2, Callable<Integer> {

        @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command (and subcommand) to explain.")
        List<String> path = new ArrayList<>();

        private CommandLine self;
        private CommandLine.Help.ColorScheme colors;
        private PrintWriter out;

        @Override
        public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out,
                PrintWriter err) {
            this.self = helpCommandLine;
            this.colors = colorScheme;
            this.out = out;
        }

        @Override
        public Integer call() {
            CommandLine target = self.getParent();
            List<String> seen = new ArrayList<>();
            for (String name : path) {
                seen.add(name);
                CommandLine sub = target.getSubcommands().get(name);
                if (sub == null) {
                    throw new CommandLine.ParameterException(target, "unknown command '" + String.join(" ", seen) + "'");
                }
                target = sub;
            }
            target.usage(out, colors);
            return ExitCodes.OK;
        }
    }
}
