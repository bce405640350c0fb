package io.edgemlops.cli;

import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.store.OpenStore;
import java.util.LinkedHashMap;
import picocli.CommandLine.Mixin;

/**
 * Base of commands that work on the store: adds {@code --store}/{@code --s3-endpoint}, opens the
 * store (and the embedded server for local:) around {@link #compute(OpenStore)} and closes it after.
 */
public abstract class StoreCommand extends ResultCommand {

    @Mixin
    protected StoreOptions storeOptions;

    @Mixin
    protected BuildOptions build;

    /** Does the work against the open store. */
    protected abstract LinkedHashMap<String, Object> compute(OpenStore store) throws Exception;

    private StepValues stepValues;

    /** The checked parameters of a command that mirrors a step ({@link ContractCommand}), else null. */
    protected final StepValues stepValues() {
        return stepValues;
    }

    @Override
    protected final LinkedHashMap<String, Object> compute() throws Exception {
        // Bad arguments are refused before the store (and perhaps an embedded server) is opened.
        if (this instanceof ContractCommand command) {
            stepValues = ContractOptions.checkedValues(spec, command.contract());
        }
        beforeStore();
        try (OpenStore store = storeOptions.open(err())) {
            return compute(store);
        }
    }

    /**
     * Reads and checks what the command needs besides its flags (a key, a file) before the store opens, so that bad
     * input never starts an embedded server or touches a bucket. Nothing by default.
     */
    protected void beforeStore() throws Exception {
    }

    /** A registry over the open store. */
    protected static ModelRegistry registry(OpenStore store) {
        return new ModelRegistry(store.store());
    }
}
