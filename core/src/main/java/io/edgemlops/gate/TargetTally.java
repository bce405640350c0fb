package io.edgemlops.gate;

import io.edgemlops.telemetry.FeatureCounts;
import io.edgemlops.telemetry.GroupTelemetry;
import io.edgemlops.telemetry.LatencyHistogram;
import io.edgemlops.telemetry.TelemetryRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One side of one target (the wave's devices on the new version, or the control devices on the previous one) summed
 * over the windows judged so far. Unlike {@link TelemetryRecord#merge}, it adds up different windows.
 *
 * @param inferences inferences, failed ones included
 * @param errors failed inferences
 * @param features counts per feature, in schema order (empty before the first record)
 * @param classes predicted class counts
 * @param latency latency histogram
 * @param shadowInferences shadow records: inferences compared with the serving version
 * @param shadowAgreements of those, agreeing ones
 * @param servingLatency shadow records: the serving version's latency on the same inputs
 * @param devicesLastWindow devices that reported in the latest window added
 * @param healthyLastWindow of those, devices whose health was ok with a passed self-test
 * @param unhealthy device-windows reported degraded or with a failed self-test, over every window
 * @param mismatched records left out because they were counted over another number of features
 */
public record TargetTally(long inferences, long errors, List<FeatureCounts> features, Map<String, Long> classes,
                          LatencyHistogram latency, long shadowInferences, long shadowAgreements,
                          LatencyHistogram servingLatency, long devicesLastWindow, long healthyLastWindow,
                          long unhealthy, long mismatched) {

    /** Nothing reported. */
    public static final TargetTally EMPTY = new TargetTally(0, 0, List.of(), Map.of(), LatencyHistogram.EMPTY, 0, 0,
            LatencyHistogram.EMPTY, 0, 0, 0, 0);

    public TargetTally {
        features = Collections.unmodifiableList(new ArrayList<>(features));
        classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
    }

    /**
     * This tally with the groups of one more window added; the window's device counts replace the last ones.
     * Groups counted over a different number of features than the first one seen are left out and counted in
     * {@code mismatched}: their bins cannot be compared.
     */
    public TargetTally plusWindow(List<GroupTelemetry> groups) {
        long inf = inferences;
        long err = errors;
        List<FeatureCounts> feats = new ArrayList<>(features);
        Map<String, Long> cls = new LinkedHashMap<>(classes);
        LatencyHistogram lat = latency;
        long shInf = shadowInferences;
        long shAgree = shadowAgreements;
        LatencyHistogram serving = servingLatency;
        long devices = 0;
        long healthy = 0;
        long bad = unhealthy;
        long skipped = mismatched;
        for (GroupTelemetry g : groups) {
            TelemetryRecord r = g.counts();
            if (!feats.isEmpty() && !r.features().isEmpty() && r.features().size() != feats.size()) {
                skipped += g.devices();
                continue;
            }
            if (feats.isEmpty()) {
                feats.addAll(r.features());
            } else {
                for (int i = 0; i < r.features().size(); i++) {
                    feats.set(i, feats.get(i).plus(r.features().get(i)));
                }
            }
            inf += r.inferences();
            err += r.errors();
            r.predictedClassCounts().forEach((k, v) -> cls.merge(k, v, Long::sum));
            lat = lat.plus(r.latency());
            if (r.shadowInferences() != null) {
                shInf += r.shadowInferences();
                shAgree += r.shadowAgreements();
                serving = serving.plus(r.shadowLatency());
            }
            devices += g.devices();
            healthy += g.healthyDevices();
            bad += g.unhealthyDevices();
        }
        return new TargetTally(inf, err, feats, cls, lat, shInf, shAgree, serving, devices, healthy, bad, skipped);
    }
    /** The sum of two tallies (e.g. every target of a side); device counts add up too. */
    public TargetTally plus(TargetTally other) {
        if (other.inferences == 0 && other.features.isEmpty() && other.devicesLastWindow == 0 && other.unhealthy == 0) {
            return this;
        }
        List<FeatureCounts> feats = new ArrayList<>(features);
        long skipped = mismatched + other.mismatched;
        if (feats.isEmpty()) {
            feats.addAll(other.features);
        } else if (other.features.size() == feats.size()) {
            for (int i = 0; i < feats.size(); i++) {
                feats.set(i, feats.get(i).plus(other.features.get(i)));
            }
        } else if (!other.features.isEmpty()) {
            skipped += other.devicesLastWindow;
        }
        Map<String, Long> cls = new LinkedHashMap<>(classes);
        other.classes.forEach((k, v) -> cls.merge(k, v, Long::sum));
        return new TargetTally(inferences + other.inferences, errors + other.errors, feats, cls,
                latency.plus(other.latency), shadowInferences + other.shadowInferences,
                shadowAgreements + other.shadowAgreements, servingLatency.plus(other.servingLatency),
                devicesLastWindow + other.devicesLastWindow, healthyLastWindow + other.healthyLastWindow,
                unhealthy + other.unhealthy, skipped);
    }
}
