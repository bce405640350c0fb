package io.jenkins.plugins.edgemlops;

import java.io.Serializable;
import java.util.List;

/**
 * What a step asks the engine to do: a CLI subcommand and its {@code --flag=value} arguments.
 * Jenkins-free and serializable so that a step execution may hold it.
 *
 * @param subcommand the {@code edge-mlops} subcommand, e.g. {@code train}
 * @param arguments  the flags, already rendered by {@link EngineArguments}
 */
public record EngineCommand(String subcommand, List<String> arguments) implements Serializable {

    public EngineCommand {
        arguments = List.copyOf(arguments);
    }

    /** The command as a user would type it, for the build log (contains no secrets: those are never arguments). */
    public String display() {
        StringBuilder line = new StringBuilder("edge-mlops ").append(subcommand);
        for (String argument : arguments) {
            line.append(' ').append(argument);
        }
        return line.toString();
    }
}
