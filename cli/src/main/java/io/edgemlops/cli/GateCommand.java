package io.edgemlops.cli;

import static io.edgemlops.contract.AwaitDriftGateContract.ALPHA;
import static io.edgemlops.contract.AwaitDriftGateContract.AUTO_ADVANCE;
import static io.edgemlops.contract.AwaitDriftGateContract.CONFIRM_WINDOWS;
import static io.edgemlops.contract.AwaitDriftGateContract.CRITICAL_FEATURES;
import static io.edgemlops.contract.AwaitDriftGateContract.DRIFT_SHARE;
import static io.edgemlops.contract.AwaitDriftGateContract.FLEET;
import static io.edgemlops.contract.AwaitDriftGateContract.MAX_ERROR_RATE;
import static io.edgemlops.contract.AwaitDriftGateContract.MAX_LATENCY_INCREASE;
import static io.edgemlops.contract.AwaitDriftGateContract.MAX_LATENCY_P95_MS;
import static io.edgemlops.contract.AwaitDriftGateContract.MAX_UNKNOWN_SHARE;
import static io.edgemlops.contract.AwaitDriftGateContract.MIN_AGREEMENT;
import static io.edgemlops.contract.AwaitDriftGateContract.MIN_DEVICES;
import static io.edgemlops.contract.AwaitDriftGateContract.MIN_SAMPLES;
import static io.edgemlops.contract.AwaitDriftGateContract.MODEL;
import static io.edgemlops.contract.AwaitDriftGateContract.ON_DATA_DRIFT;
import static io.edgemlops.contract.AwaitDriftGateContract.ON_TIMEOUT;
import static io.edgemlops.contract.AwaitDriftGateContract.POLL_INTERVAL;
import static io.edgemlops.contract.AwaitDriftGateContract.PSI_THRESHOLD;
import static io.edgemlops.contract.AwaitDriftGateContract.ROLLOUT;
import static io.edgemlops.contract.AwaitDriftGateContract.SIGNING_KEY;
import static io.edgemlops.contract.AwaitDriftGateContract.SOAK;
import static io.edgemlops.contract.AwaitDriftGateContract.TIMEOUT;

import io.edgemlops.contract.AwaitDriftGateContract;
import io.edgemlops.contract.DurationText;
import io.edgemlops.contract.Parameter;
import io.edgemlops.contract.StepContract;
import io.edgemlops.drift.DriftLimits;
import io.edgemlops.gate.GateDecision;
import io.edgemlops.gate.GatePolicy;
import io.edgemlops.gate.PollSummary;
import io.edgemlops.rollout.RolloutRecord;
import io.edgemlops.store.OpenStore;
import io.edgemlops.usecase.AwaitDriftGate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code edge-mlops gate}: the {@code awaitDriftGate} step from the command line; flags from the contract. One poll with
 * {@code --once} (the default), or {@code --watch} to poll until a decision.
 */
@Command(name = "gate", modelTransformer = ContractOptions.class,
        description = "Judge the current wave of a rollout on its devices' telemetry and promote it, roll it back "
                + "(exit 1) or hold it; --once (default) polls once and may answer WAIT, --watch polls until a "
                + "decision. A promotion or rollback signs the desired state again: --signing-key FILE or env "
                + SigningKey.VARIABLE + ".")
final class GateCommand extends StoreCommand implements ContractCommand {

    /** Environment the signing key may come from; replaceable in tests. */
    static Map<String, String> env = System.getenv();

    @Option(names = "--once", description = "Poll once and print the result, WAIT included (the default).")
    boolean once;

    @Option(names = "--watch", description = "Poll every --poll-interval (backing off up to 4 times it while nothing "
            + "new arrives) until a decision, or with --auto-advance until the rollout completes, rolls back or is "
            + "held.")
    boolean watch;

    @Option(names = "--judged-wave", hidden = true, description = "The wave (from 1) the caller judges: when the "
            + "rollout is already past it, answer with the decision recorded for it. The Jenkins step uses it to "
            + "resume after a restart.")
    Integer judgedWave;

    private SigningKey key;

    @Override
    public StepContract contract() {
        return AwaitDriftGateContract.STEP;
    }

