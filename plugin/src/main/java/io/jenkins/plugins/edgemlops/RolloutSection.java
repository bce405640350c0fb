package io.jenkins.plugins.edgemlops;

import static io.edgemlops.contract.PublishToEdgeContract.R_FLEET;
import static io.edgemlops.contract.PublishToEdgeContract.R_MODEL;
import static io.edgemlops.contract.PublishToEdgeContract.R_OVERRIDES;
import static io.edgemlops.contract.PublishToEdgeContract.R_PREVIOUS_VERSION;
import static io.edgemlops.contract.PublishToEdgeContract.R_ROLLOUT;
import static io.edgemlops.contract.PublishToEdgeContract.R_TARGETS;
import static io.edgemlops.contract.PublishToEdgeContract.R_VERSION;
import static io.edgemlops.contract.PublishToEdgeContract.R_WAVE;
import static io.edgemlops.contract.PublishToEdgeContract.R_WAVES;

import io.edgemlops.render.Results;
import io.edgemlops.render.RolloutView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A started rollout, drawn by {@link RolloutView} from the {@code publishToEdge} result, which the section keeps as
 * plain maps and lists.
 */
public final class RolloutSection extends EdgeMlopsSection {

    private final Map<String, Object> result;

    /** One wave as text ({@code 25%}, {@code 1@jetson-nano-cpu}) and whether it is the current one; never saved. */
    public static final class WaveRow {
        private final int number;
        private final String text;
        private final boolean current;

        public WaveRow(int number, String text, boolean current) {
            this.number = number;
            this.text = text;
            this.current = current;
        }

        /** Counted from 1, as the result's {@code wave}. */
        public int getNumber() {
            return number;
        }

        public String getText() {
            return text;
        }

        public boolean isCurrent() {
            return current;
        }

        /** "25 % of the fleet", "1 pilot device of jetson-nano-cpu". */
        public String getMeaning() {
            return RolloutView.meaning(text);
        }
    }

    private RolloutSection(Map<String, Object> result) {
        this.result = PlainValues.copy(result);
    }

    /** Keeps a {@code publishToEdge} result. */
    public static RolloutSection fromResult(Map<String, Object> result) {
        return new RolloutSection(result);
    }

    private Map<String, Object> result() {
        return result == null ? Map.of() : result;
    }

    @Override
    public String getKey() {
        return "rollout:" + getRollout();
    }

    @Override
    public String getTitle() {
        return RolloutView.title(result());
    }

    @Override
    public String getHtml() {
        return RolloutView.html(result());
    }

    public String getRollout() {
        return Results.text(result(), R_ROLLOUT);
    }

    public String getFleet() {
        return Results.text(result(), R_FLEET);
    }

    public String getModel() {
        return Results.text(result(), R_MODEL);
    }

    public String getVersion() {
        return Results.figure(result(), R_VERSION);
    }

    /** Every wave, the current one marked. */
    public List<WaveRow> getWaves() {
        long current = Results.whole(result(), R_WAVE, 1);
        List<String> texts = Results.texts(result().get(R_WAVES.name()));
        List<WaveRow> waves = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            waves.add(new WaveRow(i + 1, texts.get(i), i + 1 == current));
        }
        return waves;
    }

    /** The current wave, or null when the result named none. */
    public WaveRow getCurrentWave() {
        return getWaves().stream().filter(WaveRow::isCurrent).findFirst().orElse(null);
    }

    /** The version to go back to, or null on the first rollout of the model to the fleet. */
    public String getPreviousVersion() {
        return Results.figure(result(), R_PREVIOUS_VERSION);
    }

    /** Every refusal that was overridden. */
    public List<String> getOverrides() {
        return Results.texts(result().get(R_OVERRIDES.name()));
    }

    /** {@code raspberry-pi-4 int8, x86-gateway fp32}, for the one-line summary. */
    public String getTargetsText() {
        List<String> pairs = new ArrayList<>();
        Results.map(result().get(R_TARGETS.name())).forEach((target, variant) -> pairs.add(target + " " + variant));
        return String.join(", ", pairs);
    }
}
