package io.edgemlops.usecase;

import io.edgemlops.data.DatasetProfile;
import io.edgemlops.gate.Findings;
import io.edgemlops.gate.GateDecision;
import io.edgemlops.gate.GateEvaluator;
import io.edgemlops.gate.GateEvidence;
import io.edgemlops.gate.GateKeys;
import io.edgemlops.gate.GatePolicy;
import io.edgemlops.gate.GateState;
import io.edgemlops.gate.GateVerdict;
import io.edgemlops.gate.PollSummary;
import io.edgemlops.gate.WaveSnapshot;
import io.edgemlops.gate.WaveSnapshots;
import io.edgemlops.registry.Audit;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.rollout.Cohort;
import io.edgemlops.rollout.DesiredState;
import io.edgemlops.rollout.DeviceStatus;
import io.edgemlops.rollout.FleetKeys;
import io.edgemlops.rollout.RolloutRecord;
import io.edgemlops.rollout.SignedDocument;
import io.edgemlops.store.ConflictException;
import io.edgemlops.store.Json;
import io.edgemlops.store.NotFoundException;
import io.edgemlops.store.ObjectStore;
import io.edgemlops.store.VersionedBytes;
import io.edgemlops.telemetry.Role;
import io.edgemlops.telemetry.TelemetryCompactor;
import io.edgemlops.telemetry.TelemetryKeys;
import io.edgemlops.telemetry.WindowTelemetry;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One poll of the {@code awaitDriftGate} step: reads the rollout and its desired state, folds the wave's new telemetry
 * (compaction), judges it ({@link GateEvaluator}), applies the decision (next wave, {@code production}, rollback or
 * hold) and checkpoints the poll in the store. Every poll starts from the store alone, so a process killed mid-poll
 * and started again reaches the same decision, and a caller that lost a decision (a controller restart) gets it back
 * by naming the wave it judged.
 */
public final class AwaitDriftGate {

    /** Devices whose record is older than this when a wave starts are not expected to report in it. */
    static final Duration RETIRED_AFTER = Duration.ofDays(1);
    /** Telemetry objects read at once: enough to hide request latency, few enough for a small agent. */
    static final int COMPACTION_PARALLELISM = 8;
    private static final Pattern ROLLOUT_ID = Pattern.compile("(.+)-v([0-9]+)-([0-9]{8}T[0-9]{6}Z)");

    private AwaitDriftGate() {
    }

    /**
     * What to judge.
     *
     * @param fleet fleet name
     * @param rollout rollout id, or null for the rollout in progress of {@code model}
     * @param model model name, or null to take it from the rollout id
     * @param policy the limits
     * @param judgedWave the wave (from 0) the caller is judging, or null for the current one; when the rollout has
     *     moved past it, the poll answers with the decision recorded for it instead of judging the next wave
     * @param signingKey the key that signs a changed desired state, or null (then a decision that needs it fails)
     * @param keyId its public key's id
     * @param build CI build for the audit trail, or null
     */
    public record Request(String fleet, String rollout, String model, GatePolicy policy, Integer judgedWave,
                          PrivateKey signingKey, String keyId, String build) {
    }

    /**
     * One poll's outcome.
     *
     * @param decision the decision about the wave judged
     * @param timedOut whether the wave waited past the timeout ({@code onTimeout: fail} leaves the decision at WAIT)
     * @param record the rollout's record after the poll
     * @param judgedWave the wave judged, from 0
     * @param verdict the evaluator's verdict, or null when the poll answered from the record
     * @param summary this poll's line in the gate's history
     * @param reportKey store key of the HTML report
     */
    public record Outcome(GateDecision decision, boolean timedOut, RolloutRecord record, int judgedWave,
                          GateVerdict verdict, PollSummary summary, String reportKey) {

        /** True after the last wave was promoted. */
        public boolean complete() {
            return record.status() == RolloutRecord.Status.COMPLETED;
        }
    }

