package io.jenkins.plugins.edgemlops;

import static io.edgemlops.contract.AwaitDriftGateContract.R_AGREEMENT;
import static io.edgemlops.contract.AwaitDriftGateContract.R_COMPLETE;
import static io.edgemlops.contract.AwaitDriftGateContract.R_CONTROL_LATENCY_P95_MS;
import static io.edgemlops.contract.AwaitDriftGateContract.R_DECISION;
import static io.edgemlops.contract.AwaitDriftGateContract.R_DEVICES_EXPECTED;
import static io.edgemlops.contract.AwaitDriftGateContract.R_DEVICES_REPORTING;
import static io.edgemlops.contract.AwaitDriftGateContract.R_DRIFTED_FEATURES;
import static io.edgemlops.contract.AwaitDriftGateContract.R_ERROR_RATE;
import static io.edgemlops.contract.AwaitDriftGateContract.R_FIELD_DRIFT;
import static io.edgemlops.contract.AwaitDriftGateContract.R_FLEET;
import static io.edgemlops.contract.AwaitDriftGateContract.R_LATENCY_P95_MS;
import static io.edgemlops.contract.AwaitDriftGateContract.R_MODEL;
import static io.edgemlops.contract.AwaitDriftGateContract.R_PASSED;
import static io.edgemlops.contract.AwaitDriftGateContract.R_PER_FEATURE;
import static io.edgemlops.contract.AwaitDriftGateContract.R_PREDICTION_PSI;
import static io.edgemlops.contract.AwaitDriftGateContract.R_PREVIOUS_VERSION;
import static io.edgemlops.contract.AwaitDriftGateContract.R_REASONS;
import static io.edgemlops.contract.AwaitDriftGateContract.R_REPORT;
import static io.edgemlops.contract.AwaitDriftGateContract.R_ROLLOUT;
import static io.edgemlops.contract.AwaitDriftGateContract.R_SAMPLES;
import static io.edgemlops.contract.AwaitDriftGateContract.R_VERSION;
import static io.edgemlops.contract.AwaitDriftGateContract.R_WAVE;
import static io.edgemlops.contract.AwaitDriftGateContract.R_WAVES;

