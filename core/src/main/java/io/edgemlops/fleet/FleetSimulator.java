package io.edgemlops.fleet;

import io.edgemlops.data.DatasetProfile;
import io.edgemlops.device.DeviceAgent;
import io.edgemlops.device.InferenceLatency;
import io.edgemlops.store.ObjectStore;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Many devices in one process, each a real {@link DeviceAgent} (the code a device runs) with real
 * ONNX Runtime inference on rows generated from the model's baseline, in simulated time
 * ({@code accelerated}: as fast as the machine goes) or real time. Devices poll, install, serve and
 * upload telemetry exactly as on hardware; the simulator only decides what they are fed, which of
 * them lose the network for a while, which get faulty sensors, and how much slower a target is.
 *
 * <p>The latencies devices report are drawn, not measured ({@link InferenceLatency#modelled}): log-normal around
 * {@value #MEDIAN_LATENCY_NANOS} ns (a small MLP on one core of a current x86-64 machine), times the target's
 * factor, seeded per device. Timing the model on the machine running the simulation would tie every latency
 * decision to that machine and to whatever else it runs.
 */
public final class FleetSimulator {

    /** Median single-row latency of a simulated device at factor 1. */
    public static final long MEDIAN_LATENCY_NANOS = 60_000;
    /** Spread of the log-latency: p95 about 1.8 times the median. */
    public static final double LATENCY_SIGMA = 0.35;

    /**
     * What to simulate.
     *
     * @param fleet fleet name
     * @param model model name
     * @param devices number of devices
     * @param duration simulated time to run
     * @param step time between two rounds (each device polls once and serves {@code requestsPerStep} requests)
     * @param accelerated advance a simulated clock instead of waiting
     * @param seed seed of everything random (inputs, which devices are offline or faulty)
     * @param targets target profile → share of the fleet (normalised)
     * @param drift feature name (or {@code *}) → shift in baseline standard deviations
     * @param driftFrom when the drift starts, from the start of the run
     * @param latencyFactor target profile → factor its latencies are multiplied by; a key
     *     {@code target@version} (e.g. {@code jetson-nano-cpu@3}) applies to that version only, the stand-in for a
     *     version that is slower on one kind of hardware
     * @param offlineShare share of devices that lose the network for the middle third of the run
     * @param failingShare share of devices whose sensors turn faulty (half their requests unusable) after a third
     * @param requestsPerStep requests each device serves per round
     * @param stateRoot folder of the devices' state folders
     * @param publicKey the fleet's public signing key
     * @param start simulated start time (accelerated runs)
     * @param offlineToEnd the offline devices stay offline from a third of the run to its end, telemetry and all (a
     *     site that went dark); they report what they buffered when a later run brings them back
     */
    public record Settings(String fleet, String model, int devices, Duration duration, Duration step,
                           boolean accelerated, long seed, Map<String, Double> targets, Map<String, Double> drift,
                           Duration driftFrom, Map<String, Double> latencyFactor, double offlineShare,
                           double failingShare, int requestsPerStep, Path stateRoot, PublicKey publicKey,
                           Instant start, boolean offlineToEnd) {

        /** Settings whose offline devices come back for the last third of the run. */
        public Settings(String fleet, String model, int devices, Duration duration, Duration step, boolean accelerated,
                        long seed, Map<String, Double> targets, Map<String, Double> drift, Duration driftFrom,
                        Map<String, Double> latencyFactor, double offlineShare, double failingShare,
                        int requestsPerStep, Path stateRoot, PublicKey publicKey, Instant start) {
            this(fleet, model, devices, duration, step, accelerated, seed, targets, drift, driftFrom, latencyFactor,
                    offlineShare, failingShare, requestsPerStep, stateRoot, publicKey, start, false);
        }

        public Settings {
            if (devices < 1) {
                throw new IllegalArgumentException("devices must be at least 1, got " + devices);
            }
            if (targets == null || targets.isEmpty()) {
                throw new IllegalArgumentException("targets: name at least one target profile and its share");
            }
            if (offlineShare < 0 || offlineShare > 1 || failingShare < 0 || failingShare > 1) {
                throw new IllegalArgumentException("offline and failing shares must be between 0 and 1");
            }
            drift = drift == null ? Map.of() : Map.copyOf(drift);
            latencyFactor = latencyFactor == null ? Map.of() : Map.copyOf(latencyFactor);
            driftFrom = driftFrom == null ? Duration.ZERO : driftFrom;
        }
    }

    /**
     * What happened.
     *
     * @param devices devices simulated
     * @param rounds rounds run
     * @param polls polls made (offline devices' attempts included)
     * @param requests requests served
     * @param errors requests that failed
     * @param simulated simulated time covered
     * @param wall wall-clock time taken
     */
    public record Report(int devices, int rounds, long polls, long requests, long errors, Duration simulated,
                         Duration wall) {

        /** Simulated devices run per second of wall time, one round each. */
        public double deviceRoundsPerSecond() {
            return (double) devices * rounds / Math.max(1e-9, wall.toNanos() / 1e9);
        }
    }

    private final ObjectStore store;
    private final Settings settings;
    private final DatasetProfile baseline;
    private final Consumer<String> log;

    public FleetSimulator(ObjectStore store, Settings settings, DatasetProfile baseline, Consumer<String> log) {
        this.store = store;
        this.settings = settings;
        this.baseline = baseline;
        this.log = log;
    }

    private static final class SimulatedDevice {
        final DeviceAgent agent;
        final AtomicBoolean online = new AtomicBoolean(true);
        /** The device's fixed draw: it goes offline in a span whose offline share is above it. */
        final double offlineDraw;
        final boolean faulty;
        final SplittableRandom random;

        SimulatedDevice(DeviceAgent agent, double offlineDraw, boolean faulty, SplittableRandom random) {
            this.agent = agent;
            this.offlineDraw = offlineDraw;
            this.faulty = faulty;
            this.random = random;
        }
    }

    /** Runs the fleet for the configured duration and closes every device. */
    public Report run() throws InterruptedException {
        try (Session session = open()) {
            return session.advance(settings.duration(), settings.drift(), settings.offlineShare(),
                    settings.offlineToEnd());
        }
    }

    /**
     * Starts the fleet's devices and keeps them until {@link Session#close()}: for a caller that alternates simulated
     * time with its own work (a gate polling between two spans), without reloading every device's model each time.
     */
    public Session open() {
        return new Session();
    }

    /** A running fleet in simulated (or real) time. */
    public final class Session implements AutoCloseable {
        private final Clock clock;
        private final BaselineSampler sampler = new BaselineSampler(baseline);
        private final List<SimulatedDevice> devices = new ArrayList<>();
        private final SplittableRandom seeds = new SplittableRandom(settings.seed());
        private final ExecutorService pool = Executors.newFixedThreadPool(4);
        private Duration elapsed = Duration.ZERO;

        private Session() {
            clock = settings.accelerated() ? new ManualClock(settings.start() == null ? Instant.now()
                    : settings.start()) : Clock.systemUTC();
            List<String> targets = assignTargets();
            for (int i = 0; i < settings.devices(); i++) {
                String id = String.format(java.util.Locale.ROOT, "%s-dev-%05d", settings.fleet(), i);
                SimulatedDevice[] holder = new SimulatedDevice[1];
                ObjectStore network = SimulatedNetwork.through(store, () -> holder[0].online.get());
                String target = targets.get(i);
                DeviceAgent agent = new DeviceAgent(network, new DeviceAgent.Settings(settings.fleet(),
                        settings.model(), id, target, settings.stateRoot().resolve(id), settings.publicKey(),
                        settings.latencyFactor().getOrDefault(target, 1.0), versionFactors(target),
                        InferenceLatency.modelled(MEDIAN_LATENCY_NANOS, LATENCY_SIGMA,
                                settings.seed() ^ (0x9E3779B97F4A7C15L * (i + 1)))), clock,
                        line -> { });
                SplittableRandom random = seeds.split();
                holder[0] = new SimulatedDevice(agent, random.nextDouble(),
                        random.nextDouble() < settings.failingShare(), random);
                devices.add(holder[0]);
            }
        }

        /** The factors of {@code target@version} keys of {@code latencyFactor}, by version. */
        private Map<Integer, Double> versionFactors(String target) {
            Map<Integer, Double> out = new LinkedHashMap<>();
            settings.latencyFactor().forEach((key, factor) -> {
                if (key.startsWith(target + "@")) {
                    out.put(Integer.parseInt(key.substring(target.length() + 1)), factor);
                }
            });
            return out;
        }

        /** The fleet's clock: simulated time in accelerated runs. */
        public Instant now() {
            return clock.instant();
        }

        /**
         * Runs the devices for {@code span}: each round every device polls and serves its requests; at the end the
         * devices that are online flush their telemetry. Drift counts from the session's start ({@code driftFrom}).
         *
         * @param drift feature (or {@code *}) → shift in baseline standard deviations during this span
         * @param offlineShare devices chosen by the seed whose draw is below this lose the network for the middle
         *     third of the span (to its end with {@code offlineToEnd})
         */
        public Report advance(Duration span, Map<String, Double> drift, double offlineShare, boolean offlineToEnd)
                throws InterruptedException {
            long wallStart = System.nanoTime();
            int rounds = (int) Math.max(1, span.toMillis() / settings.step().toMillis());
            AtomicLong polls = new AtomicLong();
            AtomicLong requests = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            for (int round = 0; round < rounds; round++) {
                double progress = (double) round / rounds;
                boolean dark = progress >= 1.0 / 3 && (offlineToEnd || progress < 2.0 / 3);
                boolean drifting = elapsed.compareTo(settings.driftFrom()) >= 0;
                Map<String, Double> shift = drifting ? drift : Map.of();
                List<Future<?>> work = new ArrayList<>();
                for (SimulatedDevice d : devices) {
                    d.online.set(!(d.offlineDraw < offlineShare && dark));
                    boolean faultyNow = d.faulty && progress >= 1.0 / 3;
                    work.add(pool.submit(() -> {
                        serve(d, shift, faultyNow, polls, requests, errors);
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IllegalStateException("simulated device failed: " + e.getCause(), e.getCause());
                    }
                }
                if (clock instanceof ManualClock manual) {
                    manual.advance(settings.step());
                } else {
                    Thread.sleep(settings.step().toMillis());
                }
                elapsed = elapsed.plus(settings.step());
                if ((round + 1) % Math.max(1, rounds / 10) == 0 || round + 1 == rounds) {
                    log.accept(String.format(java.util.Locale.ROOT, "fleet %s: %d/%d rounds, %d devices, %d requests",
                            settings.fleet(), round + 1, rounds, devices.size(), requests.get()));
                }
            }
            for (SimulatedDevice d : devices) {
                if (offlineToEnd && d.offlineDraw < offlineShare) {
                    continue;
                }
                d.online.set(true);
                d.agent.pollOnce();
                d.agent.flushTelemetry();
            }
            return new Report(devices.size(), rounds, polls.get(), requests.get(), errors.get(),
                    settings.step().multipliedBy(rounds), Duration.ofNanos(System.nanoTime() - wallStart));
        }

        private void serve(SimulatedDevice d, Map<String, Double> shift, boolean faultyNow, AtomicLong polls,
                           AtomicLong requests, AtomicLong errors) {
            d.agent.pollOnce();
            polls.incrementAndGet();
            for (int r = 0; r < settings.requestsPerStep(); r++) {
                Map<String, Object> row = sampler.row(d.random, shift);
                if (faultyNow && d.random.nextBoolean()) {
                    row.replaceAll((k, v) -> v instanceof Number ? (Object) 3.0e38 : v);
                }
                try {
                    DeviceAgent.Prediction p = d.agent.predict(row);
                    requests.incrementAndGet();
                    for (float s : p.scores()) {
                        if (!Float.isFinite(s)) {
                            errors.incrementAndGet();
                            break;
                        }
                    }
                } catch (IllegalStateException e) {
                    // nothing installed yet, or the inference failed: the agent counted it
                    if (e.getMessage().startsWith("inference failed")) {
                        requests.incrementAndGet();
                        errors.incrementAndGet();
                    }
                }
            }
        }

        @Override
        public void close() {
            pool.shutdownNow();
            devices.forEach(d -> d.agent.close());
        }
    }

    /**
     * Device targets by share: each target gets the floor of its share, the devices left over go to the targets in
     * the order given, and the list is interleaved so that every id range holds every target.
     */
    List<String> assignTargets() {
        double total = settings.targets().values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Integer> counts = new LinkedHashMap<>();
        int assigned = 0;
        for (Map.Entry<String, Double> t : settings.targets().entrySet()) {
            int n = (int) Math.floor(settings.devices() * t.getValue() / total);
            counts.put(t.getKey(), n);
            assigned += n;
        }
        List<String> names = new ArrayList<>(counts.keySet());
        for (int i = 0; assigned < settings.devices(); i++, assigned++) {
            counts.merge(names.get(i % names.size()), 1, Integer::sum);
        }
        List<String> out = new ArrayList<>();
        Map<String, Integer> left = new LinkedHashMap<>(counts);
        while (out.size() < settings.devices()) {
            for (String t : names) {
                if (left.get(t) > 0 && out.size() < settings.devices()) {
                    out.add(t);
                    left.merge(t, -1, Integer::sum);
                }
            }
        }
        return out;
    }
}