    /** Polls once; progress lines go to {@code log}. */
    public static Outcome poll(ObjectStore store, Request request, Clock clock, Consumer<String> log) {
        String fleet = FleetKeys.name("fleet", request.fleet());
        String model = modelOf(request);
        String desiredKey = FleetKeys.desired(fleet, model);
        VersionedBytes desiredBytes = store.getVersioned(desiredKey).orElseThrow(() -> new NotFoundException(
                "model " + model + " has no desired state in fleet " + fleet + " (" + desiredKey + "): publish it with "
                        + "publishToEdge first"));
        DesiredState desired = Json.fromBytes(Json.fromBytes(desiredBytes.bytes(), SignedDocument.class, desiredKey)
                .unverifiedPayload(), DesiredState.class, desiredKey);
        String rolloutId = request.rollout() == null || request.rollout().isBlank() ? desired.rollout()
                : request.rollout();
        String recordKey = FleetKeys.rollout(fleet, model, rolloutId);
        RolloutRecord record = store.getBytes(recordKey).map(b -> Json.fromBytes(b, RolloutRecord.class, recordKey))
                .orElseThrow(() -> new NotFoundException("no rollout " + rolloutId + " of " + model + " in fleet "
                        + fleet + " (" + recordKey + ")"));
        String stateKey = GateKeys.state(fleet, model, rolloutId);
        Optional<VersionedBytes> stateBytes = store.getVersioned(stateKey);
        GateState state = stateBytes.map(v -> Json.fromBytes(v.bytes(), GateState.class, stateKey))
                .orElse(new GateState(rolloutId, -1, null, Map.of(), List.of()));
        String reportKey = GateKeys.report(fleet, model, rolloutId);

        Optional<Outcome> settled = settled(record, desired, state, request.judgedWave(), reportKey);
        if (settled.isPresent()) {
            return settled.get();
        }
        Instant now = clock.instant();
        if (state.wave() != desired.wave()) {
            state = state.atWave(desired.wave(), desired.issuedAt(), expectedDevices(store, desired));
        }
        GateEvidence evidence = evidence(store, desired, state, now, log);
        GateVerdict verdict = GateEvaluator.judge(request.policy(), evidence);
        GateDecision decision = verdict.decision();
        boolean timedOut = false;
        List<String> reasons = new ArrayList<>(verdict.reasons());
        if (decision == GateDecision.WAIT && !evidence.age().minus(request.policy().timeout()).isNegative()) {
            timedOut = true;
            String why = "no decision " + format(request.policy().timeout()) + " after wave " + (desired.wave() + 1)
                    + " started; still waiting for: " + String.join("; ", verdict.waitingFor());
            reasons.add(0, why);
            decision = switch (request.policy().onTimeout()) {
                case HOLD -> GateDecision.HELD;
                case ROLLBACK -> GateDecision.ROLLED_BACK;
                case FAIL -> GateDecision.WAIT;
            };
        }
        PollSummary summary = summary(state.nextPoll(), now, desired.wave(), decision, timedOut, verdict, reasons,
                evidence);
        RolloutTransitions transitions = new RolloutTransitions(store, request.signingKey(), request.keyId(),
                Audit.fromEnvironment("gate of rollout " + rolloutId + ", wave " + (desired.wave() + 1) + ": "
                        + decision).fromBuild(request.build()));
        // The decision first: the desired state changes by compare-and-swap on the ETag read at the start, so of two
        // gates polling one rollout only one acts. If the process dies before the checkpoint below, the record
        // already tells a resumed caller what happened (see settled).
        RolloutRecord after = switch (decision) {
            case PROMOTED -> transitions.promote(desired, desiredBytes.etag(), record, reasons, now);
            case ROLLED_BACK -> transitions.rollBack(desired, desiredBytes.etag(), record, reasons, now);
            case HELD -> {
                transitions.hold(desired, record, reasons);
                yield record;
            }
            case WAIT -> record;
        };
        GateState next = checkpoint(store, stateKey, stateBytes, state, summary);
        store.putBytes(GateKeys.poll(fleet, model, rolloutId, summary.n()), Json.toPrettyBytes(summary));
        store.putBytes(reportKey, io.edgemlops.gate.GateReportPage.render(after, next));
        log.accept("gate " + rolloutId + " wave " + (desired.wave() + 1) + "/" + desired.waves().size() + ": "
                + decision + (timedOut ? " (timeout)" : "") + " — "
                + String.join("; ", decision == GateDecision.WAIT ? verdict.waitingFor() : reasons));
        return new Outcome(decision, timedOut, after, desired.wave(), verdict, summary, reportKey);
    }

