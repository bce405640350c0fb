package io.edgemlops.usecase;

import io.edgemlops.registry.Audit;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.registry.Variant;
import io.edgemlops.rollout.DesiredState;
import io.edgemlops.rollout.FleetKeys;
import io.edgemlops.rollout.RolloutRecord;
import io.edgemlops.rollout.SignedDocument;
import io.edgemlops.rollout.TargetVariant;
import io.edgemlops.rollout.Wave;
import io.edgemlops.store.ConflictException;
import io.edgemlops.store.Json;
import io.edgemlops.store.ObjectStore;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the gate's decisions change in the store: the signed desired state (by compare-and-swap on the ETag read when
 * the poll began, so a publish in between wins and the gate changes nothing), the rollout's record, the
 * {@code production} alias and the model's history.
 */
final class RolloutTransitions {

    /** The alias a completed rollout moves to its version. */
    static final String PRODUCTION = "production";

    private final ObjectStore store;
    private final PrivateKey key;
    private final String keyId;
    private final Audit audit;

    RolloutTransitions(ObjectStore store, PrivateKey key, String keyId, Audit audit) {
        this.store = store;
        this.key = key;
        this.keyId = keyId;
        this.audit = audit;
    }

    /**
     * Starts the next wave, or completes the rollout after the last one.
     *
     * @return the rollout's record afterwards
     */
    RolloutRecord promote(DesiredState d, String desiredEtag, RolloutRecord record, List<String> reasons,
                          Instant now) {
        ModelRegistry registry = new ModelRegistry(store);
        Map<String, Object> details = details(record, reasons);
        if (d.wave() + 1 >= d.waves().size()) {
            RolloutRecord done = record.withStatus(RolloutRecord.Status.COMPLETED, now);
            writeRecord(done);
            registry.setAlias(d.model(), PRODUCTION, d.version(), audit.because("rollout " + d.rollout()
                    + " completed"));
            registry.appendHistory(d.model(), "rollout-completed", d.version(), audit, details);
            return done;
        }
        int next = d.wave() + 1;
        double percent = 0;
        for (Wave w : d.waves().subList(0, next + 1)) {
            if (!w.isPilot()) {
                percent = Math.max(percent, w.percent());
            }
        }
        Set<String> pilots = new LinkedHashSet<>(d.pilotDevices());
        if (d.waves().get(next).isPilot()) {
            pilots.addAll(PublishToEdge.pilots(store, d.fleet(), d.rollout(), d.waves().subList(0, next + 1)));
        }
        // Shadow is for the first wave only: from the second on, the wave's devices serve the new version.
        writeDesired(d.atWave(next, percent, new ArrayList<>(pilots), false, now), desiredEtag);
        RolloutRecord moved = record.atWave(next, now);
        writeRecord(moved);
        details.put("nextWave", next + 1);
        registry.appendHistory(d.model(), "wave-promoted", d.version(), audit, details);
        return moved;
    }

    /**
     * Sends the wave's devices back to the previous version: the desired state becomes the previous version for the
     * whole fleet (its files, schema, baseline and a fresh self-test), so a device that took the new version
     * reinstalls the old one and a device that never did changes nothing. On a first rollout there is nothing to go
     * back to: the cohort is emptied so no further device takes the version, and the devices that have it keep it.
     */
    RolloutRecord rollBack(DesiredState d, String desiredEtag, RolloutRecord record, List<String> reasons,
                           Instant now) {
        ModelRegistry registry = new ModelRegistry(store);
        DesiredState back;
        if (d.previousVersion() == null || d.previousTargets().isEmpty()) {
            back = d.atWave(d.wave(), 0, List.of(), false, now);
        } else {
            ModelCard previous = registry.get(d.model(), d.previousVersion());
            Map<String, Variant> variants = new LinkedHashMap<>();
            for (Map.Entry<String, TargetVariant> t : d.previousTargets().entrySet()) {
                variants.put(t.getKey(), previous.variant(t.getValue().variant()));
            }
            back = new DesiredState(DesiredState.SCHEMA_VERSION, d.fleet(), d.model(), d.rollout(), previous.version(),
                    null, d.wave(), d.waves(), 100, List.of(), false, d.previousTargets(), Map.of(), previous.schema(),
                    previous.fillValues(), previous.baseline(), PublishToEdge.selfTest(store, previous, variants),
                    d.health(), now, d.telemetryWindowSeconds(), null);
        }
        writeDesired(back, desiredEtag);
        RolloutRecord rolledBack = record.withStatus(RolloutRecord.Status.ROLLED_BACK, now);
        writeRecord(rolledBack);
        Map<String, Object> details = details(record, reasons);
        details.put("returnedTo", d.previousVersion());
        registry.appendHistory(d.model(), "rolled-back", d.version(), audit, details);
        return rolledBack;
    }

    /** Records that the gate held the wave for a person; nothing else changes. */
    void hold(DesiredState d, RolloutRecord record, List<String> reasons) {
        new ModelRegistry(store).appendHistory(d.model(), "rollout-held", d.version(), audit,
                details(record, reasons));
    }

    private static Map<String, Object> details(RolloutRecord record, List<String> reasons) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("fleet", record.fleet());
        details.put("rollout", record.id());
        details.put("wave", record.wave() + 1);
        details.put("waves", Wave.describe(record.waves()));
        details.put("reasons", reasons);
        return details;
    }

    private void writeDesired(DesiredState next, String etag) {
        if (key == null) {
            throw new IllegalStateException("the gate decided to change the desired state of " + next.model()
                    + " in fleet " + next.fleet() + " but has no signing key: give signingKey (--signing-key) or set "
                    + "EDGE_MLOPS_SIGNING_KEY");
        }
        byte[] signed = Json.toPrettyBytes(SignedDocument.sign(Json.toBytes(next), key, keyId));
        try {
            store.compareAndSwap(FleetKeys.desired(next.fleet(), next.model()), signed, etag);
        } catch (ConflictException e) {
            throw new ConflictException("the desired state of " + next.model() + " in fleet " + next.fleet()
                    + " changed while the gate judged rollout " + next.rollout() + " (a publish or another gate); "
                    + "the gate changed nothing, poll again", e);
        }
    }

    private void writeRecord(RolloutRecord r) {
        store.putBytes(FleetKeys.rollout(r.fleet(), r.model(), r.id()), Json.toPrettyBytes(r));
    }
}
