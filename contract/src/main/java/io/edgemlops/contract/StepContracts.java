package io.edgemlops.contract;

import java.util.List;
import java.util.NoSuchElementException;

/** Every step's contract: the one list the generators and the agreement tests walk. */
public final class StepContracts {

    private StepContracts() {
    }

    public static final List<StepContract> ALL = List.of(TrainModelContract.STEP, ValidateForTargetContract.STEP,
            QuantizeContract.STEP, PublishToEdgeContract.STEP, AwaitDriftGateContract.STEP,
            MonitorFieldDriftContract.STEP);

    /** The contract of a Pipeline function, e.g. {@code trainModel}. */
    public static StepContract byFunction(String function) {
        return ALL.stream().filter(c -> c.function().equals(function)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no step " + function));
    }
}
