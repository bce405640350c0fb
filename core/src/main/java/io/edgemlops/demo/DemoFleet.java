package io.edgemlops.demo;

import io.edgemlops.fleet.FleetSimulator;
import io.edgemlops.gate.GateDecision;
import io.edgemlops.data.DatasetProfile;
import io.edgemlops.store.ObjectStore;
import io.edgemlops.usecase.AwaitDriftGate;
import io.edgemlops.usecase.MonitorFieldDrift;
import io.edgemlops.usecase.PublishToEdge;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The demo's fleet: real device agents in one process, in simulated time, and the steps that act on the fleet
 * (publish, gate, monitor) run at the fleet's clock. The devices keep their state between the nights.
 */
final class DemoFleet implements AutoCloseable {

    /** The most gate polls of one rollout: a gate that cannot decide in this many steps is a defect of the scenario. */
    static final int MOST_POLLS = 40;

    private final ObjectStore store;
    private final DemoSettings settings;
    private final KeyPair keys;
    private final FleetSimulator.Session devices;
    private final Consumer<String> log;

    /**
     * @param thirdVersion the version number the deliberately slow model will get, whose latency the devices of
     *     {@code settings.slowTarget()} multiply by {@code settings.slowdown()}
     */
    DemoFleet(ObjectStore store, DemoSettings settings, KeyPair keys, DatasetProfile baseline, int thirdVersion,
              Consumer<String> log) {
        this.store = store;
        this.settings = settings;
        this.keys = keys;
        this.log = log;
        FleetSimulator.Settings fleet = new FleetSimulator.Settings(settings.fleet(), settings.model(),
                settings.devices(), Duration.ZERO, settings.step(), true, settings.seed(), settings.targets(),
                Map.of(), null, Map.of(settings.slowTarget() + "@" + thirdVersion, settings.slowdown()), 0, 0,
                settings.requestsPerStep(), settings.workDir().resolve("devices"), keys.getPublic(), settings.start(),
                false);
        // The devices' own progress lines (installs, swaps) are too many for a console; the steps summarise them.
        this.devices = new FleetSimulator(store, fleet, baseline, line -> { }).open();
    }

    Instant now() {
        return devices.now();
    }

    Clock clock() {
        return Clock.fixed(devices.now(), ZoneOffset.UTC);
    }

    /** Lets {@code span} of simulated time pass, the field shifted by {@code drift} (feature → σ). */
    FleetSimulator.Report run(Duration span, Map<String, Double> drift) throws InterruptedException {
        return devices.advance(span, drift, 0, false);
    }

    PublishToEdge.Outcome publish(int version, String reason, boolean allowRegression) {
        return PublishToEdge.run(store, new PublishToEdge.Request(settings.model(), Integer.toString(version),
                settings.fleet(), settings.variants(), settings.waves(), false, false, false, keys.getPrivate(),
                io.edgemlops.rollout.SigningKeys.keyId(keys.getPublic()), reason, settings.workDir(), null,
                (int) settings.step().toSeconds(), allowRegression), line -> { }, clock());
    }

    /**
     * Runs the fleet one step at a time and polls the gate after each, wave after wave, until it rolls back, holds or
     * the rollout completes; returns every poll.
     */
    List<AwaitDriftGate.Outcome> gate(String rollout, Map<String, Double> drift) throws InterruptedException {
        List<AwaitDriftGate.Outcome> polls = new ArrayList<>();
        while (polls.size() < MOST_POLLS) {
            run(settings.step(), drift);
            AwaitDriftGate.Outcome poll = AwaitDriftGate.poll(store, new AwaitDriftGate.Request(settings.fleet(),
                    rollout, null, settings.gate(), null, keys.getPrivate(),
                    io.edgemlops.rollout.SigningKeys.keyId(keys.getPublic()), null), clock(), line -> { });
            polls.add(poll);
            if (poll.decision() == GateDecision.ROLLED_BACK || poll.decision() == GateDecision.HELD
                    || poll.complete()) {
                return polls;
            }
            if (poll.decision() == GateDecision.PROMOTED) {
                log.accept("gate: wave " + (poll.judgedWave() + 1) + " of " + settings.waves().size()
                        + " promoted after " + polls.size() + " polls; next wave started");
            }
        }
        throw new IllegalStateException("the gate did not decide rollout " + rollout + " within " + MOST_POLLS
                + " polls of " + settings.step() + ": " + polls.get(polls.size() - 1).summary().waitingFor());
    }

    MonitorFieldDrift.Outcome monitor(Duration since) {
        return MonitorFieldDrift.run(store, new MonitorFieldDrift.Request(settings.fleet(), settings.model(),
                "production", since.toHours() + "h", io.edgemlops.monitor.FieldDriftPolicy.defaults()), clock(),
                line -> { });
    }

    @Override
    public void close() {
        devices.close();
    }
}
