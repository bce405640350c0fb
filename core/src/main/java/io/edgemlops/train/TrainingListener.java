package io.edgemlops.train;

import java.util.function.Consumer;

/** Receives training progress, once per epoch and once at the end, on the training thread. */
@FunctionalInterface
public interface TrainingListener {

    /** Ignores progress. */
    TrainingListener NONE = stats -> { };

    void onEpoch(EpochStats stats);

    /** Called once after the last epoch: how many ran, why training ended, which epoch's weights were kept. */
    default void onStop(TrainingStop stop) {
    }

    /**
     * A listener writing one {@link EpochStats#describe()} line per epoch and the
     * {@link TrainingStop#describe()} sentence at the end, e.g. to stderr or a build log.
     */
    static TrainingListener lines(Consumer<String> out) {
        return new TrainingListener() {
            @Override
            public void onEpoch(EpochStats stats) {
                out.accept(stats.describe());
            }

            @Override
            public void onStop(TrainingStop stop) {
                out.accept(stop.describe());
            }
        };
    }
}