import io.edgemlops.contract.ResultKey;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The drift gate of one rollout on the build page: the latest decision with its reasons, each wave's decision, the
 * latest drift per feature, and the polls the step saw as charts (largest PSI, p95 latency per target with the control
 * group dashed, error rate). Every poll replaces the section with one more point; a point is a few numbers, and past
 * {@link #MAX_POINTS} every other older point is dropped, so a day of polls stays a few kilobytes in build.xml.
 * Reads results only through the contract's keys.
 */
public final class DriftGateSection extends EdgeMlopsSection {

    /** Most points kept; beyond, the older half is thinned to every other point (first and last always stay). */
    static final int MAX_POINTS = 240;
    /** Most features drawn in the bar chart (the most drifted first); the table lists them all. */
    static final int MAX_FEATURE_BARS = 30;

    private final String rollout;
    private final String fleet;
    private final String model;
    private final String version;
    private final String previousVersion;
    private final int waves;
    private final int wave;
    private final String decision;
    private final boolean passed;
    private final boolean complete;
    private final List<String> reasons;
    private final String waitingFor;
    private final List<LabelledValue> facts;
    private final List<FeatureRow> features;
    private final List<WaveDecision> decisions;
    private final List<String> targets;
    /** {@link PollPoint#encode() Encoded} points, oldest first. */
    private final List<String> points;
    private final double psiThreshold;
    private final double maxErrorRate;
    private final Double maxLatencyP95Ms;
    private final String report;

    /** One feature's drift at the latest poll, and the largest PSI it reached while this wave was judged. */
    public static final class FeatureRow {
        private final String name;
        private final double psi;
        private final double pValue;
        private final boolean drifted;
        private final double largestPsi;

        FeatureRow(String name, double psi, double pValue, boolean drifted, double largestPsi) {
            this.name = name;
            this.psi = psi;
            this.pValue = pValue;
            this.drifted = drifted;
            this.largestPsi = largestPsi;
        }

        public String getName() {
            return name;
        }

        public double getPsiValue() {
            return psi;
        }

        public String getPsi() {
            return SvgChart.label(psi);
        }

        public String getPvalue() {
            return Double.isFinite(pValue) ? Format.value(pValue) : "n/a";
        }

        public boolean isDrifted() {
            return drifted;
        }

        public double getLargestPsiValue() {
            return largestPsi;
        }

        public String getLargestPsi() {
            return SvgChart.label(largestPsi);
        }
    }

    /** A decision on one wave: promoted, rolled back or held, when, and why. */
    public static final class WaveDecision {
        private final int wave;
        private final String decision;
        private final long time;
        private final List<String> reasons;

        WaveDecision(int wave, String decision, long time, List<String> reasons) {
            this.wave = wave;
            this.decision = decision;
            this.time = time;
            this.reasons = new ArrayList<>(reasons);
        }

        public int getWave() {
            return wave;
        }

        public String getDecision() {
            return decision;
        }

        /** UTC, to the minute. */
        public String getTime() {
            return utc(time);
        }

        public List<String> getReasons() {
            return reasons == null ? List.of() : List.copyOf(reasons);
        }
    }

    /**
     * One poll as the charts need it. Latencies are aligned with the section's {@link #getTargets() targets} as they
     * were when the point was taken (a target that appeared later is missing from older points); NaN means no value.
     * Saved as one line of text ({@link #encode()}), about 60 bytes, rather than as an XML element per number.
     */
    record PollPoint(long time, int wave, long samples, double largestPsi, double errorRate, double[] latency,
            double[] controlLatency) {

        double latency(int target) {
            return target < latency.length ? latency[target] : Double.NaN;
        }

        double controlLatency(int target) {
            return target < controlLatency.length ? controlLatency[target] : Double.NaN;
        }

        /** {@code <time> <wave> <samples> <largest PSI> <error rate> <latencies> <control latencies>}. */
        String encode() {
            return time + " " + wave + " " + samples + " " + number(largestPsi) + " " + number(errorRate) + " "
                    + numbers(latency) + " " + numbers(controlLatency);
        }

        /** Reads {@link #encode()}'s line; null for a line it cannot read (the chart then leaves that poll out). */
        static PollPoint decode(String line) {
            String[] f = line == null ? new String[0] : line.trim().split(" ");
            if (f.length != 7) {
                return null;
            }
            try {
                return new PollPoint(Long.parseLong(f[0]), Integer.parseInt(f[1]), Long.parseLong(f[2]),
                        parse(f[3]), parse(f[4]), parseAll(f[5]), parseAll(f[6]));
            } catch (NumberFormatException unreadable) {
                return null;
            }
        }

        private static String number(double v) {
            return Double.isFinite(v) ? new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros()
                    .toPlainString() : "-";
        }

        private static String numbers(double[] values) {
            if (values.length == 0) {
                return "-";
            }
            StringBuilder b = new StringBuilder();
            for (double v : values) {
                b.append(b.length() == 0 ? "" : ",").append(number(v));
            }
            return b.toString();
        }

        private static double parse(String text) {
            return text.equals("-") ? Double.NaN : Double.parseDouble(text);
        }

        private static double[] parseAll(String text) {
            if (text.equals("-")) {
                return new double[0];
            }
            return java.util.Arrays.stream(text.split(",")).mapToDouble(PollPoint::parse).toArray();
        }
    }

    DriftGateSection(String rollout, String fleet, String model, String version, String previousVersion, int waves,
            int wave, String decision, boolean passed, boolean complete, List<String> reasons, String waitingFor,
            List<LabelledValue> facts, List<FeatureRow> features, List<WaveDecision> decisions, List<String> targets,
            List<String> points, double psiThreshold, double maxErrorRate, Double maxLatencyP95Ms, String report) {
        this.rollout = rollout;
        this.fleet = fleet;
        this.model = model;
        this.version = version;
        this.previousVersion = previousVersion;
        this.waves = waves;
        this.wave = wave;
        this.decision = decision;
        this.passed = passed;
        this.complete = complete;
        this.reasons = new ArrayList<>(reasons);
        this.waitingFor = waitingFor;
        this.facts = new ArrayList<>(facts);
        this.features = new ArrayList<>(features);
        this.decisions = new ArrayList<>(decisions);
        this.targets = new ArrayList<>(targets);
        this.points = new ArrayList<>(points);
        this.psiThreshold = psiThreshold;
        this.maxErrorRate = maxErrorRate;
        this.maxLatencyP95Ms = maxLatencyP95Ms;
        this.report = report;
    }

    /** The section of the gate of {@code rollout} this build already shows, or null. */
    static DriftGateSection shown(EdgeMlopsAction action, String rollout) {
        if (action == null || rollout == null) {
            return null;
        }
        for (EdgeMlopsSection section : action.getSections()) {
            if (section instanceof DriftGateSection gate && rollout.equals(gate.rollout)) {
                return gate;
            }
        }
        return null;
    }

    /**
     * The section after one more poll.
     *
     * @param previous what the page showed before this poll, or null for the first
     * @param plan     the step's plan: the limits drawn next to the values
     * @param result   the poll's result
     * @param now      when the poll answered, epoch milliseconds
     */
    static DriftGateSection afterPoll(DriftGateSection previous, GatePlan plan, Map<String, Object> result, long now) {
        int wave = whole(result, R_WAVE, 0);
        String decision = text(result, R_DECISION);
        boolean sameWave = previous != null && previous.wave == wave;

        List<FeatureRow> features = new ArrayList<>();
        double largestPsi = Double.NaN;
        if (result.get(R_PER_FEATURE.name()) instanceof Map<?, ?> perFeature) {
            for (Map.Entry<?, ?> entry : perFeature.entrySet()) {
                String name = String.valueOf(entry.getKey());
                Map<?, ?> values = entry.getValue() instanceof Map<?, ?> m ? m : Map.of();
                double psi = decimal(values.get("psi"));
                double before = sameWave ? previous.largestPsiOf(name) : Double.NaN;
                features.add(new FeatureRow(name, psi, decimal(values.get("pValue")),
                        Boolean.TRUE.equals(values.get("drifted")), max(before, psi)));
                largestPsi = max(largestPsi, psi);
            }
        }

        List<String> targets = new ArrayList<>(previous == null ? List.of() : previous.getTargets());
        Map<?, ?> latency = result.get(R_LATENCY_P95_MS.name()) instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> control = result.get(R_CONTROL_LATENCY_P95_MS.name()) instanceof Map<?, ?> m ? m : Map.of();
        for (Map<?, ?> byTarget : List.of(latency, control)) {
            for (Object target : byTarget.keySet()) {
                if (!targets.contains(String.valueOf(target))) {
                    targets.add(String.valueOf(target));
                }
            }
        }
        double[] newLatency = new double[targets.size()];
        double[] controlLatency = new double[targets.size()];
        for (int i = 0; i < targets.size(); i++) {
            newLatency[i] = decimal(latency.get(targets.get(i)));
            controlLatency[i] = decimal(control.get(targets.get(i)));
        }
        List<String> points = new ArrayList<>(previous == null ? List.of() : previous.getPointLines());
        points.add(new PollPoint(now, wave, whole(result, R_SAMPLES, 0), largestPsi, decimal(result.get(
                R_ERROR_RATE.name())), newLatency, controlLatency).encode());
        points = thinned(points);

        List<String> reasons = texts(result.get(R_REASONS.name()));
        List<WaveDecision> decisions = new ArrayList<>(previous == null ? List.of() : previous.getDecisions());
        if (decision != null && !DriftGatePolls.WAIT.equals(decision)) {
            // A poll after a restart may answer the same decision again: it replaces, never repeats.
            decisions.removeIf(d -> d.wave == wave);
            decisions.add(new WaveDecision(wave, decision, now, reasons));
        }

        return new DriftGateSection(text(result, R_ROLLOUT), text(result, R_FLEET), text(result, R_MODEL),
                Format.value(result.get(R_VERSION.name())), Format.value(result.get(R_PREVIOUS_VERSION.name())),
                whole(result, R_WAVES, 0), wave, decision, !Boolean.FALSE.equals(result.get(R_PASSED.name())),
                Boolean.TRUE.equals(result.get(R_COMPLETE.name())), reasons, DriftGatePolls.waitingFor(result),
                facts(plan, result), features, decisions, targets, points, plan.psiThreshold(), plan.maxErrorRate(),
                plan.maxLatencyP95Ms(), text(result, R_REPORT));
    }

    /** Keeps at most {@link #MAX_POINTS}: past it, every other point goes, except the first and the last. */
    static <T> List<T> thinned(List<T> points) {
        if (points.size() <= MAX_POINTS) {
            return points;
        }
        List<T> kept = new ArrayList<>();
        for (int i = 0; i < points.size() - 1; i += 2) {
            kept.add(points.get(i));
        }
        kept.add(points.get(points.size() - 1));
        return kept;
    }

    private static List<LabelledValue> facts(GatePlan plan, Map<String, Object> result) {
        List<LabelledValue> facts = new ArrayList<>();
        facts.add(new LabelledValue("Inferences of the new version", Format.value(result.get(R_SAMPLES.name()))));
        Object expected = result.get(R_DEVICES_EXPECTED.name());
        // 0 expected: none of the wave's devices had reported before it started, so its size is unknown.
        boolean sized = expected instanceof Number n && n.longValue() > 0;
        facts.add(new LabelledValue("Devices reporting", Format.value(result.get(R_DEVICES_REPORTING.name()))
                + (sized ? " of " + Format.value(expected) : "")));
        double errorRate = decimal(result.get(R_ERROR_RATE.name()));
        facts.add(new LabelledValue("Error rate", (Double.isFinite(errorRate) ? percent(errorRate) : "n/a")
                + " (limit " + percent(plan.maxErrorRate()) + ")"));
        if (result.get(R_PREDICTION_PSI.name()) != null) {
            facts.add(new LabelledValue("Prediction drift (PSI)", Format.value(result.get(R_PREDICTION_PSI.name()))
                    + " (limit " + SvgChart.label(plan.psiThreshold()) + ")"));
        }
        if (result.get(R_AGREEMENT.name()) != null) {
            facts.add(new LabelledValue("Shadow agreement", percent(decimal(result.get(R_AGREEMENT.name())))));
        }
        List<String> drifted = texts(result.get(R_DRIFTED_FEATURES.name()));
        facts.add(new LabelledValue("Drifted features", drifted.isEmpty() ? "none" : String.join(", ", drifted)));
        if (Boolean.TRUE.equals(result.get(R_FIELD_DRIFT.name()))) {
            facts.add(new LabelledValue("Field drift", "the inputs drifted on the previous version's devices too: "
                    + "retrain on recent data"));
        }
        return facts;
    }

    private double largestPsiOf(String feature) {
        for (FeatureRow row : getFeatures()) {
            if (row.name.equals(feature)) {
                return row.largestPsi;
            }
        }
        return Double.NaN;
    }

    @Override
    public String getKey() {
        return "gate:" + rollout;
    }

    @Override
    public String getTitle() {
        return "Drift gate of " + model + " version " + version + " in fleet " + fleet;
    }

    /** False once the gate rolled the wave back (or the step timed out under {@code onTimeout: 'fail'}). */
    @Override
    public boolean isPassed() {
        return passed && !DriftGatePolls.ROLLED_BACK.equals(decision);
    }

    /** True while the latest poll answered WAIT: the step was still waiting then. */
    public boolean isWaiting() {
        return DriftGatePolls.WAIT.equals(decision) && passed;
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

    public String getPreviousVersion() {
        return previousVersion;
    }

    public int getWaves() {
        return waves;
    }

    /** The wave the latest poll judged, from 1. */
    public int getWave() {
        return wave;
    }

    public String getDecision() {
        return decision;
    }

    public boolean isComplete() {
        return complete;
    }

    public List<String> getReasons() {
        return reasons == null ? List.of() : List.copyOf(reasons);
    }

    public String getWaitingFor() {
        return waitingFor;
    }

    public List<LabelledValue> getFacts() {
        return facts == null ? List.of() : List.copyOf(facts);
    }

    /** Every feature of the latest poll, the most drifted first. */
    public List<FeatureRow> getFeatures() {
        List<FeatureRow> rows = new ArrayList<>(features == null ? List.of() : features);
        rows.sort(Comparator.comparingDouble((FeatureRow r) -> Double.isFinite(r.psi) ? -r.psi : 0)
                .thenComparing(r -> r.name));
        return rows;
    }

    public List<WaveDecision> getDecisions() {
        return decisions == null ? List.of() : List.copyOf(decisions);
    }

    public List<String> getTargets() {
        return targets == null ? List.of() : List.copyOf(targets);
    }

    /** Polls drawn, at most {@link #MAX_POINTS}. */
    public int getPollCount() {
        return points == null ? 0 : points.size();
    }

    /** Time of the latest poll, UTC. */
    public String getLastPollTime() {
        List<PollPoint> shown = pollPoints();
        return shown.isEmpty() ? null : utc(shown.get(shown.size() - 1).time());
    }

    List<String> getPointLines() {
        return points == null ? List.of() : List.copyOf(points);
    }

    /** The points that can be read, oldest first. */
    List<PollPoint> pollPoints() {
        List<PollPoint> read = new ArrayList<>();
        for (String line : getPointLines()) {
            PollPoint point = PollPoint.decode(line);
            if (point != null) {
                read.add(point);
            }
        }
        return read;
    }

    public String getReport() {
        return report;
    }

    /** The latest PSI of each feature (most drifted first, at most {@link #MAX_FEATURE_BARS}) against the threshold. */
    public SvgChart getFeatureChart() {
        List<FeatureRow> rows = getFeatures();
        if (rows.isEmpty()) {
            return null;
        }
        rows = rows.subList(0, Math.min(rows.size(), MAX_FEATURE_BARS));
        double[] latest = rows.stream().mapToDouble(r -> r.psi).toArray();
        double[] largest = rows.stream().mapToDouble(r -> r.largestPsi).toArray();
        boolean[] drifted = new boolean[rows.size()];
        for (int i = 0; i < drifted.length; i++) {
            drifted[i] = rows.get(i).drifted;
        }
        return SvgChart.bars("PSI per feature at the latest poll (pale: the largest while wave " + wave
                + " was judged)", rows.stream().map(r -> r.name).toList(), latest, largest, drifted, psiThreshold);
    }

    /** The largest PSI over all features at each poll, against the threshold. */
    public SvgChart getDriftChart() {
        return overTime("Largest PSI over the features", "", List.of(new SvgChart.Series("largest PSI",
                SvgChart.PALETTE[0], false, values(PollPoint::largestPsi))),
                List.of(new SvgChart.Limit("threshold", psiThreshold)));
    }

    /** p95 latency per target: the new version solid, the control group on the previous version dashed. */
    public SvgChart getLatencyChart() {
        List<String> names = getTargets();
        if (names.isEmpty()) {
            return null;
        }
        List<SvgChart.Series> series = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            int target = i;
            String colour = SvgChart.PALETTE[i % SvgChart.PALETTE.length];
            series.add(new SvgChart.Series(names.get(i) + " v" + version, colour, false,
                    values(p -> p.latency(target))));
            double[] control = values(p -> p.controlLatency(target));
            if (java.util.Arrays.stream(control).anyMatch(Double::isFinite)) {
                series.add(new SvgChart.Series(names.get(i) + " control" + (previousVersion == null ? ""
                        : " v" + previousVersion), colour, true, control));
            }
        }
        List<SvgChart.Limit> limits = maxLatencyP95Ms == null ? List.of()
                : List.of(new SvgChart.Limit("budget", maxLatencyP95Ms));
        return overTime("p95 latency per target", " ms", series, limits);
    }

    /** The share of failed inferences at each poll, in percent, against the limit. */
    public SvgChart getErrorChart() {
        return overTime("Error rate", " %", List.of(new SvgChart.Series("error rate", SvgChart.PALETTE[0], false,
                values(p -> p.errorRate() * 100))), List.of(new SvgChart.Limit("limit", maxErrorRate * 100)));
    }

    private SvgChart overTime(String title, String unit, List<SvgChart.Series> series, List<SvgChart.Limit> limits) {
        List<PollPoint> shown = pollPoints();
        if (shown.isEmpty()) {
            return null;
        }
        long[] times = shown.stream().mapToLong(PollPoint::time).toArray();
        int[] waveOfPoint = shown.stream().mapToInt(PollPoint::wave).toArray();
        return SvgChart.overTime(title, unit, times, waveOfPoint, series, limits);
    }

    private double[] values(java.util.function.ToDoubleFunction<PollPoint> value) {
        return pollPoints().stream().mapToDouble(value).toArray();
    }

    private static String text(Map<String, Object> result, ResultKey key) {
        return EngineResultParser.text(result, key.name());
    }

    private static int whole(Map<String, Object> result, ResultKey key, int fallback) {
        return result.get(key.name()) instanceof Number n ? n.intValue() : fallback;
    }

    private static double decimal(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static double max(double a, double b) {
        if (!Double.isFinite(a)) {
            return b;
        }
        return Double.isFinite(b) ? Math.max(a, b) : a;
    }

    private static List<String> texts(Object value) {
        List<String> texts = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(o -> texts.add(String.valueOf(o)));
        } else if (value != null && !value.toString().isBlank()) {
            texts.add(value.toString());
        }
        return texts;
    }

    private static String percent(double share) {
        return SvgChart.label(share * 100) + " %";
    }

    private static String utc(long epochMillis) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(epochMillis));
    }
}
