package io.edgemlops.train;

import java.util.function.Consumer;

/** Receives training progress, once per epoch and once at the end, on the training thread. */
@FunctionalInterface
public interface TrainingListener {

    /** Ignores progress. */
    TrainingListener NONE = stats -> { };

    void onEpoch(EpochStats stats);

    /**
     * Called after every chunk of rows within a pass (an epoch, or an epoch of the final refit), so that an epoch of
     * millions of rows shows it is moving.
     *
     * @param pass names the pass, e.g. {@code epoch 3/40} or {@code refit epoch 1/2}
     * @param rowsDone rows of the pass trained on so far
     * @param rows rows in the pass
     * @param seconds time since the pass began
     */
    default void onProgress(String pass, long rowsDone, long rows, double seconds) {
    }

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
    /** How often, at most, {@link #lines} reports progress within a pass, in the pass's own seconds: ten. */
    double PASS_PROGRESS_INTERVAL_SECONDS = 10;

    /** {@link #lines(Consumer)} with its own clock, for tests. */
    static TrainingListener lines(Consumer<String> out, java.util.function.LongSupplier nanoClock) {
        return new TrainingListener() {
            private long lastPrinted;
            private String progressPass;
            private double progressPrinted;
            private EpochStats unprinted;
            private boolean any;

            @Override
            public void onProgress(String pass, long rowsDone, long rows, double seconds) {
                if (!pass.equals(progressPass)) {
                    progressPass = pass;
                    progressPrinted = 0;
                }
                // Only passes longer than the interval get lines: a short epoch's own line is enough.
                if (rowsDone < rows && seconds - progressPrinted >= PASS_PROGRESS_INTERVAL_SECONDS) {
                    progressPrinted = seconds;
                    double perSecond = rowsDone / Math.max(seconds, 1e-9);
                    out.accept(String.format(java.util.Locale.ROOT,
                            "%s: %,d of %,d rows (%.0f %%), %,.0f rows/s, about %.0f s left", pass, rowsDone, rows,
                            100.0 * rowsDone / rows, perSecond, (rows - rowsDone) / Math.max(perSecond, 1e-9)));
                }
            }

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
