package io.edgemlops.demo;

import io.edgemlops.gate.GatePolicy;
import io.edgemlops.rollout.Wave;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the two-night demo runs: the generated data, the simulated fleet, the rollouts' waves and the gate's limits.
 * {@link #defaults} is the scenario the README's main command shows; tests shrink the fleet.
 *
 * @param model model name
 * @param fleet fleet name
 * @param devices simulated devices
 * @param targets target profile → share of the fleet's devices
 * @param variants target profile → the variant it runs (int8 on the small boards)
 * @param rows rows of generated sensor data each night
 * @param seed seed of the data, the training and the fleet
 * @param hidden hidden layer sizes of the nightly model
 * @param epochs most training epochs (early stopping usually ends sooner)
 * @param waves the waves of every rollout, a pilot device first
 * @param gate the gate's limits
 * @param step simulated time between two gate polls; also the telemetry window
 * @param requestsPerStep inferences each device runs per step
 * @param drift feature → shift in standard deviations that the field shows during the day between the nights
 * @param day how long the field drifts before the second night's monitor looks
 * @param slowTarget the target on which the deliberately bad third version runs {@code slowdown} times slower
 * @param slowdown how much slower that version is on {@code slowTarget}'s devices
 * @param start simulated time at which the first night starts
 * @param workDir folder of the generated datasets and the validation reports
 */
public record DemoSettings(String model, String fleet, int devices, Map<String, Double> targets,
                           Map<String, String> variants, int rows, long seed, List<Integer> hidden, int epochs,
                           List<Wave> waves, GatePolicy gate, Duration step, int requestsPerStep,
                           Map<String, Double> drift, Duration day, String slowTarget, double slowdown,
                           Instant start, Path workDir) {

    public DemoSettings {
        targets = Map.copyOf(targets);
        variants = Map.copyOf(variants);
        hidden = List.copyOf(hidden);
        waves = List.copyOf(waves);
        drift = Map.copyOf(drift);
        if (devices < 20) {
            throw new IllegalArgumentException("devices: at least 20, so that every wave has devices of every target, "
                    + "got " + devices);
        }
        if (!variants.keySet().equals(targets.keySet())) {
            throw new IllegalArgumentException("variants " + variants.keySet() + " must name the targets "
                    + targets.keySet());
        }
    }

    /**
     * The README's scenario: 200 pumps on three kinds of board, int8 on the two Raspberry Pis; a pilot device, then
     * a quarter of the fleet, then all of it; a day in which two features drift by 1 σ; and a third version that the
     * Raspberry Pi 4 runs four times slower than the version it replaces.
     */
    public static DemoSettings defaults(Path workDir) {
        return new DemoSettings("pump", "demo", 200,
                Map.of("raspberry-pi-4", 0.5, "raspberry-pi-zero-2w", 0.25, "x86-gateway", 0.25),
                Map.of("raspberry-pi-4", "int8", "raspberry-pi-zero-2w", "int8", "x86-gateway", "fp32"),
                6000, 42, List.of(64, 32), 30,
                List.of(Wave.pilot(1, "raspberry-pi-4"), Wave.percent(25), Wave.percent(100)),
                GatePolicy.defaults().withEvidence(300, 3, Duration.ofMinutes(30), 2),
                Duration.ofMinutes(30), 120,
                Map.of("temp_bearing", 1.0, "flow_rate", 1.0), Duration.ofHours(3),
                "raspberry-pi-4", 4.0, Instant.parse("2026-11-24T01:00:00Z"), workDir);
    }

    /** The same scenario with another number of devices. */
    public DemoSettings withDevices(int count) {
        return new DemoSettings(model, fleet, count, targets, variants, rows, seed, hidden, epochs, waves, gate, step,
                requestsPerStep, drift, day, slowTarget, slowdown, start, workDir);
    }
}
