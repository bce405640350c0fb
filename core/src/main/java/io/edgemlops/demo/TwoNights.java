package io.edgemlops.demo;

import io.edgemlops.contract.QuantizeContract;
import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.gate.GateDecision;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.rollout.FleetKeys;
import io.edgemlops.rollout.SigningKeys;
import io.edgemlops.store.ObjectStore;
import io.edgemlops.train.TrainingOptions;
import io.edgemlops.usecase.AwaitDriftGate;
import io.edgemlops.usecase.MonitorFieldDrift;
import io.edgemlops.usecase.PublishToEdge;
import io.edgemlops.usecase.QuantizeAndRegister;
import io.edgemlops.usecase.TrainAndRegister;
import io.edgemlops.usecase.ValidateAndRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The nightly loop over two nights on a simulated fleet, as {@code edge-mlops demo} shows it.
 *
 * <p>Night 1: nothing is in production, so the job trains version 1, derives int8, validates every target with the
 * variant it runs, publishes in waves (a pilot device first) and the gate promotes it wave by wave to
 * {@code production}. During the day two features drift. Night 2: the monitor finds the drift, the job retrains on
 * the drifted data (version 2), which must beat version 1 on the same rows, and the gate promotes it; then a third
 * version that one target runs far slower in the field is published, and the gate rolls it back. Every step is the
 * engine's own use case, the one the Pipeline steps and the commands run; only the fleet and the clock are simulated.
 */
public final class TwoNights {

    private final ObjectStore store;
    private final DemoSettings settings;
    private final Consumer<String> log;
    private final KeyPair keys = SigningKeys.generate();
    private DemoFleet fleet;

    private TwoNights(ObjectStore store, DemoSettings settings, Consumer<String> log) {
        this.store = store;
        this.settings = settings;
        this.log = log;
    }

    /**
     * Runs both nights; progress goes to {@code log}, one line per step.
     *
     * @throws IllegalStateException when the store already has the model or the fleet (the story needs a fresh start)
     */
    public static DemoRun run(ObjectStore store, DemoSettings settings, Consumer<String> log)
            throws InterruptedException {
        TwoNights demo = new TwoNights(store, settings, log);
        demo.refuseExistingState();
        try {
            Night first = demo.firstNight();
            demo.day();
            Night second = demo.secondNight();
            return new DemoRun(List.of(first, second), SigningKeys.keyId(demo.keys.getPublic()));
        } finally {
            if (demo.fleet != null) {
                demo.fleet.close();
            }
        }
    }

    private void refuseExistingState() {
        if (!new ModelRegistry(store).listVersions(settings.model()).isEmpty()
                || store.head(FleetKeys.desired(settings.fleet(), settings.model())).isPresent()) {
            throw new IllegalStateException("the store already has model " + settings.model() + " or fleet "
                    + settings.fleet() + ": the demo tells its story from an empty store; use another store");
        }
    }

    private Night firstNight() throws InterruptedException {
        MonitorFieldDrift.Outcome monitor = monitor(1, Clock.fixed(settings.start(), ZoneOffset.UTC));
        Path data = dataset(1, Map.of());
        Candidate v1 = candidate(1, "first version: nothing is in production yet", data, settings.hidden(),
                "first version", Map.of());
        return new Night(1, settings.start(), monitor, List.of(v1));
    }

    /** The field drifts for {@code settings.day()}; the devices keep serving the version in production. */
    private void day() throws InterruptedException {
        long started = System.nanoTime();
        Duration hour = Duration.ofHours(1);
        for (Duration done = Duration.ZERO; done.compareTo(settings.day()) < 0; done = done.plus(hour)) {
            Duration span = settings.day().minus(done).compareTo(hour) < 0 ? settings.day().minus(done) : hour;
            fleet.run(span, settings.drift());
            if (done.plus(span).compareTo(settings.day()) < 0) {
                log.accept(String.format(Locale.ROOT, "day     field: %s of %dh simulated (%.1f s)",
                        hours(done.plus(span)), settings.day().toHours(), seconds(started)));
            }
        }
        log.accept(String.format(Locale.ROOT, "day     field: %s drift by %s for %dh; %d devices report (%.1f s)",
                String.join(", ", new TreeMap<>(settings.drift()).keySet()), sigmas(), settings.day().toHours(),
                settings.devices(), seconds(started)));
    }

