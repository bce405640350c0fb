package io.edgemlops.contract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Everything the outside world may rely on about one step: its Pipeline function and CLI command, its parameters and
 * its result keys. Adding a step means writing one of these; the CLI options, the plugin's argument check, the
 * Snippet Generator files and the docs tables follow from it.
 *
 * @param function the Pipeline function name, e.g. {@code trainModel}
 * @param command the CLI subcommand, e.g. {@code train}
 * @param displayName the Snippet Generator's name for the step
 * @param summary what the step does, one or more paragraphs separated by blank lines; {@code `code`} marks literal text
 * @param example a short Jenkinsfile snippet
 * @param parameters every parameter, required ones first, in the order help and docs list them
 * @param results every key of the result Map
 */
public record StepContract(String function, String command, String displayName, String summary, String example,
                           List<Parameter> parameters, List<ResultKey> results) {

    public StepContract {
        parameters = List.copyOf(parameters);
        results = List.copyOf(results);
        Set<String> seen = new LinkedHashSet<>();
        for (Parameter p : parameters) {
            if (!seen.add(p.name())) {
                throw new IllegalArgumentException(function + ": parameter " + p.name() + " is declared twice");
            }
        }
    }

    /** The parameter of that name. */
    public Parameter parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException(function + " has no parameter " + name));
    }

    /** Parameters a Jenkinsfile can pass. */
    public List<Parameter> pipelineParameters() {
        return parameters.stream().filter(p -> p.surface().inPipeline()).toList();
    }

    /** Parameters the CLI command takes. */
    public List<Parameter> cliParameters() {
        return parameters.stream().filter(p -> p.surface().inCli()).toList();
    }

    /** The result key of that name. */
    public ResultKey result(String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException(function + " has no result key " + name));
    }

    /**
     * Every problem with a call, one line each naming the parameter, in parameter order; empty when the call is
     * acceptable. {@code values} maps parameter names to values converted to their {@link ParameterType}'s Java type;
     * only the parameters of the given surface are judged.
     */
    public List<String> check(Map<String, ?> values, Surface from) {
        List<String> problems = new ArrayList<>();
        for (Parameter p : parameters) {
            boolean applies = from == Surface.CLI_ONLY ? p.surface().inCli() : p.surface().inPipeline();
            if (applies) {
                p.check(values.get(p.name())).ifPresent(problems::add);
            }
        }
        return problems;
    }
}
