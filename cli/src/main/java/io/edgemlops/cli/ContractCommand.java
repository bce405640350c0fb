package io.edgemlops.cli;

import io.edgemlops.contract.StepContract;

/**
 * A command that mirrors a Pipeline step: its flags are not declared here but added from the step's contract by
 * {@link ContractOptions}, so the command, the plugin and the docs cannot drift apart.
 */
interface ContractCommand {

    /** The step this command runs. */
    StepContract contract();
}
