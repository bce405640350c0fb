package io.edgemlops.device;

import java.util.SplittableRandom;

/**
 * The latency a device reports and judges for one inference. A real device reports what it measured. The fleet
 * simulator stands in for hardware it does not have: its devices run the real model on the build machine, whose
 * timing says nothing about a Raspberry Pi and moves with whatever else the machine runs (on a busy 2-core machine a
 * single-row p95 went from a fraction of a millisecond to several, and devices whose budget is 2 ms went back from a
 * model that was not slower at all). So the simulator reports latencies drawn from a seeded distribution instead.
 */
@FunctionalInterface
public interface InferenceLatency {

    /** What was measured, times the hardware factor: a real device's latencies (factor 1). */
    InferenceLatency MEASURED = (measuredNanos, factor) -> factor == 1.0 ? measuredNanos
            : Math.round(measuredNanos * factor);

    /**
     * @param measuredNanos what this inference took on this machine
     * @param factor the device's latency factor for the model version that ran ({@link DeviceAgent.Settings})
     * @return the latency to report and judge, in nanoseconds
     */
    long report(long measuredNanos, double factor);

    /**
     * Log-normal latencies independent of this machine: {@code median · e^(sigma · z) · factor}, z standard normal
     * from a generator seeded per device, so a simulated fleet reports the same latencies on any machine and load.
     * Not thread-safe on its own; the agent calls it under its own lock.
     *
     * @param medianNanos median latency at factor 1
     * @param sigma spread of the log-latency (0.35: p95 about 1.8 times the median)
     * @param seed seed of this device's draws
     */
    static InferenceLatency modelled(long medianNanos, double sigma, long seed) {
        if (medianNanos < 1 || !(sigma >= 0)) {
            throw new IllegalArgumentException("modelled latency needs a positive median and sigma >= 0, got "
                    + medianNanos + " ns and " + sigma);
        }
        SplittableRandom random = new SplittableRandom(seed);
        return (measuredNanos, factor) -> {
            // Box-Muller; SplittableRandom has no nextGaussian in Java 17.
            double z = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            return Math.max(1, Math.round(medianNanos * Math.exp(sigma * z) * factor));
        };
    }
}
