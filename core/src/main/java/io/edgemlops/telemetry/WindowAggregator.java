package io.edgemlops.telemetry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Counts one device's inferences of one model version into time windows and turns each finished window
 * into a {@link TelemetryRecord}. Thread-safe: inference threads observe while the agent's loop rolls.
 *
 * <p>Windows are aligned to multiples of {@code windowSeconds} since the epoch (UTC), so every device's
 * windows line up and the gate can merge them. Time comes from the injected {@link Clock} (a simulator runs
 * it faster); an observation whose time falls before the open window (the clock stepped back) is counted
 * in the open window rather than reopening a closed one. A window in which nothing was observed produces no
 * record. Sequence numbers are drawn from {@code nextSeq} (normally {@link TelemetryBuffer#nextSeq}) when a
 * record is made, so they follow the order in which records are returned.
 */
public final class WindowAggregator {

    /** The {@code predictedClass} of a regression model, or when there is no class to count. */
    public static final int NO_CLASS = -1;

    private final TelemetrySource source;
    private final List<FeatureBins> bins;
    private final List<String> classes;
    private final int windowSeconds;
    private final LongSupplier nextSeq;
    private final Clock clock;
    private final List<WindowTally> closed = new ArrayList<>();
    private WindowTally open;
    private Health health;

    /**
     * @param source who reports about which model version
     * @param bins the bins of each input feature, in schema order (from the desired state)
     * @param classes class names in the model's output order; empty for regression
     * @param windowSeconds window length
     * @param nextSeq the device's sequence numbers
     * @param clock the device's clock
     */
    public WindowAggregator(TelemetrySource source, List<FeatureBins> bins, List<String> classes, int windowSeconds,
                            LongSupplier nextSeq, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.bins = List.copyOf(bins);
        this.classes = List.copyOf(classes);
        if (new HashSet<>(this.classes).size() != this.classes.size()) {
            throw new IllegalArgumentException("class names must be distinct, got " + classes);
        }
        if (windowSeconds < 1) {
            throw new IllegalArgumentException("windowSeconds must be at least 1, got " + windowSeconds);
        }
        this.windowSeconds = windowSeconds;
        this.nextSeq = Objects.requireNonNull(nextSeq, "nextSeq");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Who these records come from. */
    public TelemetrySource source() {
        return source;
    }

    /**
     * Counts one inference at the clock's current time.
     *
     * @param raw the raw input values in schema order (numbers, text or null; see {@link FeatureBins#slotOf})
     * @param predictedClass index into {@code classes} of the predicted class, or {@link #NO_CLASS}
     * @param latencyNanos how long the inference took
     * @param error whether it failed (then neither its class nor its latency is counted; its inputs are)
     */
    public void observe(Object[] raw, int predictedClass, long latencyNanos, boolean error) {
        if (raw.length != bins.size()) {
            throw new IllegalArgumentException("expected " + bins.size() + " feature values, got " + raw.length);
        }
        if (predictedClass < NO_CLASS || predictedClass >= classes.size()) {
            throw new IllegalArgumentException("predicted class " + predictedClass + " is not an index into "
                    + classes.size() + " classes");
        }
        Instant now = clock.instant();
        synchronized (this) {
            windowAt(now).inference(raw, predictedClass, latencyNanos, error);
        }
    }

    /**
     * Counts one comparison of this shadow version with the serving version on the same input, at the clock's
     * current time.
     *
     * @param agreed whether both predicted the same
     * @param servingLatencyNanos how long the serving version took on that input
     * @throws IllegalStateException if this aggregator's role is not {@link Role#SHADOW}
     */
    public void observeShadow(boolean agreed, long servingLatencyNanos) {
        if (source.role() != Role.SHADOW) {
            throw new IllegalStateException("observeShadow on a " + source.role() + " aggregator of model "
                    + source.model() + " version " + source.modelVersion());
        }
        Instant now = clock.instant();
        synchronized (this) {
            windowAt(now).shadow(agreed, servingLatencyNanos);
        }
    }

    /** The health to report in records made from now on (null: unknown). */
    public synchronized void setHealth(Health health) {
        this.health = health;
    }

    /**
     * Reports {@code event} in the current window only, combined with the standing health as the worse of the two:
     * for something that happened once (a refused install), which later windows must not repeat.
     */
    public synchronized void markWindow(Health event) {
        windowAt(clock.instant()).mark(event);
    }

    /** {@link #roll(Instant)} at the clock's current time. */
    public List<TelemetryRecord> roll() {
        return roll(clock.instant());
    }

    /**
     * Closes the open window if {@code now} is at or past its end, and returns the records of every closed,
     * non-empty window not returned yet, oldest first, each with the next sequence number.
     */
    public synchronized List<TelemetryRecord> roll(Instant now) {
        if (open != null && !now.isBefore(open.start().plusSeconds(windowSeconds))) {
            close();
        }
        return drain();
    }

    /**
     * Returns the records of every window including the open one, and starts afresh: for shutdown or before
     * switching to another model version. A later record of the same window gets its own sequence number;
     * both are valid and the gate adds them up.
     */
    public synchronized List<TelemetryRecord> flush() {
        close();
        return drain();
    }

    private WindowTally windowAt(Instant now) {
        Instant start = TelemetryKeys.windowStart(now, windowSeconds);
        if (open != null && start.isAfter(open.start())) {
            close();
        }
        if (open == null) {
            open = new WindowTally(start, bins, classes.size());
        }
        return open;
    }

    private void close() {
        if (open != null && !open.isEmpty()) {
            closed.add(open);
        }
        open = null;
    }

    private List<TelemetryRecord> drain() {
        List<TelemetryRecord> records = new ArrayList<>(closed.size());
        for (WindowTally w : closed) {
            records.add(w.toRecord(source, classes, windowSeconds, nextSeq.getAsLong(), health));
        }
        // Only now: if nextSeq failed (a disk error), the windows stay closed and come back on the next roll.
        closed.clear();
        return records;
    }
}
