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
     * A listener writing {@link EpochStats#describe()} lines and the {@link TrainingStop#describe()} sentence at the
     * end, e.g. to stderr or a build log: the first epoch, then at most one epoch every
     * {@link #PROGRESS_INTERVAL_NANOS} (small data runs hundreds of short epochs; a build log needs a pulse, not all
     * of them), and the last epoch before the stop sentence.
     */
    static TrainingListener lines(Consumer<String> out) {
        return lines(out, System::nanoTime);
    }

    /** How often, at most, {@link #lines} reports an epoch: two seconds. */
    long PROGRESS_INTERVAL_NANOS = 2_000_000_000L;

    /** {@link #lines(Consumer)} with its own clock, for tests. */
    static TrainingListener lines(Consumer<String> out, java.util.function.LongSupplier nanoClock) {
        return new TrainingListener() {
            private long lastPrinted;
            private EpochStats unprinted;
            private boolean any;

            @Override
            public void onEpoch(EpochStats stats) {
                long now = nanoClock.getAsLong();
                if (!any || now - lastPrinted >= PROGRESS_INTERVAL_NANOS) {
                    out.accept(stats.describe());
                    lastPrinted = now;
                    any = true;
                    unprinted = null;
                } else {
                    unprinted = stats;
                }
            }

            @Override
            public void onStop(TrainingStop stop) {
                if (unprinted != null) {
                    out.accept(unprinted.describe());
                    unprinted = null;
                }
                out.accept(stop.describe());
            }
        };
    }
}
