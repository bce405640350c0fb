package io.edgemlops.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code edge-mlops} command: one subcommand per Pipeline step, plus registry and fleet tools. */
@Command(name = "edge-mlops", mixinStandardHelpOptions = true, version = "edge-mlops 0.1.0",
        description = "MLOps loop for edge devices: train, validate, quantize, publish, gate.")
public final class EdgeMlops implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new EdgeMlops()).execute(args));
    }
}
