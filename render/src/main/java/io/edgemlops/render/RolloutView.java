package io.edgemlops.render;

import static io.edgemlops.contract.PublishToEdgeContract.R_FLEET;
import static io.edgemlops.contract.PublishToEdgeContract.R_KEY_ID;
import static io.edgemlops.contract.PublishToEdgeContract.R_MODEL;
import static io.edgemlops.contract.PublishToEdgeContract.R_OVERRIDES;
import static io.edgemlops.contract.PublishToEdgeContract.R_PREVIOUS_VERSION;
import static io.edgemlops.contract.PublishToEdgeContract.R_ROLLOUT;
import static io.edgemlops.contract.PublishToEdgeContract.R_SHADOW;
import static io.edgemlops.contract.PublishToEdgeContract.R_SUPERSEDES;
import static io.edgemlops.contract.PublishToEdgeContract.R_TARGETS;
import static io.edgemlops.contract.PublishToEdgeContract.R_VERSION;
import static io.edgemlops.contract.PublishToEdgeContract.R_WAVE;
import static io.edgemlops.contract.PublishToEdgeContract.R_WAVES;

import java.util.List;
import java.util.Map;

/**
 * A started rollout from a {@code publishToEdge} result: which variant each target runs, the waves with the current
 * one marked (and "in shadow" when the first wave runs beside the serving version), what a rollback returns to, the
 * signing key, and every refusal that was overridden.
 */
public final class RolloutView {

    private RolloutView() {
    }

    /** "Rollout of pump version 3 to fleet eu". */
    public static String title(Map<String, ?> result) {
        return "Rollout of " + Results.text(result, R_MODEL) + " version " + Results.figure(result, R_VERSION)
                + " to fleet " + Results.text(result, R_FLEET);
    }

    /** The rollout as an HTML fragment. */
    public static String html(Map<String, ?> result) {
        List<String> overrides = Results.texts(result.get(R_OVERRIDES.name()));
        String intro = "<p>Rollout " + Html.code(Results.text(result, R_ROLLOUT))
                + (Results.text(result, R_KEY_ID) == null ? "" : ", desired state signed with key "
                        + Html.code(Results.text(result, R_KEY_ID))) + ".</p>\n";
        return new Block("rollout", title(result), overrides.isEmpty() ? Tone.INFO : Tone.WAIT).wrap(intro
                + targets(result) + waves(result) + facts(result).html()
                + (overrides.isEmpty() ? "" : "<p><strong>Overrides:</strong></p>\n" + Facts.reasons(overrides)));
    }

    /** Target → variant. */
    static String targets(Map<String, ?> result) {
        Table table = Table.withHeader("Target", "Variant");
        for (Map.Entry<?, ?> e : Results.map(result.get(R_TARGETS.name())).entrySet()) {
            table = table.row(e.getKey(), e.getValue());
        }
        return table.html();
    }

    /** One row per wave, the current one marked. */
    static String waves(Map<String, ?> result) {
        long current = Results.whole(result, R_WAVE, 1);
        boolean shadow = Results.flag(result, R_SHADOW);
        List<String> waves = Results.texts(result.get(R_WAVES.name()));
        Table table = Table.withHeader("Wave", "Reaches", "");
        for (int i = 0; i < waves.size(); i++) {
            int number = i + 1;
            String mark = number == current ? "current" + (shadow && number == 1 ? ", in shadow" : "") : "";
            table = table.row(number + ": " + waves.get(i), meaning(waves.get(i)),
                    mark.isEmpty() ? "" : Markup.raw(Html.strong(mark)));
        }
        return table.html();
    }

    /** {@code 25%} as "25 % of the fleet", {@code 1@jetson-nano-cpu} as "1 pilot device of jetson-nano-cpu". */
    public static String meaning(String wave) {
        int at = wave.indexOf('@');
        if (at < 0) {
            return wave.replace("%", "") + " % of the fleet";
        }
        String count = wave.substring(0, at);
        String target = wave.substring(at + 1);
        return count + " pilot device" + ("1".equals(count) ? "" : "s") + " of "
                + ("any".equals(target) ? "any target" : target);
    }

    private static Facts facts(Map<String, ?> result) {
        String previous = Results.figure(result, R_PREVIOUS_VERSION);
        String supersedes = Results.text(result, R_SUPERSEDES);
        return Facts.none()
                .add("Previous version", previous != null ? previous + ", what a rollback returns to"
                        : "none: no earlier rollout of " + Results.text(result, R_MODEL) + " to "
                                + Results.text(result, R_FLEET) + " finished, so a rollback has nothing to return to")
                .add("First wave in shadow", Results.flag(result, R_SHADOW) ? "yes, its devices run version "
                        + Results.figure(result, R_VERSION) + " beside the one they serve" : "no")
                .add("Supersedes rollout", supersedes == null ? null : Markup.raw(Html.code(supersedes)));
    }
}
