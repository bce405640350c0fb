package io.edgemlops.cli;

import picocli.CommandLine.Option;

/** Picocli mixin for {@code --json}: stdout carries exactly one JSON object, logs go to stderr. */
public final class OutputOptions {

    @Option(names = "--json", description = "Print the result as one JSON object on stdout (logs go to stderr)")
    boolean json;

    public boolean json() {
        return json;
    }
}
