package io.edgemlops.cli;

import io.edgemlops.rollout.DesiredState;
import io.edgemlops.rollout.RolloutRecord;
import io.edgemlops.rollout.TargetVariant;
import io.edgemlops.rollout.Wave;
import io.edgemlops.target.Bytes;
import io.edgemlops.usecase.PublishToEdge;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A started rollout in a few lines, for the console and the build log (stderr): what each target runs, the waves with
 * the current one in brackets, what the fleet goes back to, and every override taken.
 */
final class RolloutSummary {

    private RolloutSummary() {
    }

    /** The summary, lines separated by {@code \n}, ending with a newline. */
    static String render(PublishToEdge.Outcome outcome, String keyId) {
        RolloutRecord r = outcome.rollout();
        DesiredState d = outcome.desired();
        StringBuilder out = new StringBuilder();
        out.append("rollout ").append(r.id()).append(": ").append(r.model()).append('@').append(r.version())
                .append(" to fleet ").append(r.fleet()).append(", signed with key ").append(keyId).append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TARGET", "VARIANT", "SIZE", "SHA-256"});
        for (Map.Entry<String, TargetVariant> t : new TreeMap<>(d.targets()).entrySet()) {
            TargetVariant v = t.getValue();
            rows.add(new String[] {t.getKey(), v.variant() + (v.weightOnly() ? " (weight-only)" : ""),
                    Bytes.human(v.sizeBytes()), v.sha256().substring(0, Math.min(12, v.sha256().length()))});
        }
        int[] widths = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            out.append("  ");
            for (int i = 0; i < widths.length; i++) {
                out.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            out.append(row[widths.length]).append('\n');
        }
        out.append("  waves: ").append(waves(r.waves(), r.wave())).append(" (wave ").append(r.wave() + 1)
                .append(" of ").append(r.waves().size()).append(" now)\n");
        if (!d.pilotDevices().isEmpty()) {
            out.append("  pilot devices: ").append(String.join(", ", d.pilotDevices())).append('\n');
        }
        out.append("  previous version: ").append(r.previousVersion() == null
                ? "none (no rollout of " + r.model() + " to " + r.fleet() + " finished before this one)"
                : r.previousVersion())
                .append('\n');
        if (r.shadow()) {
            out.append("  shadow: the first wave runs version ").append(r.version())
                    .append(" beside the version it serves\n");
        }
        if (r.supersedes() != null) {
            out.append("  supersedes: ").append(r.supersedes()).append('\n');
        }
        for (String override : r.overrides()) {
            out.append("  override: ").append(override).append('\n');
        }
        return out.toString();
    }

    /** {@code [5%] 25% 100%}: the current wave in brackets. */
    static String waves(List<Wave> waves, int current) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < waves.size(); i++) {
            String text = waves.get(i).toText();
            texts.add(i == current ? "[" + text + "]" : text);
        }
        return String.join(" ", texts);
    }
}
