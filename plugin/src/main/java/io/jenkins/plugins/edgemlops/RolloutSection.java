package io.jenkins.plugins.edgemlops;

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

import io.edgemlops.contract.ResultKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A started rollout: which variant each target runs, the waves with the current one marked, what the fleet goes back
 * to on a rollback, whether the first wave runs in shadow, and every refusal that was overridden. Reads the result only
 * through the contract's keys.
 */
public final class RolloutSection extends EdgeMlopsSection {

    private final String rollout;
    private final String fleet;
    private final String model;
    private final String version;
    private final List<LabelledValue> targets;
    private final List<WaveRow> waves;
    private final String previousVersion;
    private final boolean shadow;
    private final String supersedes;
    private final List<String> overrides;
    private final String keyId;

    /** One wave as text ({@code 25%}, {@code 1@jetson-nano-cpu}) and whether it is the current one. */
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

        /** {@code 1@jetson-nano-cpu} as "1 pilot device of jetson-nano-cpu", {@code 25%} as "25 % of the fleet". */
        public String getMeaning() {
            int at = text.indexOf('@');
            if (at < 0) {
                return text.replace("%", "") + " % of the fleet";
            }
            String count = text.substring(0, at);
            String target = text.substring(at + 1);
            return count + " pilot device" + ("1".equals(count) ? "" : "s") + " of "
                    + ("any".equals(target) ? "any target" : target);
        }
    }

    public RolloutSection(String rollout, String fleet, String model, String version, List<LabelledValue> targets,
            List<WaveRow> waves, String previousVersion, boolean shadow, String supersedes, List<String> overrides,
            String keyId) {
        this.rollout = rollout;
        this.fleet = fleet;
        this.model = model;
        this.version = version;
        this.targets = new ArrayList<>(targets);
        this.waves = new ArrayList<>(waves);
        this.previousVersion = previousVersion;
        this.shadow = shadow;
        this.supersedes = supersedes;
        this.overrides = new ArrayList<>(overrides);
        this.keyId = keyId;
    }

    /** Reads a {@code publishToEdge} result through the contract's result keys. */
    public static RolloutSection fromResult(Map<String, Object> result) {
        List<LabelledValue> targets = new ArrayList<>();
        if (result.get(R_TARGETS.name()) instanceof Map<?, ?> map) {
            map.forEach((target, variant) -> targets.add(new LabelledValue(String.valueOf(target),
                    String.valueOf(variant))));
        }
        int current = result.get(R_WAVE.name()) instanceof Number n ? n.intValue() : 1;
        List<WaveRow> waves = new ArrayList<>();
        if (result.get(R_WAVES.name()) instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                waves.add(new WaveRow(i + 1, String.valueOf(list.get(i)), i + 1 == current));
            }
        }
        List<String> overrides = new ArrayList<>();
        if (result.get(R_OVERRIDES.name()) instanceof List<?> list) {
            list.forEach(o -> overrides.add(String.valueOf(o)));
        }
        return new RolloutSection(text(result, R_ROLLOUT), text(result, R_FLEET), text(result, R_MODEL),
                Format.value(result.get(R_VERSION.name())), targets, waves,
                Format.value(result.get(R_PREVIOUS_VERSION.name())), Boolean.TRUE.equals(result.get(R_SHADOW.name())),
                text(result, R_SUPERSEDES), overrides, text(result, R_KEY_ID));
    }

    private static String text(Map<String, Object> result, ResultKey key) {
        return EngineResultParser.text(result, key.name());
    }

    @Override
    public String getKey() {
        return "rollout:" + rollout;
    }

    @Override
    public String getTitle() {
        return "Rollout of " + model + " version " + version + " to fleet " + fleet;
    }

    public String getRollout() {
        return rollout;
    }

    public String getFleet() {
        return fleet;
    }

    public String getModel() {
        return model;
    }

    public String getVersion() {
        return version;
    }

    public List<LabelledValue> getTargets() {
        return targets == null ? List.of() : List.copyOf(targets);
    }

    public List<WaveRow> getWaves() {
        return waves == null ? List.of() : List.copyOf(waves);
    }

    /** The current wave, or null when the result named none. */
    public WaveRow getCurrentWave() {
        return getWaves().stream().filter(WaveRow::isCurrent).findFirst().orElse(null);
    }

    /** The version to go back to, or null on the first rollout of the model to the fleet. */
    public String getPreviousVersion() {
        return previousVersion;
    }

    public boolean isShadow() {
        return shadow;
    }

    public String getSupersedes() {
        return supersedes;
    }

    public List<String> getOverrides() {
        return overrides == null ? List.of() : List.copyOf(overrides);
    }

    public String getKeyId() {
        return keyId;
    }

    /** {@code raspberry-pi-4 int8, x86-gateway fp32}, for the one-line summary. */
    public String getTargetsText() {
        return String.join(", ", getTargets().stream().map(t -> t.getLabel() + " " + t.getValue()).toList());
    }
}
