package io.edgemlops.gate;

import io.edgemlops.data.DatasetProfile;
import io.edgemlops.drift.DatasetDrift;
import io.edgemlops.drift.DistributionDrift;
import io.edgemlops.drift.DriftJudge;
import io.edgemlops.drift.DriftLimits;
import java.util.Map;
import java.util.TreeMap;

/**
 * The drift statistics of summed telemetry ({@link TargetTally}) against a model version's baseline. The gate (a wave
 * and its control) and the field monitor (the production version across a fleet) both judge through here, so the
 * same counts always give the same verdict, and a tally that cannot be compared is recognised the same way.
 */
public final class TallyDrift {

    private TallyDrift() {
    }

    /** Every target's tally added up, in target order (so that the sum never depends on map order). */
    public static TargetTally sum(Map<String, TargetTally> perTarget) {
        TargetTally all = TargetTally.EMPTY;
        for (TargetTally t : new TreeMap<>(perTarget).values()) {
            all = all.plus(t);
        }
        return all;
    }

    /**
     * The inputs of {@code side} against the baseline, or null when there is nothing to compare: no baseline, no
     * feature counts yet, or counts over another number of features than the baseline has.
     *
     * @throws IllegalArgumentException if a critical feature of {@code limits} is not a feature of the baseline
     */
    public static DatasetDrift inputs(DatasetProfile baseline, TargetTally side, DriftLimits limits) {
        if (baseline == null || side.features().isEmpty() || side.features().size() != baseline.features().size()) {
            return null;
        }
        return DriftJudge.features(baseline, side.features(), limits);
    }

    /**
     * The predicted classes of {@code side} against the baseline's, or null when there are none to compare: a
     * regression model (no class counts in its baseline) or no successful inference yet.
     */
    public static DistributionDrift predictions(DatasetProfile baseline, TargetTally side, DriftLimits limits) {
        if (baseline == null || baseline.predictedClassCounts().isEmpty() || side.classes().isEmpty()) {
            return null;
        }
        return DriftJudge.predictions(baseline.predictedClassCounts(), side.classes(), limits);
    }
}