    private Night secondNight() throws InterruptedException {
        java.time.Instant started = fleet.now();
        MonitorFieldDrift.Outcome monitor = monitor(2, fleet.clock());
        List<Candidate> candidates = new ArrayList<>();
        if (monitor.report().drifted()) {
            Path data = dataset(2, settings.drift());
            String trigger = monitor.report().summary() + " (report " + monitor.reportKey() + ")";
            candidates.add(candidate(2, "retrained on the drifted field's data", data, settings.hidden(), trigger,
                    settings.drift()));
            List<Integer> wide = settings.hidden().stream().map(h -> h * 4).toList();
            candidates.add(candidate(2, "deliberately bad: a 4x wider network that " + settings.slowTarget()
                    + " boards run " + formatFactor(settings.slowdown()) + " slower in the field (simulated)", data,
                    wide, "demo: a version the gate must stop", settings.drift()));
        }
        return new Night(2, started, monitor, candidates);
    }

    private MonitorFieldDrift.Outcome monitor(int night, Clock clock) {
        long started = System.nanoTime();
        MonitorFieldDrift.Outcome outcome = MonitorFieldDrift.run(store, new MonitorFieldDrift.Request(
                settings.fleet(), settings.model(), "production", settings.day().toHours() + "h",
                io.edgemlops.monitor.FieldDriftPolicy.defaults()), clock, line -> { });
        log.accept(String.format(Locale.ROOT, "night %d monitor: %s (%.1f s)", night, outcome.report().summary(),
                seconds(started)));
        return outcome;
    }

