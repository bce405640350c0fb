package io.edgemlops.gate;

import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.rollout.FleetKeys;
import java.util.Locale;

/**
 * Where a rollout's gate keeps its progress: {@code fleets/<fleet>/gates/<model>/<rollout>/} holds {@code state.json}
 * (the wave judged, its expected devices, a summary of every poll), {@code polls/<n>.json} (each poll's full result)
 * and {@code report.html}. Keeping them in the store, not in Jenkins, is what lets any process take over a gate.
 */
public final class GateKeys {

    private GateKeys() {
    }

    /** The folder of one rollout's gate. */
    public static String folder(String fleet, String model, String rollout) {
        return "fleets/" + FleetKeys.name("fleet", fleet) + "/gates/" + ModelRegistry.checkName(model) + "/"
                + checkRollout(rollout) + "/";
    }

    private static final java.util.regex.Pattern ROLLOUT = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    /** A rollout id as publish makes them ({@code pump-v3-20261125T100000Z}): no slashes, nothing to escape. */
    static String checkRollout(String rollout) {
        if (rollout == null || !ROLLOUT.matcher(rollout).matches()) {
            throw new IllegalArgumentException("invalid rollout id '" + rollout + "': expected an id such as "
                    + "pump-v3-20261125T100000Z");
        }
        return rollout;
    }

    /** The gate's checkpoint. */
    public static String state(String fleet, String model, String rollout) {
        return folder(fleet, model, rollout) + "state.json";
    }

    /** The full result of poll number {@code n} (from 1). */
    public static String poll(String fleet, String model, String rollout, int n) {
        return folder(fleet, model, rollout) + String.format(Locale.ROOT, "polls/%06d.json", n);
    }

    /** The HTML report of every poll. */
    public static String report(String fleet, String model, String rollout) {
        return folder(fleet, model, rollout) + "report.html";
    }
}
