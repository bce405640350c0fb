package io.edgemlops.train;

import java.util.function.Consumer;

/** Receives training progress, once per epoch, on the training thread. */
@FunctionalInterface
public interface TrainingListener {

    /** Ignores progress. */
    TrainingListener NONE = stats -> { };

    void onEpoch(EpochStats stats);

    /** A listener writing one {@link EpochStats#describe()} line per epoch, e.g. to stderr or a build log. */
    static TrainingListener lines(Consumer<String> out) {
        return stats -> out.accept(stats.describe());
    }
}
