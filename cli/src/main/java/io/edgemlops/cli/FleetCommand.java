package io.edgemlops.cli;

import io.edgemlops.fleet.FleetSimulator;
import io.edgemlops.fleet.FleetStatus;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.rollout.DesiredState;
import io.edgemlops.rollout.FleetKeys;
import io.edgemlops.rollout.SignedDocument;
import io.edgemlops.rollout.SigningKeys;
import io.edgemlops.store.Json;
import io.edgemlops.store.OpenStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edge-mlops fleet simulate|status}: many simulated devices against the store, and a fleet at a glance. */
@Command(name = "fleet", description = "Simulate a fleet of devices, or summarise a fleet's devices.",
        subcommands = {FleetCommand.Simulate.class, FleetCommand.Status.class})
public final class FleetCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: simulate or status");
    }

    /** The fleet's current desired state, unverified (it only names versions and targets here), if any. */
    static Optional<DesiredState> desired(OpenStore store, String fleet, String model) {
        return store.store().getBytes(FleetKeys.desired(fleet, model)).map(b -> {
            String key = FleetKeys.desired(fleet, model);
            SignedDocument signed = Json.fromBytes(b, SignedDocument.class, key);
            return Json.fromBytes(signed.unverifiedPayload(), DesiredState.class, key);
        });
    }

    /** {@code a=1,b=2} as an ordered map of numbers; a trailing σ on a value is allowed (drift). */
    static Map<String, Double> numbers(String flag, String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new IllegalArgumentException(flag + ": expected NAME=NUMBER[,NAME=NUMBER...], got '" + part + "'");
            }
            String value = part.substring(eq + 1).trim();
            if (value.endsWith("σ")) {
                value = value.substring(0, value.length() - 1);
            }
            try {
                out.put(part.substring(0, eq).trim(), Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + ": '" + part.substring(eq + 1) + "' is not a number in '"
                        + part + "'");
            }
        }
        return out;
    }

    @Command(name = "simulate", description = "Run many real device agents in this process against the store, on "
            + "inputs generated from the model's baseline (the model card of the version the fleet's desired state "
            + "runs, else the latest version), with drift, outages, faulty sensors and slower targets. Progress on "
            + "stderr; the report (devices, rounds, polls, requests, errors, simulated and wall time, device-rounds "
            + "per second) on stdout.")
    static final class Simulate extends StoreCommand {

        @Option(names = "--fleet", required = true, description = "Fleet name.")
        String fleet;

        @Option(names = "--model", required = true, description = "Model name.")
        String model;

        @Option(names = "--devices", required = true, description = "Number of simulated devices.")
        int devices;

        @Option(names = "--hours", required = true, description = "Simulated hours to run (fractions allowed).")
        double hours;

        @Option(names = "--accelerated", description = "Advance a simulated clock instead of waiting in real time.")
        boolean accelerated;

        @Option(names = "--seed", required = true, description = "Seed of inputs, outages and faults.")
        long seed;

        @Option(names = "--targets", paramLabel = "T=SHARE,...", description = "Target profiles and their shares "
                + "(default: the targets of the fleet's desired state, equal shares).")
        String targets;

        @Option(names = "--drift", paramLabel = "FEATURE=+SD,...", description = "Shift of a feature (or '*', every "
                + "numeric feature) in baseline standard deviations, e.g. vibration=+2,'*'=+0.5.")
        String drift;

        @Option(names = "--drift-from", paramLabel = "HOUR", defaultValue = "0",
                description = "Simulated hour the drift starts at (default 0).")
        double driftFrom;

        @Option(names = "--latency-factor", paramLabel = "T=X,...", description = "Multiply a target's measured "
                + "latencies by X.")
        String latencyFactor;

        @Option(names = "--offline", paramLabel = "SHARE", defaultValue = "0",
                description = "Share of devices without network in the middle third of the run.")
        double offline;

        @Option(names = "--failing", paramLabel = "SHARE", defaultValue = "0",
                description = "Share of devices whose sensors turn faulty after the first third.")
        double failing;

        @Option(names = "--public-key", paramLabel = "FILE", description = "PEM file of the fleet's public signing "
                + "key, which the devices verify the desired state with (required: a device installs nothing "
                + "unverified).")
        Path publicKey;

        @Option(names = "--state-dir", paramLabel = "DIR", description = "Folder of the devices' state folders "
                + "(default: a new folder under the system's temporary folder, kept afterwards).")
        Path stateDir;

        @Option(names = "--step-minutes", defaultValue = "5", description = "Simulated minutes per round (default 5).")
        double stepMinutes;

        @Option(names = "--requests-per-step", defaultValue = "5",
                description = "Requests each device serves per round (default 5).")
        int requestsPerStep;

        private PublicKey key;

        @Override
        protected void beforeStore() {
            if (devices < 1) {
                throw new IllegalArgumentException("--devices must be at least 1, got " + devices);
            }
            if (!(hours > 0) || !(stepMinutes > 0) || requestsPerStep < 0 || driftFrom < 0) {
                throw new IllegalArgumentException("--hours and --step-minutes must be greater than 0, "
                        + "--requests-per-step and --drift-from at least 0");
            }
            key = DeviceCommand.publicKey(publicKey, "--public-key");
        }

        @Override
        protected LinkedHashMap<String, Object> compute(OpenStore store) throws Exception {
            ModelRegistry registry = registry(store);
            Optional<DesiredState> desired = desired(store, fleet, model);
            ModelCard card = desired.isPresent() ? registry.get(model, desired.get().version())
                    : registry.resolve(model, "latest");
            Map<String, Double> shares = numbers("--targets", targets);
            if (shares.isEmpty()) {
                if (desired.isEmpty()) {
                    throw new IllegalArgumentException("fleet " + fleet + " has no desired state for " + model
                            + ": publish it first, or name the targets with --targets");
                }
                new TreeMap<>(desired.get().targets()).keySet().forEach(t -> shares.put(t, 1.0));
            }
            if (desired.isEmpty()) {
                err().println("edge-mlops: warning: fleet " + fleet + " has no desired state for " + model
                        + "; the devices will install nothing");
            }
            Path root = stateDir != null ? stateDir : Files.createTempDirectory("edge-mlops-fleet-");
            Duration step = Duration.ofMillis(Math.round(stepMinutes * 60_000));
            Duration duration = Duration.ofMillis(Math.round(hours * 3_600_000));
            err().println("edge-mlops: simulating " + devices + " devices of fleet " + fleet + " on " + card.ref()
                    + "'s baseline for " + duration + " in " + step + " rounds" + (accelerated ? " (accelerated)" : "")
                    + ", targets " + shares + ", state in " + root);
            err().flush();
            FleetSimulator.Settings settings = new FleetSimulator.Settings(fleet, model, devices, duration, step,
                    accelerated, seed, shares, numbers("--drift", drift),
                    Duration.ofMillis(Math.round(driftFrom * 3_600_000)), numbers("--latency-factor", latencyFactor),
                    offline, failing, requestsPerStep, root, key, null);
            FleetSimulator.Report report = new FleetSimulator(store.store(), settings, card.baseline(),
                    new Progress(err())).run();
            LinkedHashMap<String, Object> result = new LinkedHashMap<>();
            result.put("fleet", fleet);
            result.put("model", model);
            result.put("version", card.version());
            result.put("devices", report.devices());
            result.put("rounds", report.rounds());
            result.put("polls", report.polls());
            result.put("requests", report.requests());
            result.put("errors", report.errors());
            result.put("simulatedSeconds", report.simulated().toMillis() / 1000.0);
            result.put("wallSeconds", report.wall().toMillis() / 1000.0);
            result.put("deviceRoundsPerSecond",
                    Double.parseDouble(String.format(Locale.ROOT, "%.1f", report.deviceRoundsPerSecond())));
            result.put("stateDir", root.toString());
            return result;
        }
    }

    @Command(name = "status", description = "A fleet at a glance from its devices' status records: devices per "
            + "installed version and per target, how many are healthy, unhealthy, or silent (unknown).")
    static final class Status extends StoreCommand {

        @Option(names = "--fleet", required = true, description = "Fleet name.")
        String fleet;

        @Option(names = "--model", required = true, description = "Model name.")
        String model;

        @Option(names = "--silent-after-minutes", defaultValue = "15", description = "A device that has not "
                + "reported for this long counts as unknown (default 15).")
        long silentAfterMinutes;

        /** Now, for the silence check; replaceable in tests. */
        static java.util.function.Supplier<Instant> now = Instant::now;

        @Override
        protected LinkedHashMap<String, Object> compute(OpenStore store) {
            FleetKeys.name("fleet", fleet);
            FleetStatus s = FleetStatus.of(store.store(), fleet, model, now.get(),
                    Duration.ofMinutes(silentAfterMinutes));
            LinkedHashMap<String, Object> result = new LinkedHashMap<>();
            result.put("devices", s.devices());
            result.put("byVersion", s.byVersion());
            result.put("byTarget", s.byTarget());
            result.put("healthy", s.healthy());
            result.put("unhealthy", s.unhealthy());
            result.put("unknown", s.unknown());
            return result;
        }
    }
}
