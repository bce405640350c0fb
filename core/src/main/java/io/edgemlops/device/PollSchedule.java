package io.edgemlops.device;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * When a device polls next: every {@code interval} while the store answers, backing off
 * exponentially up to {@code maxBackoff} while it does not, always with ±20 % random jitter so that
 * thousands of devices that came back online together (after a power or network cut) do not poll
 * in lockstep.
 */
public final class PollSchedule {

    private final Duration interval;
    private final Duration maxBackoff;
    private final SplittableRandom random;
    private int failures;

    public PollSchedule(Duration interval, Duration maxBackoff, long seed) {
        this.interval = interval;
        this.maxBackoff = maxBackoff;
        this.random = new SplittableRandom(seed);
    }

    /** The wait before the next poll, given whether the last one reached the store. */
    public Duration next(boolean reached) {
        failures = reached ? 0 : Math.min(failures + 1, 30);
        double base = interval.toMillis() * Math.pow(2, failures);
        double capped = Math.min(base, Math.max(interval.toMillis(), maxBackoff.toMillis()));
        double jitter = 0.8 + 0.4 * random.nextDouble();
        return Duration.ofMillis(Math.round(capped * jitter));
    }
}
