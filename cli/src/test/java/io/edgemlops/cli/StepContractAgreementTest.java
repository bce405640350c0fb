package io.edgemlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.contract.HelpText;
import io.edgemlops.contract.Parameter;
import io.edgemlops.contract.StepContract;
import io.edgemlops.contract.StepContracts;
import io.edgemlops.contract.TrainModelContract;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Each step's command has exactly its contract's flags, with the contract's help, plus the shared plumbing flags. */
class StepContractAgreementTest {

    /** Flags every store command has that are not step parameters: where output goes and which build asked. */
    /** Flags every command has, and the gate's poll modes (--judged-wave is the Jenkins step's resume protocol). */
    private static final Set<String> PLUMBING = Set.of("--s3-endpoint", "--json", "--build-url", "--build-id",
            "--help", "-h", "--once", "--watch", "--judged-wave");

    static Iterable<StepContract> steps() {
        return StepContracts.ALL;
    }

    @ParameterizedTest
    @MethodSource("steps")
    void commandFlagsAreTheContractsParametersWithTheContractsHelp(StepContract contract) {
        CommandLine command = EdgeMlops.commandLine().getSubcommands().get(contract.command());
        assertNotNull(command, "edge-mlops has a '" + contract.command() + "' command for " + contract.function());
        Set<String> flags = new TreeSet<>();
        for (OptionSpec option : command.getCommandSpec().options()) {
            flags.add(option.longestName());
        }
        flags.removeAll(PLUMBING);
        assertEquals(contract.cliParameters().stream().map(Parameter::cliFlag)
                .collect(Collectors.toCollection(TreeSet::new)), flags);
        for (Parameter p : contract.cliParameters()) {
            assertEquals(List.of(HelpText.forCli(p)),
                    List.of(command.getCommandSpec().findOption(p.cliFlag()).description()), p.cliFlag());
        }
    }

    @Test
    void validationSplitOfZeroExitsTwoWithTheContractsWordsBeforeOpeningTheStore() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EdgeMlops.run(new PrintWriter(out), new PrintWriter(err), "train", "--model", "pump", "--dataset",
                "d.csv", "--label", "state", "--validation-split", "0", "--store", "local:/nonexistent/never-created");

        assertEquals(ExitCodes.BAD_INPUT, code);
        assertTrue(err.toString().contains("edge-mlops: "
                + TrainModelContract.VALIDATION_SPLIT.check(0.0).orElseThrow()), err.toString());
        assertTrue(!new java.io.File("/nonexistent/never-created").exists());
    }
}
