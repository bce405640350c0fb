package io.edgemlops.cli;

import io.edgemlops.contract.ResultKey;
import io.edgemlops.contract.StepContract;
import java.util.LinkedHashMap;

/**
 * A step's result Map, written only through the keys its contract declares: a key the plugin, the docs or a
 * Jenkinsfile does not know about cannot slip in.
 */
final class ResultMap {

    private final StepContract contract;
    private final LinkedHashMap<String, Object> entries = new LinkedHashMap<>();

    ResultMap(StepContract contract) {
        this.contract = contract;
    }

    ResultMap put(ResultKey key, Object value) {
        if (!contract.results().contains(key)) {
            throw new IllegalStateException(contract.function() + " declares no result key " + key.name());
        }
        entries.put(key.name(), value);
        return this;
    }

    LinkedHashMap<String, Object> toMap() {
        return new LinkedHashMap<>(entries);
    }
}