    /** Appends the poll to the gate's state; when another poll wrote it meanwhile, appends to that one. */
    private static GateState checkpoint(ObjectStore store, String key, Optional<VersionedBytes> read, GateState state,
                                        PollSummary summary) {
        Optional<VersionedBytes> current = read;
        GateState base = state;
        for (int attempt = 0; ; attempt++) {
            GateState next = base.with(summary);
            byte[] json = Json.toPrettyBytes(next);
            try {
                if (current.isPresent()) {
                    store.compareAndSwap(key, json, current.get().etag());
                    return next;
                }
                if (store.createIfAbsent(key, json)) {
                    return next;
                }
            } catch (ConflictException e) {
                if (attempt >= 3) {
                    throw e;
                }
            }
            current = store.getVersioned(key);
            base = current.map(v -> Json.fromBytes(v.bytes(), GateState.class, key)).orElse(state);
        }
    }

    /**
     * The answer without judging, when the rollout is past the wave the caller judges or no longer in progress: the
     * decision recorded for that wave, or what the record says.
     */
    private static Optional<Outcome> settled(RolloutRecord record, DesiredState desired, GateState state,
                                             Integer judgedWave, String reportKey) {
        boolean inProgress = record.status() == RolloutRecord.Status.IN_PROGRESS
                && desired.rollout().equals(record.id());
        int wave = judgedWave == null ? record.wave() : judgedWave;
        if (inProgress && wave >= record.wave()) {
            return Optional.empty();
        }
        Optional<PollSummary> recorded = state.decisionOf(wave);
        GateDecision decision = recorded.map(PollSummary::decision).orElse(switch (record.status()) {
            case COMPLETED -> GateDecision.PROMOTED;
            case ROLLED_BACK -> GateDecision.ROLLED_BACK;
            case SUPERSEDED -> GateDecision.HELD;
            case IN_PROGRESS -> inProgress ? GateDecision.PROMOTED : GateDecision.HELD;
        });
        PollSummary summary = recorded.orElse(new PollSummary(state.nextPoll(), record.updatedAt(), wave, decision,
                false, 0, 0, 0, 0, Map.of(), null, Map.of(), Map.of(), null,
                List.of("rollout " + record.id() + " is " + record.status().name().toLowerCase(java.util.Locale.ROOT)
                        .replace('_', ' ') + (desired.rollout().equals(record.id()) ? ""
                        : "; the fleet's desired state is now rollout " + desired.rollout())), List.of()));
        return Optional.of(new Outcome(decision, summary.timedOut(), record, wave, null, summary, reportKey));
    }

    private static String modelOf(Request request) {
        if (request.model() != null && !request.model().isBlank()) {
            return ModelRegistry.checkName(request.model());
        }
        if (request.rollout() == null || request.rollout().isBlank()) {
            throw new IllegalArgumentException("give rollout (the id publishToEdge returned) or model");
        }
        Matcher m = ROLLOUT_ID.matcher(request.rollout().trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("rollout '" + request.rollout() + "' is not a rollout id such as "
                    + "pump-v3-20261125T100000Z; give the id publishToEdge returned, or model");
        }
        return ModelRegistry.checkName(m.group(1));
    }

