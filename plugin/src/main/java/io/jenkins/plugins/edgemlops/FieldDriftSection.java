package io.jenkins.plugins.edgemlops;

import static io.edgemlops.contract.MonitorFieldDriftContract.R_DEVICES_REPORTING;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_DRIFTED;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_FROM;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_PER_FEATURE;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_PER_TARGET;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_PREDICTION_DRIFT;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_REASONS;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_REPORT;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_SAMPLES;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_SINCE;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_SUMMARY;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_TO;
import static io.edgemlops.contract.MonitorFieldDriftContract.R_VERSION;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run of the field drift monitor: its one-line answer, the reasons, and a table of the features with their PSI and
 * p-value, drifted ones first, then one row per target profile. Reads the result only through the contract's keys. A
 * drifted field is not a failed check: the section always counts as passed.
 */
public final class FieldDriftSection extends EdgeMlopsSection {

    private final String fleet;
    private final String model;
    private final String version;
    private final boolean drifted;
    private final String summary;
    private final List<String> reasons;
    private final List<FeatureRow> features;
    private final List<TargetRow> targets;
    private final List<LabelledValue> facts;

    /** One input feature across the fleet, formatted for people. */
    public static final class FeatureRow {
        private final String feature;
        private final String psi;
        private final String pValue;
        private final boolean drifted;
        private final boolean critical;

        public FeatureRow(String feature, String psi, String pValue, boolean drifted, boolean critical) {
            this.feature = feature;
            this.psi = psi;
            this.pValue = pValue;
            this.drifted = drifted;
            this.critical = critical;
        }

        public String getFeature() {
            return feature;
        }

        public String getPsi() {
            return psi;
        }

        public String getPvalue() {
            return pValue;
        }

        public boolean isDrifted() {
            return drifted;
        }

        public boolean isCritical() {
            return critical;
        }
    }

    /** One target profile's evidence and verdict. */
    public static final class TargetRow {
        private final String target;
        private final String samples;
        private final String devices;
        private final boolean drifted;
        private final String driftedFeatures;

        public TargetRow(String target, String samples, String devices, boolean drifted, String driftedFeatures) {
            this.target = target;
            this.samples = samples;
            this.devices = devices;
            this.drifted = drifted;
            this.driftedFeatures = driftedFeatures;
        }

        public String getTarget() {
            return target;
        }

        public String getSamples() {
            return samples;
        }

        public String getDevices() {
            return devices;
        }

        public boolean isDrifted() {
            return drifted;
        }

        public String getDriftedFeatures() {
            return driftedFeatures;
        }
    }

    public FieldDriftSection(String fleet, String model, String version, boolean drifted, String summary,
            List<String> reasons, List<FeatureRow> features, List<TargetRow> targets, List<LabelledValue> facts) {
        this.fleet = fleet;
        this.model = model;
        this.version = version;
        this.drifted = drifted;
        this.summary = summary;
        this.reasons = new ArrayList<>(reasons);
        this.features = new ArrayList<>(features);
        this.targets = new ArrayList<>(targets);
        this.facts = new ArrayList<>(facts);
    }

    /**
     * Reads a {@code monitorFieldDrift} result through the contract's result keys. Fleet and model come from the report
     * key, {@code fleets/<fleet>/monitor/<model>/<time>.json}.
     */
    public static FieldDriftSection fromResult(Map<String, Object> result) {
        String report = EngineResultParser.text(result, R_REPORT.name());
        String[] parts = report == null ? new String[0] : report.split("/");
        String fleet = parts.length >= 5 ? parts[1] : "?";
        String model = parts.length >= 5 ? parts[3] : "?";
        List<FeatureRow> features = new ArrayList<>();
        List<FeatureRow> quiet = new ArrayList<>();
        for (Map<?, ?> f : maps(result.get(R_PER_FEATURE.name()))) {
            FeatureRow row = new FeatureRow(String.valueOf(f.get("feature")), psi(f.get("psi")), p(f.get("pValue")),
                    Boolean.TRUE.equals(f.get("drifted")), Boolean.TRUE.equals(f.get("critical")));
            (row.isDrifted() ? features : quiet).add(row);
        }
        features.addAll(quiet);
        List<TargetRow> targets = new ArrayList<>();
        for (Map<?, ?> t : maps(result.get(R_PER_TARGET.name()))) {
            Object names = t.get("driftedFeatures");
            targets.add(new TargetRow(String.valueOf(t.get("target")), Format.value(t.get("samples")),
                    Format.value(t.get("devices")), Boolean.TRUE.equals(t.get("drifted")),
                    names instanceof List<?> list ? String.join(", ", list.stream().map(String::valueOf).toList())
                            : ""));
        }
        List<LabelledValue> facts = new ArrayList<>();
        fact(facts, R_SINCE.title(), EngineResultParser.text(result, R_SINCE.name()) + " ("
                + EngineResultParser.text(result, R_FROM.name()) + " to " + EngineResultParser.text(result, R_TO.name())
                + ")");
        fact(facts, R_SAMPLES.title(), Format.value(result.get(R_SAMPLES.name())));
        fact(facts, R_DEVICES_REPORTING.title(), Format.value(result.get(R_DEVICES_REPORTING.name())));
        if (result.get(R_PREDICTION_DRIFT.name()) instanceof Map<?, ?> predictions) {
            fact(facts, R_PREDICTION_DRIFT.title(), "PSI " + psi(predictions.get("psi"))
                    + (Boolean.TRUE.equals(predictions.get("drifted")) ? ", drifted" : ", no drift"));
        }
        fact(facts, R_REPORT.title(), report);
        List<String> reasons = new ArrayList<>();
        if (result.get(R_REASONS.name()) instanceof List<?> list) {
            list.forEach(r -> reasons.add(String.valueOf(r)));
        }
        Object version = result.get(R_VERSION.name());
        return new FieldDriftSection(fleet, model, version == null ? null : Format.value(version),
                Boolean.TRUE.equals(result.get(R_DRIFTED.name())), EngineResultParser.text(result, R_SUMMARY.name()),
                reasons, features, targets, facts);
    }

    private static List<Map<?, ?>> maps(Object value) {
        List<Map<?, ?>> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof Map<?, ?> map) {
                    out.add(map);
                }
            }
        }
        return out;
    }

    private static void fact(List<LabelledValue> facts, String label, String value) {
        if (value != null) {
            facts.add(new LabelledValue(label, value));
        }
    }

    private static String psi(Object value) {
        return value instanceof Number n ? String.format(Locale.ROOT, "%.3f", n.doubleValue()) : "-";
    }

    private static String p(Object value) {
        if (!(value instanceof Number n)) {
            return "-";
        }
        double v = n.doubleValue();
        return v < 1e-4 ? String.format(Locale.ROOT, "%.1e", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    @Override
    public String getKey() {
        return "field-drift:" + fleet + ":" + model;
    }

    @Override
    public String getTitle() {
        return "Field drift of " + model + (version == null ? "" : " version " + version) + " in fleet " + fleet;
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

    public boolean isDrifted() {
        return drifted;
    }

    public String getSummary() {
        return summary;
    }

    public List<String> getReasons() {
        return reasons == null ? List.of() : List.copyOf(reasons);
    }

    public List<FeatureRow> getFeatures() {
        return features == null ? List.of() : List.copyOf(features);
    }

    public List<TargetRow> getTargets() {
        return targets == null ? List.of() : List.copyOf(targets);
    }

    public List<LabelledValue> getFacts() {
        return facts == null ? List.of() : List.copyOf(facts);
    }
}
