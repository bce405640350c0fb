package io.edgemlops.contract;

/** Where a parameter exists: most exist in both front-ends, a few only where they make sense. */
public enum Surface {
    /** A step argument and a CLI flag. */
    BOTH,
    /** Only a CLI flag (e.g. {@code --on-target}, which describes the machine the command runs on). */
    CLI_ONLY,
    /** Only a step argument (e.g. {@code failOnError}, which decides what Jenkins does with a failed check). */
    PIPELINE_ONLY;

    public boolean inPipeline() {
        return this != CLI_ONLY;
    }

    public boolean inCli() {
        return this != PIPELINE_ONLY;
    }
}