    /**
     * The devices the wave reaches, per target: fleet devices of the rollout's targets in the wave's cohort, seen in
     * the day before the wave started. Read once per wave: the one per-device read of the gate.
     */
    static Map<String, Long> expectedDevices(ObjectStore store, DesiredState d) {
        Map<String, Long> expected = new TreeMap<>();
        Instant since = d.issuedAt().minus(RETIRED_AFTER);
        for (DeviceStatus s : DeviceStatus.readAll(store, d.fleet())) {
            if (s.target() != null && d.targets().containsKey(s.target()) && (s.lastSeen() == null
                    || !s.lastSeen().isBefore(since)) && Cohort.includes(s.device(), d.rollout(), d.cohortPercent(),
                    d.pilotDevices())) {
                expected.merge(s.target(), 1L, Long::sum);
            }
        }
        return expected;
    }

    private static GateEvidence evidence(ObjectStore store, DesiredState d, GateState state, Instant now,
                                         Consumer<String> log) {
        int windowSeconds = d.telemetryWindowSeconds();
        // Judge only windows that ended at least one window ago: devices upload a closed window at their next poll.
        Instant from = TelemetryKeys.windowStart(state.waveStarted(), windowSeconds);
        Instant until = TelemetryKeys.windowStart(now.minusSeconds(windowSeconds), windowSeconds);
        TelemetryCompactor compactor = new TelemetryCompactor(store, COMPACTION_PARALLELISM, log);
        List<WindowTelemetry> cohort = until.isAfter(from)
                ? compactor.compact(d.fleet(), d.model(), d.version(), from, until) : List.of();
        List<WindowTelemetry> control = d.previousVersion() == null || !until.isAfter(from) ? List.of()
                : compactor.compact(d.fleet(), d.model(), d.previousVersion(), from, until);
        List<WaveSnapshot> snapshots = WaveSnapshots.of(cohort, d.rollout(), d.shadow() ? Role.SHADOW : Role.SERVING,
                control);
        Map<String, Double> budgets = d.health() == null || d.health().maxLatencyP95Ms() == null ? Map.of()
                : d.health().maxLatencyP95Ms();
        DatasetProfile previousBaseline = d.previousBaseline();
        return new GateEvidence(snapshots, state.expectedDevices(), d.baseline(), previousBaseline, budgets,
                d.shadow(), state.waveStarted(), now);
    }

    private static PollSummary summary(int n, Instant now, int wave, GateDecision decision, boolean timedOut,
                                       GateVerdict verdict, List<String> reasons, GateEvidence evidence) {
        Findings f = verdict.findings();
        if (f == null) {
            return new PollSummary(n, now, wave, decision, timedOut, 0, 0,
                    evidence.expectedDevices().values().stream().mapToLong(Long::longValue).sum(), 0, Map.of(), null,
                    Map.of(), Map.of(), null, reasons, verdict.waitingFor());
        }
        Map<String, Double> psi = new java.util.LinkedHashMap<>();
        if (f.inputDrift() != null) {
            f.inputDrift().features().forEach(x -> psi.put(x.name(), x.psi()));
        }
        Map<String, Double> latency = new TreeMap<>();
        Map<String, Double> control = new TreeMap<>();
        f.latency().forEach((target, l) -> {
            latency.put(target, l.p95Ms());
            if (l.controlP95Ms() != null) {
                control.put(target, l.controlP95Ms());
            }
        });
        return new PollSummary(n, now, wave, decision, timedOut, f.samples(), f.devices().reporting(),
                f.devices().expected(), f.errors().rate(), psi,
                f.predictionDrift() == null ? null : f.predictionDrift().psi(), latency, control,
                f.agreement() == null ? null : f.agreement().rate(), reasons, verdict.waitingFor());
    }

    private static String format(Duration d) {
        return io.edgemlops.contract.DurationText.format(d);
    }
}
