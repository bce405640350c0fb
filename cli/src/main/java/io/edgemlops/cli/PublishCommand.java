package io.edgemlops.cli;

import static io.edgemlops.contract.PublishToEdgeContract.ALLOW_REGRESSION;
import static io.edgemlops.contract.PublishToEdgeContract.ALLOW_UNVALIDATED;
import static io.edgemlops.contract.PublishToEdgeContract.FLEET;
import static io.edgemlops.contract.PublishToEdgeContract.MODEL;
import static io.edgemlops.contract.PublishToEdgeContract.REASON;
import static io.edgemlops.contract.PublishToEdgeContract.SHADOW;
import static io.edgemlops.contract.PublishToEdgeContract.SIGNING_KEY;
import static io.edgemlops.contract.PublishToEdgeContract.SUPERSEDE;
import static io.edgemlops.contract.PublishToEdgeContract.TARGETS;
import static io.edgemlops.contract.PublishToEdgeContract.TELEMETRY_WINDOW;
import static io.edgemlops.contract.PublishToEdgeContract.VERSION;
import static io.edgemlops.contract.PublishToEdgeContract.WAVES;

import io.edgemlops.contract.PublishToEdgeContract;
import io.edgemlops.contract.StepContract;
import io.edgemlops.rollout.RolloutRecord;
import io.edgemlops.rollout.Wave;
import io.edgemlops.store.OpenStore;
import io.edgemlops.usecase.PublishToEdge;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;

/** {@code edge-mlops publish}: the {@code publishToEdge} step from the command line; flags from the contract. */
@Command(name = "publish", modelTransformer = ContractOptions.class,
        description = "Start a staged rollout of a model version to a fleet: write the rollout's record and the "
                + "fleet's desired state, signed with an Ed25519 key (--signing-key FILE or env "
                + SigningKey.VARIABLE + "). Refuses a variant without a passing validation for its target or worse than "
                + "the version in production (exit 2) and a second rollout while one is in progress (exit 3) unless told otherwise.")
final class PublishCommand extends StoreCommand implements ContractCommand {

    /** Environment the signing key may come from; replaceable in tests. */
    static Map<String, String> env = System.getenv();

    private SigningKey key;

    @Override
    public StepContract contract() {
        return PublishToEdgeContract.STEP;
    }

    /** The key is read and checked before the store opens: without one nothing can be published. */
    @Override
    protected void beforeStore() {
        key = SigningKey.load(stepValues().text(SIGNING_KEY), env, workDir());
    }

    @Override
    protected LinkedHashMap<String, Object> compute(OpenStore store) {
        PublishToEdge.Request request = request(stepValues(), key, workDir(), build.reference());
        PublishToEdge.Outcome outcome = PublishToEdge.run(store.store(), request, new Progress(err()));
        err().print(RolloutSummary.render(outcome, key.keyId()));
        err().flush();
        return result(outcome, key.keyId());
    }

    private static Path workDir() {
        return Path.of("").toAbsolutePath();
    }

    /** The use case's request; absent waves stay null, which the engine reads as its default (5, 25, 100). */
    static PublishToEdge.Request request(StepValues v, SigningKey key, Path workDir, String build) {
        List<String> waves = v.texts(WAVES);
        return new PublishToEdge.Request(v.text(MODEL),
                v.text(VERSION) == null ? PublishToEdgeContract.DEFAULT_VERSION : v.text(VERSION),
                v.text(FLEET), v.pairs(TARGETS), waves == null ? null : Wave.parseAll(waves), v.flag(SHADOW),
                v.flag(ALLOW_UNVALIDATED), v.flag(SUPERSEDE), key.privateKey(), key.keyId(), v.text(REASON), workDir,
                build, v.text(TELEMETRY_WINDOW) == null ? null
                        : Math.toIntExact(io.edgemlops.contract.DurationText.parse(v.text(TELEMETRY_WINDOW)).toSeconds()),
                v.flag(ALLOW_REGRESSION));
    }

    /** The {@code publishToEdge} result Map, keyed by the contract's result keys; {@code wave} counts from 1. */
    static LinkedHashMap<String, Object> result(PublishToEdge.Outcome outcome, String keyId) {
        RolloutRecord r = outcome.rollout();
        ResultMap m = new ResultMap(PublishToEdgeContract.STEP);
        m.put(PublishToEdgeContract.R_ROLLOUT, r.id());
        m.put(PublishToEdgeContract.R_FLEET, r.fleet());
        m.put(PublishToEdgeContract.R_MODEL, r.model());
        m.put(PublishToEdgeContract.R_VERSION, r.version());
        m.put(PublishToEdgeContract.R_WAVE, r.wave() + 1);
        m.put(PublishToEdgeContract.R_WAVES, r.waves().stream().map(Wave::toText).toList());
        if (r.previousVersion() != null) {
            m.put(PublishToEdgeContract.R_PREVIOUS_VERSION, r.previousVersion());
        }
        // The record keeps its targets in a Map.copyOf, whose order changes from run to run: sort them by name.
        m.put(PublishToEdgeContract.R_TARGETS, new LinkedHashMap<>(new TreeMap<>(r.targets())));
        m.put(PublishToEdgeContract.R_SHADOW, r.shadow());
        m.put(PublishToEdgeContract.R_OVERRIDES, r.overrides());
        if (r.supersedes() != null) {
            m.put(PublishToEdgeContract.R_SUPERSEDES, r.supersedes());
        }
        m.put(PublishToEdgeContract.R_KEY_ID, keyId);
        return m.toMap();
    }
}