    /** One night's sensor export: generated rows, shifted as the field was that day. */
    private Path dataset(int night, Map<String, Double> drift) {
        Path file = settings.workDir().resolve("pump-night-" + night + ".csv");
        try {
            Files.createDirectories(settings.workDir());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + settings.workDir() + ": " + e.getMessage(), e);
        }
        new SensorDataGenerator(settings.seed() + night).withShift(drift).writeCsv(file, settings.rows());
        return file;
    }

    private Candidate candidate(int night, String purpose, Path data, List<Integer> hidden, String trigger,
                                Map<String, Double> fieldDrift) throws InterruptedException {
        String step = "night " + night;
        TrainAndRegister.Outcome trained = train(step, purpose, data, hidden, trigger);
        int version = trained.card().version();
        QuantizeAndRegister.Outcome int8 = quantize(step, version);
        List<ValidateAndRecord.Outcome> validations = validate(step, version, int8 != null);
        boolean regression = validations.stream().anyMatch(v -> v.report().champion() != null
                && !v.report().champion().passed());
        if (validations.stream().anyMatch(v -> !v.report().passed()
                && v.report().failedChecks().stream().anyMatch(c -> !"champion".equals(c.name())))) {
            log.accept(step + " publish: skipped, a target failed its validation");
            return new Candidate(purpose, trained, int8, validations, null, List.of());
        }
        PublishToEdge.Outcome published = publish(night, trained, version, regression);
        List<AwaitDriftGate.Outcome> polls = gate(step, published, fieldDrift);
        return new Candidate(purpose, trained, int8, validations, published, polls);
    }

    private TrainAndRegister.Outcome train(String step, String purpose, Path data, List<Integer> hidden,
                                           String trigger) {
        long started = System.nanoTime();
        TrainingOptions options = TrainingOptions.of(SensorDataGenerator.LABEL).withHidden(hidden)
                .withEpochs(settings.epochs()).withSeed(settings.seed());
        TrainAndRegister.Outcome trained = TrainAndRegister.run(store, new TrainAndRegister.Request(settings.model(),
                data.toString(), null, options, settings.workDir(), null, null, trigger), line -> { });
        log.accept(String.format(Locale.ROOT, "%s train: %s, %s: accuracy %.4f on %d holdout rows, %s (%.1f s)",
                step, trained.card().ref(), purpose, trained.card().metrics().accuracy(),
                trained.training().rows().holdout(), parentText(trained), seconds(started)));
        return trained;
    }

    private static String parentText(TrainAndRegister.Outcome trained) {
        Integer parent = trained.card().lineage().parentVersion();
        return parent == null ? "no parent" : "parent v" + parent;
    }

    /** The int8 variant, or null when it lost more accuracy than allowed (the boards then run fp32). */
    private QuantizeAndRegister.Outcome quantize(String step, int version) {
        long started = System.nanoTime();
        QuantizeAndRegister.Outcome q = QuantizeAndRegister.run(store, new QuantizeAndRegister.Request(
                settings.model(), Integer.toString(version), "int8", false, null,
                Math.toIntExact(QuantizeContract.DEFAULT_CALIBRATION_ROWS), QuantizeContract.DEFAULT_CALIBRATION_METHOD,
                QuantizeContract.DEFAULT_PERCENTILE, QuantizeContract.DEFAULT_MAX_ACCURACY_DROP, settings.workDir(),
                null), line -> { });
        var r = q.report();
        log.accept(String.format(Locale.ROOT, "%s quantize: int8 %s: %.2fx smaller, accuracy %.4f -> %.4f, same "
                        + "prediction as fp32 on %.1f %% of the holdout (%.1f s)", step, r.passed() ? "kept" : "refused",
                r.sizeRatio(), r.fp32Accuracy(), r.accuracy(), r.agreement() * 100, seconds(started)));
        return r.passed() ? q : null;
    }

    private List<ValidateAndRecord.Outcome> validate(String step, int version, boolean int8) {
        List<ValidateAndRecord.Outcome> out = new ArrayList<>();
        for (String target : new TreeMap<>(settings.variants()).keySet()) {
            long started = System.nanoTime();
            String variant = int8 ? settings.variants().get(target) : "fp32";
            ValidateAndRecord.Outcome v = ValidateAndRecord.run(store, new ValidateAndRecord.Request(
                    settings.model(), Integer.toString(version), target, variant, null, null, false,
                    settings.workDir(), null), line -> { });
            var r = v.report();
            log.accept(String.format(Locale.ROOT, "%s validate: %s %s %s: p95 %.3f ms; %s (%.1f s)", step, target,
                    variant, r.passed() ? "passed" : "FAILED", r.latencyP95Ms(),
                    r.champion() == null ? "no champion check" : "champion: " + r.champion().reason(),
                    seconds(started)));
            out.add(v);
        }
        return out;
    }

    private PublishToEdge.Outcome publish(int night, TrainAndRegister.Outcome trained, int version,
                                          boolean regression) throws InterruptedException {
        String step = "night " + night;
        if (fleet == null) {
            // The devices start with the first version's baseline: the field as it was when the story begins. They
            // poll once before the first rollout, as installed devices would, so that a pilot wave can name them.
            long started = System.nanoTime();
            fleet = new DemoFleet(store, settings, keys, trained.card().baseline(), version + 2, log);
            fleet.run(settings.step(), Map.of());
            log.accept(String.format(Locale.ROOT, "%s fleet: %d simulated devices of %s online, nothing installed yet "
                    + "(%.1f s)", step, settings.devices(), new TreeMap<>(settings.targets()).keySet(),
                    seconds(started)));
        }
        String reason = regression ? "demo: forced through although worse than production (allowRegression)"
                : "demo night " + night;
        PublishToEdge.Outcome published = fleet.publish(version, reason, regression);
        log.accept(step + " publish: rollout " + published.rollout().id() + " of " + trained.card().ref() + " to "
                + settings.devices() + " devices of fleet " + settings.fleet() + ", waves "
                + io.edgemlops.rollout.Wave.describe(settings.waves()) + (regression
                ? "; allowRegression: forced through the champion check it failed, recorded in the audit trail"
                : ""));
        return published;
    }

    private List<AwaitDriftGate.Outcome> gate(String step, PublishToEdge.Outcome published,
                                              Map<String, Double> fieldDrift) throws InterruptedException {
        long started = System.nanoTime();
        java.time.Instant from = fleet.now();
        List<AwaitDriftGate.Outcome> polls = fleet.gate(published.rollout().id(), fieldDrift);
        AwaitDriftGate.Outcome last = polls.get(polls.size() - 1);
        String what = last.complete() ? "v" + published.rollout().version() + " is in production"
                : last.decision() == GateDecision.ROLLED_BACK ? "devices back on v" + last.record().previousVersion()
                + ": " + String.join("; ", last.summary().reasons()) : String.join("; ", last.summary().reasons());
        log.accept(String.format(Locale.ROOT, "%s gate: %s at wave %d of %d after %d polls (%s simulated): %s "
                        + "(%.1f s)", step, last.decision(), last.judgedWave() + 1, published.rollout().waves().size(),
                polls.size(), hours(Duration.between(from, fleet.now())), what, seconds(started)));
        return polls;
    }

    private String sigmas() {
        return new TreeMap<>(settings.drift()).values().stream().map(v -> String.format(Locale.ROOT, "%+.1f σ", v))
                .distinct().reduce((a, b) -> a + "/" + b).orElse("0 σ");
    }

    private static String formatFactor(double factor) {
        return factor == Math.rint(factor) ? (long) factor + "x" : factor + "x";
    }

    private static String hours(Duration d) {
        return d.toHours() + "h" + String.format(Locale.ROOT, "%02d", d.toMinutesPart());
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
