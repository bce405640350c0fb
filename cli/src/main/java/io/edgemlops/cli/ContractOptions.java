package io.edgemlops.cli;

import io.edgemlops.contract.HelpText;
import io.edgemlops.contract.Parameter;
import io.edgemlops.contract.ParameterType;
import io.edgemlops.contract.StepContract;
import io.edgemlops.contract.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Adds a step contract's parameters to a command as options (picocli calls this as the command's model transformer,
 * before any parsing), and reads them back as the contract's typed values after parsing. Options carry no picocli
 * default: an absent flag stays null, so the engine's default (the contract's) applies. Required parameters are not
 * marked required for picocli either: the contract's check names them, in the words the plugin uses.
 */
final class ContractOptions implements CommandLine.IModelTransformer {

    @Override
    public CommandSpec transform(CommandSpec spec) {
        if (spec.userObject() instanceof ContractCommand command) {
            for (Parameter p : command.contract().cliParameters()) {
                OptionSpec declared = spec.findOption(p.cliFlag());
                if (declared == null) {
                    spec.addOption(optionFor(p));
                } else {
                    // A shared flag (--store) is declared by its mixin, which also knows how to open the store;
                    // its help still comes from the contract.
                    spec.remove(declared);
                    spec.addOption(declared.toBuilder().description(picocliText(HelpText.forCli(p))).build());
                }
            }
        }
        return spec;
    }

    private static OptionSpec optionFor(Parameter p) {
        OptionSpec.Builder option = OptionSpec.builder(p.cliFlag())
                .description(picocliText(HelpText.forCli(p)))
                .paramLabel(p.name().toUpperCase(java.util.Locale.ROOT));
        switch (p.type()) {
            case TEXT, CHOICE, TEXT_OR_WHOLE_NUMBER, DURATION -> option.type(String.class);
            case WHOLE_NUMBER -> option.type(Long.class);
            case DECIMAL -> option.type(Double.class);
            case FLAG -> option.type(boolean.class).arity("0");
            case TEXT_LIST -> option.type(List.class).auxiliaryTypes(String.class).splitRegex(",");
            case WHOLE_NUMBER_LIST -> option.type(List.class).auxiliaryTypes(Long.class).splitRegex(",");
            // Read by the contract (Values.pairs), so a malformed map is refused in the words the plugin uses.
            case TEXT_MAP -> option.type(String.class);
            case WAVE_LIST -> option.type(List.class).auxiliaryTypes(String.class).splitRegex(",");
        }
        if (!p.choices().isEmpty()) {
            option.completionCandidates(p.choices());
        }
        return option.build();
    }

    /**
     * The parsed values of the contract's parameters, by parameter name (absent flags left out), after checking them
     * against the contract.
     *
     * @throws CommandLine.ParameterException with every problem, in the same words the plugin uses (exit code 2)
     */
    static StepValues checkedValues(CommandSpec spec, StepContract contract) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Parameter p : contract.cliParameters()) {
            OptionSpec option = spec.findOption(p.cliFlag());
            Object value = option.getValue();
            if (value instanceof List<?> list) {
                value = trimmed(list);
            } else if (value instanceof String text) {
                value = text.isBlank() ? null : text.trim();
            }
            if (value instanceof String text && p.type() == ParameterType.TEXT_MAP) {
                try {
                    value = Values.pairs(text);
                } catch (IllegalArgumentException unreadable) {
                    problems.add(p.label() + " " + unreadable.getMessage());
                    continue;
                }
            }
            p.check(value).ifPresent(problems::add);
            if (value != null && !Boolean.FALSE.equals(value)) {
                values.put(p.name(), value);
            }
        }
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("; ", problems));
        }
        return new StepValues(values);
    }

    private static List<Object> trimmed(List<?> list) {
        List<Object> out = new ArrayList<>();
        for (Object element : list) {
            out.add(element instanceof String text ? text.trim() : element);
        }
        return out;
    }

    /** Help text as picocli prints it: a literal '%' (as in "5 %") must be doubled, or picocli warns and drops it. */
    static String picocliText(String text) {
        return text.replace("%", "%%");
    }
}
