package io.edgemlops.usecase;

import io.edgemlops.contract.DurationText;
import io.edgemlops.contract.MonitorFieldDriftContract;
import io.edgemlops.registry.AliasRecord;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.monitor.FieldDriftJudge;
import io.edgemlops.monitor.FieldDriftPolicy;
import io.edgemlops.monitor.FieldDriftReport;
import io.edgemlops.monitor.FieldTelemetry;
import io.edgemlops.monitor.MonitorKeys;
import io.edgemlops.rollout.FleetKeys;
import io.edgemlops.store.ConflictException;
import io.edgemlops.store.Json;
import io.edgemlops.store.ObjectStore;
import io.edgemlops.telemetry.TelemetryCompactor;
import io.edgemlops.telemetry.WindowTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code monitorFieldDrift} step: judges the telemetry of the version in production (or another version or alias)
 * across a fleet over a span ending now, with the drift gate's statistics ({@link FieldDriftJudge}), and stores the
 * report under {@link MonitorKeys} so that a retraining it triggers can cite it. Reads the registry and the telemetry;
 * the only writes are the report and the compaction of the telemetry it reads. Not enough data, including no version
 * under the alias, is an answer ({@code drifted: false} with the reason), never an error: a nightly job must not
 * retrain on noise, and must not fail on the night before the first version reached production.
 */
public final class MonitorFieldDrift {

    /** The alias judged when no version is given. */
    public static final String PRODUCTION = MonitorFieldDriftContract.DEFAULT_VERSION;
    /** Telemetry objects read at once, as the gate does. */
    static final int COMPACTION_PARALLELISM = 8;

    private MonitorFieldDrift() {
    }

    /**
     * What to judge.
     *
     * @param fleet fleet name
     * @param model model name
     * @param version a version number or an alias, or null for {@value #PRODUCTION}
     * @param since how far back from now the span reaches, as the user wrote it ({@code 24h}, {@code 7d}; see
     *     {@link DurationText}), or null for the contract's default, {@value MonitorFieldDriftContract#DEFAULT_SINCE}
     * @param policy the limits, or null for the defaults
     */
    public record Request(String fleet, String model, String version, String since, FieldDriftPolicy policy) {

        public Request {
            since = since == null || since.isBlank() ? MonitorFieldDriftContract.DEFAULT_SINCE : since.trim();
            policy = policy == null ? FieldDriftPolicy.defaults() : policy;
            Duration span = DurationText.parse(since);
            if (span.isNegative() || span.isZero()) {
                throw new IllegalArgumentException("since must be a positive duration, got " + since);
            }
        }

        /** The span as a duration. */
        public Duration span() {
            return DurationText.parse(since);
        }
    }

    /**
     * What the run found.
     *
     * @param report the report, as stored
     * @param reportKey the store key it was stored under
     */
    public record Outcome(FieldDriftReport report, String reportKey) {
    }

    /** Judges the span ending at {@code clock}'s now and stores the report; progress lines go to {@code log}. */
    public static Outcome run(ObjectStore store, Request request, Clock clock, Consumer<String> log) {
        String fleet = FleetKeys.name("fleet", request.fleet());
        String model = ModelRegistry.checkName(request.model());
        Instant to = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant from = to.minus(request.span());
        String since = request.since();
        String ref = request.version() == null || request.version().isBlank() ? PRODUCTION : request.version().trim();
        ModelRegistry registry = new ModelRegistry(store);
        Optional<ModelCard> card = card(registry, model, ref);
        FieldDriftReport report;
        if (card.isEmpty()) {
            FieldDriftJudge.Scope scope = new FieldDriftJudge.Scope(fleet, model, null, since, from, to);
            report = FieldDriftJudge.notJudged(scope, FieldTelemetry.EMPTY, request.policy(), "not enough data: model "
                    + model + " has no version under alias " + ref + (registry.listVersions(model).isEmpty()
                    ? " (no version is registered)" : ""));
        } else {
            int version = card.get().version();
            FieldDriftJudge.Scope scope = new FieldDriftJudge.Scope(fleet, model, version, since, from, to);
            log.accept("field drift monitor: " + model + " version " + version + " (" + ref + ") in fleet " + fleet
                    + ", telemetry windows from " + from + " to " + to);
            List<WindowTelemetry> windows = new TelemetryCompactor(store, COMPACTION_PARALLELISM, log)
                    .compact(fleet, model, version, from, to);
            report = FieldDriftJudge.judge(scope, card.get().baseline(), FieldTelemetry.of(windows), request.policy());
        }
        String key = save(store, report);
        log.accept("field drift monitor: " + report.summary());
        return new Outcome(report, key);
    }

    /**
     * The card of a version number, or of the version under an alias; empty when the alias is not set (or the model has
     * no version at all).
     *
     * @throws io.edgemlops.store.NotFoundException if a version number is given that does not exist
     */
    private static Optional<ModelCard> card(ModelRegistry registry, String model, String ref) {
        if (ref.chars().allMatch(Character::isDigit)) {
            return Optional.of(registry.resolve(model, ref));
        }
        if (ref.equals("latest")) {
            return registry.listVersions(model).isEmpty() ? Optional.empty()
                    : Optional.of(registry.resolve(model, ref));
        }
        Optional<AliasRecord> alias = registry.getAlias(model, ref);
        return alias.map(a -> registry.get(model, a.version()));
    }

    /** Seconds after its own a report may take when runs of the same second took the key before it. */
    static final int KEY_ATTEMPTS = 10;

    /**
     * Stores the report with a conditional create, never over another run's report: when a run of the same fleet and
     * model took the second's key first, the report takes the next free second (its {@code to} stays the time judged).
     */
    private static String save(ObjectStore store, FieldDriftReport report) {
        byte[] json = Json.toPrettyBytes(report);
        for (int i = 0; i < KEY_ATTEMPTS; i++) {
            String key = MonitorKeys.report(report.fleet(), report.model(), report.to().plusSeconds(i));
            if (store.createIfAbsent(key, json)) {
                return key;
            }
        }
        throw new ConflictException("field drift reports of " + KEY_ATTEMPTS + " runs are already stored from "
                + store.location().describe(MonitorKeys.report(report.fleet(), report.model(), report.to()))
                + " on; run the monitor again");
    }
}