    /** The key is optional: without one the gate still judges, and fails only when a decision must be signed. */
    @Override
    protected void beforeStore() {
        String file = stepValues().text(SIGNING_KEY);
        String fromEnv = env.get(SigningKey.VARIABLE);
        if (file != null || (fromEnv != null && !fromEnv.isBlank())) {
            key = SigningKey.load(file, env, Path.of("").toAbsolutePath());
        }
        if (once && watch) {
            throw new IllegalArgumentException("give --once or --watch, not both");
        }
    }

    @Override
    protected LinkedHashMap<String, Object> compute(OpenStore store) throws InterruptedException {
        StepValues v = stepValues();
        GatePolicy policy = policy(v);
        Progress log = new Progress(err());
        Integer wave = judgedWave == null ? null : judgedWave - 1;
        AwaitDriftGate.Outcome outcome = poll(store, v, policy, wave, log);
        Duration pause = policy.pollInterval();
        while (watch && !finished(outcome, policy)) {
            Thread.sleep(Math.max(1000, pause.toMillis()));
            int next = outcome.decision() == GateDecision.PROMOTED ? outcome.judgedWave() + 1 : outcome.judgedWave();
            AwaitDriftGate.Outcome polled = poll(store, v, policy, next, log);
            boolean nothingNew = polled.decision() == GateDecision.WAIT
                    && polled.summary().samples() == outcome.summary().samples();
            pause = nothingNew ? min(pause.multipliedBy(2), policy.pollInterval().multipliedBy(4))
                    : policy.pollInterval();
            outcome = polled;
        }
        return result(outcome);
    }

    private AwaitDriftGate.Outcome poll(OpenStore store, StepValues v, GatePolicy policy, Integer wave,
                                        Progress log) {
        return AwaitDriftGate.poll(store.store(), new AwaitDriftGate.Request(v.text(FLEET), v.text(ROLLOUT),
                v.text(MODEL), policy, wave, key == null ? null : key.privateKey(), key == null ? null : key.keyId(),
                build.reference()), Clock.systemUTC(), log);
    }

    /** Whether --watch stops: a decision, or with auto-advance the end of the rollout. */
    static boolean finished(AwaitDriftGate.Outcome o, GatePolicy policy) {
        if (o.timedOut()) {
            return true;
        }
        return switch (o.decision()) {
            case WAIT -> false;
            case PROMOTED -> !policy.autoAdvance() || o.complete()
                    || o.record().status() != RolloutRecord.Status.IN_PROGRESS;
            case ROLLED_BACK, HELD -> true;
        };
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The gate's limits: the contract's defaults for every flag left out. */
    static GatePolicy policy(StepValues v) {
        List<String> critical = v.texts(CRITICAL_FEATURES);
        return new GatePolicy(
                new DriftLimits(or(v.decimal(PSI_THRESHOLD), AwaitDriftGateContract.DEFAULT_PSI_THRESHOLD),
                        or(v.decimal(ALPHA), AwaitDriftGateContract.DEFAULT_ALPHA),
                        or(v.decimal(DRIFT_SHARE), AwaitDriftGateContract.DEFAULT_DRIFT_SHARE),
                        critical == null ? java.util.Set.of() : new LinkedHashSet<>(critical)),
                v.decimal(MAX_LATENCY_P95_MS),
                or(v.decimal(MAX_LATENCY_INCREASE), AwaitDriftGateContract.DEFAULT_MAX_LATENCY_INCREASE),
                or(v.decimal(MAX_ERROR_RATE), AwaitDriftGateContract.DEFAULT_MAX_ERROR_RATE),
                or(v.decimal(MIN_AGREEMENT), AwaitDriftGateContract.DEFAULT_MIN_AGREEMENT),
                or(v.whole(MIN_SAMPLES), AwaitDriftGateContract.DEFAULT_MIN_SAMPLES),
                or(v.whole(MIN_DEVICES), AwaitDriftGateContract.DEFAULT_MIN_DEVICES),
                or(v.decimal(MAX_UNKNOWN_SHARE), AwaitDriftGateContract.DEFAULT_MAX_UNKNOWN_SHARE),
                Math.toIntExact(or(v.whole(CONFIRM_WINDOWS), AwaitDriftGateContract.DEFAULT_CONFIRM_WINDOWS)),
                duration(v, SOAK, AwaitDriftGateContract.DEFAULT_SOAK),
                duration(v, TIMEOUT, AwaitDriftGateContract.DEFAULT_TIMEOUT),
                duration(v, POLL_INTERVAL, AwaitDriftGateContract.DEFAULT_POLL_INTERVAL),
                GatePolicy.OnTimeout.valueOf(or(v.text(ON_TIMEOUT), AwaitDriftGateContract.DEFAULT_ON_TIMEOUT)
                        .toUpperCase(Locale.ROOT)),
                GatePolicy.OnDataDrift.valueOf(or(v.text(ON_DATA_DRIFT), AwaitDriftGateContract.DEFAULT_ON_DATA_DRIFT)
                        .toUpperCase(Locale.ROOT)),
                v.flag(AUTO_ADVANCE));
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static Duration duration(StepValues v, Parameter p, String fallback) {
        return DurationText.parse(or(v.text(p), fallback));
    }

    /** The {@code awaitDriftGate} result Map, keyed by the contract's result keys; waves count from 1. */
    static LinkedHashMap<String, Object> result(AwaitDriftGate.Outcome o) {
        RolloutRecord r = o.record();
        PollSummary s = o.summary();
        ResultMap m = new ResultMap(AwaitDriftGateContract.STEP);
        m.put(AwaitDriftGateContract.R_DECISION, o.decision().name());
        // A rollback, and a timeout under onTimeout: 'fail', fail the step (exit 1); a hold is a person's turn.
        m.put(AwaitDriftGateContract.R_PASSED, o.decision() != GateDecision.ROLLED_BACK
                && !(o.timedOut() && o.decision() == GateDecision.WAIT));
        m.put(AwaitDriftGateContract.R_ROLLOUT, r.id());
        m.put(AwaitDriftGateContract.R_FLEET, r.fleet());
        m.put(AwaitDriftGateContract.R_MODEL, r.model());
        m.put(AwaitDriftGateContract.R_VERSION, r.version());
        if (r.previousVersion() != null) {
            m.put(AwaitDriftGateContract.R_PREVIOUS_VERSION, r.previousVersion());
        }
        m.put(AwaitDriftGateContract.R_WAVE, o.judgedWave() + 1);
        m.put(AwaitDriftGateContract.R_WAVES, r.waves().size());
        m.put(AwaitDriftGateContract.R_COMPLETE, o.complete());
        m.put(AwaitDriftGateContract.R_REASONS, s.reasons());
        m.put(AwaitDriftGateContract.R_WAITING_FOR, s.waitingFor());
        Map<String, Object> perFeature = new LinkedHashMap<>();
        List<String> drifted = new java.util.ArrayList<>();
        if (o.verdict() != null && o.verdict().findings() != null && o.verdict().findings().inputDrift() != null) {
            o.verdict().findings().inputDrift().features().forEach(f -> {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("psi", f.psi());
                one.put("pValue", f.pValue());
                one.put("drifted", f.drifted());
                perFeature.put(f.name(), one);
            });
            drifted.addAll(o.verdict().findings().inputDrift().drifted());
        }
        m.put(AwaitDriftGateContract.R_PER_FEATURE, perFeature);
        m.put(AwaitDriftGateContract.R_DRIFTED_FEATURES, drifted);
        m.put(AwaitDriftGateContract.R_FIELD_DRIFT, o.verdict() != null && o.verdict().fieldDrift());
        if (s.predictionPsi() != null) {
            m.put(AwaitDriftGateContract.R_PREDICTION_PSI, s.predictionPsi());
        }
        m.put(AwaitDriftGateContract.R_LATENCY_P95_MS, new LinkedHashMap<>(s.latencyP95Ms()));
        m.put(AwaitDriftGateContract.R_CONTROL_LATENCY_P95_MS, new LinkedHashMap<>(s.controlLatencyP95Ms()));
        m.put(AwaitDriftGateContract.R_ERROR_RATE, s.errorRate());
        if (s.agreement() != null) {
            m.put(AwaitDriftGateContract.R_AGREEMENT, s.agreement());
        }
        m.put(AwaitDriftGateContract.R_SAMPLES, s.samples());
        m.put(AwaitDriftGateContract.R_DEVICES_REPORTING, s.devicesReporting());
        m.put(AwaitDriftGateContract.R_DEVICES_EXPECTED, s.devicesExpected());
        m.put(AwaitDriftGateContract.R_POLLS, s.n());
        m.put(AwaitDriftGateContract.R_REPORT, o.reportKey());
        return m.toMap();
    }
}
