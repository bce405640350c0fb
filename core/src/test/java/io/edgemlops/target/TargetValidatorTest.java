package io.edgemlops.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgemlops.data.FeatureSchema;
import io.edgemlops.data.FeatureSchema.Feature;
import io.edgemlops.runtime.LatencyMeter;
import io.edgemlops.runtime.MlpFixture;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetValidatorTest {

    private static final List<String> CLASSES = List.of("idle", "running", "fault");
    private static final MlpFixture MLP = MlpFixture.classifier(42);
    private static final byte[] MODEL = MLP.onnx();
    private static final float[][] ROWS = MlpFixture.rows(3, 200, 16);
    private static final int[] LABELS = MLP.predictedClasses(ROWS);

    private final TargetValidator validator = new TargetValidator(
            new LatencyMeter(LatencyMeter.Settings.iterations(20, 200)),
            Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
    private final TargetProfile pi4 = TargetProfiles.bundled("raspberry-pi-4");

    @Test
    void theSmallMlpPassesEveryCheckOnABundledProfile() {
        ValidationReport report = validator.validate(input(pi4, schema(), null));
        assertTrue(report.passed(), report.reason());
        assertEquals(List.of("model-size", "opset", "operators", "data-types", "schema", "memory", "latency-p95",
                "accuracy"), report.checks().stream().map(CheckResult::name).toList());
        assertEquals(1.0, report.metrics().accuracy(), 1e-12, "labels are the model's own predictions");
        assertEquals("no production version", report.check("schema").message());
        assertEquals(MODEL.length, report.modelBytes());
        assertEquals("2026-11-25T10:00:00Z", report.validatedAt());
        assertEquals(64, report.modelSha256().length());
    }

    @Test
    void anImpossibleLatencyBudgetFailsAndAGenerousOnePasses() {
        ValidationReport tight = validator.validate(input(pi4.withLatencyBudgetP95Ms(0.0001), schema(), null));
        CheckResult latency = tight.check("latency-p95");
        assertFalse(latency.passed());
        assertFalse(tight.passed());
        assertTrue(latency.failureSummary().matches("value .* ms > limit 0.0001 ms"), latency.failureSummary());
        assertTrue(tight.reason().contains("latency-p95"), tight.reason());

        ValidationReport generous = validator.validate(input(pi4.withLatencyBudgetP95Ms(1000), schema(), null));
        assertTrue(generous.check("latency-p95").passed(), generous.check("latency-p95").message());
        // The reported latency is the host measurement projected by the device's relative speed.
        assertEquals(generous.measuredLatency().p95Ms() * pi4.relativeSpeed(), generous.latency().p95Ms(), 1e-12);
        assertTrue(generous.check("latency-p95").message().contains("p50"));
        assertTrue(generous.check("latency-p95").message().contains("p99"));
    }

    @Test
    void onTargetLatencyIsReportedAsMeasured() {
        ValidationInput in = new ValidationInput(pi4, "fp32", MODEL, schema(), null, ROWS, LABELS, null, CLASSES,
                null, true, null);
        ValidationReport report = validator.validate(in);
        assertEquals(1.0, report.relativeSpeed());
        assertEquals(report.measuredLatency(), report.latency());
        assertTrue(report.check("latency-p95").message().contains("measured on the target"));
    }

    @Test
    void modelSizeOverAndUnderTheLimit() {
        ValidationReport small = validator.validate(input(pi4.withMaxModelBytes(MODEL.length), schema(), null));
        assertTrue(small.check("model-size").passed());

        ValidationReport big = validator.validate(input(pi4.withMaxModelBytes(MODEL.length - 1), schema(), null));
        CheckResult size = big.check("model-size");
        assertFalse(size.passed());
        assertEquals((double) MODEL.length, size.value());
        assertEquals("value " + MODEL.length + " bytes > limit " + (MODEL.length - 1) + " bytes",
                size.failureSummary());
    }

    @Test
    void anOperatorTheDeviceLacksIsNamed() {
        TargetProfile noSoftmax = pi4.withSupportedOperators(List.of("Gemm", "Relu", "MatMul", "Add"));
        CheckResult ops = validator.validate(input(noSoftmax, schema(), null)).check("operators");
        assertFalse(ops.passed());
        assertEquals("unsupported operators: Softmax", ops.message());
        assertEquals(1.0, ops.value());
    }

    @Test
    void dataTypesAndOpsetAreCheckedAgainstTheProfile() {
        TargetProfile int8Only = new TargetProfile("int8-npu", null, "aarch64", "linux", "onnxruntime", 13,
                pi4.supportedOperators(), List.of("int8", "uint8"), pi4.maxModelBytes(), pi4.maxMemoryBytes(),
                pi4.latencyBudgetP95Ms(), 1.0, null, null, null, null);
        ValidationReport report = validator.validate(input(int8Only, schema(), null));
        assertEquals("unsupported data types: float32", report.check("data-types").message());
        CheckResult opset = report.check("opset");
        assertFalse(opset.passed());
        assertEquals("value 17 > limit 13", opset.failureSummary());
    }

    @Test
    void int8WeightsNeedAProfileThatListsInt8() {
        byte[] qdq = MlpFixture.dequantizedLinear(16, 3, 1).toByteArray();
        TargetProfile floatOnly = new TargetProfile("float-only", null, "aarch64", "linux", "onnxruntime", 21,
                pi4.supportedOperators(), List.of("float32"), pi4.maxModelBytes(), pi4.maxMemoryBytes(), 1000, 1.0,
                null, null, null, null);
        ValidationInput in = new ValidationInput(floatOnly, "int8", qdq, schema(), null, ROWS, LABELS, null,
                CLASSES, null, false, null);
        ValidationReport report = validator.validate(in);
        assertEquals("unsupported data types: int8", report.check("data-types").message());
        assertTrue(report.check("operators").message().contains("DequantizeLinear"));
        assertTrue(validator.validate(new ValidationInput(pi4, "int8", qdq, schema(), null, ROWS, LABELS, null,
                CLASSES, null, false, null)).check("data-types").passed());
    }

    @Test
    void aRemovedFeatureBreaksTheProductionSchema() {
        FeatureSchema production = schemaWith(numerics(16));
        List<Feature> fewer = new ArrayList<>(numerics(15));
        fewer.add(Feature.numeric("humidity"));
        CheckResult schema = validator.validate(input(pi4, schemaWith(fewer), production)).check("schema");
        assertFalse(schema.passed());
        assertTrue(schema.message().contains("feature 'f15' removed"), schema.message());
        assertTrue(schema.message().contains("feature 'humidity' added"), schema.message());
        assertEquals(2.0, schema.value(), "two breaking changes: one removed, one added");
    }

    @Test
    void aRetypedFeatureBreaksTheProductionSchema() {
        List<Feature> prod = new ArrayList<>(numerics(14));
        prod.add(Feature.categorical("site", List.of("north", "south")));
        List<Feature> cand = new ArrayList<>(numerics(14));
        cand.add(Feature.numeric("site"));
        cand.add(Feature.numeric("extra"));
        CheckResult schema = validator.validate(input(pi4, schemaWith(cand), schemaWith(prod))).check("schema");
        assertFalse(schema.passed());
        assertTrue(schema.message().contains("feature 'site' changed type categorical -> numeric"), schema.message());
    }

    @Test
    void reorderedCategoriesOrClassesAndAddedFeaturesBreak() {
        List<Feature> prod = new ArrayList<>(numerics(14));
        prod.add(Feature.categorical("site", List.of("north", "south")));
        List<Feature> swapped = new ArrayList<>(numerics(14));
        swapped.add(Feature.categorical("site", List.of("south", "north")));
        SchemaCompatibility categories = SchemaCompatibility.compare(schemaWith(swapped), schemaWith(prod));
        assertEquals(List.of("feature 'site' changed categories [north, south] -> [south, north]"),
                categories.breaks());

        FeatureSchema reorderedClasses = new FeatureSchema(prod, "state", FeatureSchema.Task.CLASSIFICATION,
                List.of("running", "idle", "fault"));
        assertEquals(1, SchemaCompatibility.compare(reorderedClasses, schemaWith(prod)).breaks().size());

        List<Feature> more = new ArrayList<>(prod);
        more.add(Feature.numeric("vibration"));
        SchemaCompatibility added = SchemaCompatibility.compare(schemaWith(more), schemaWith(prod));
        assertEquals(List.of("feature 'vibration' added (devices on the production schema do not send it)"),
                added.breaks());
    }

    @Test
    void accuracyBelowTheMinimumFails() {
        int[] wrong = LABELS.clone();
        for (int i = 0; i < wrong.length; i += 2) {
            wrong[i] = (wrong[i] + 1) % 3; // half the labels disagree with the model
        }
        ValidationInput in = new ValidationInput(pi4, "int8", MODEL, schema(), null, ROWS, wrong, null, CLASSES,
                0.9, false, null);
        CheckResult accuracy = validator.validate(in).check("accuracy");
        assertFalse(accuracy.passed());
        assertEquals(0.5, accuracy.value(), 1e-12);
        assertEquals("value 0.5 < limit 0.9", accuracy.failureSummary());
    }

    @Test
    void regressionIsJudgedOnR2AndRmse() {
        MlpFixture regressor = new MlpFixture(5, false, 16, 32, 1);
        double[] targets = new double[ROWS.length];
        for (int i = 0; i < ROWS.length; i++) {
            targets[i] = regressor.forward(ROWS[i])[0];
        }
        FeatureSchema schema = new FeatureSchema(numerics(16), "flow", FeatureSchema.Task.REGRESSION, List.of());
        TargetProfile profile = new TargetProfile("reg", null, "x86_64", "linux", "onnxruntime", 21,
                pi4.supportedOperators(), pi4.supportedDataTypes(), pi4.maxModelBytes(), pi4.maxMemoryBytes(),
                1000, 1.0, null, 0.99, 0.001, null);
        ValidationReport report = validator.validate(new ValidationInput(profile, "fp32", regressor.onnx(), schema,
                null, ROWS, null, targets, null, null, false, null));
        assertTrue(report.passed(), report.reason());
        assertNotNull(report.check("r2"));
        assertNotNull(report.check("rmse"));
        assertNull(report.check("accuracy"));
        assertTrue(report.metrics().r2() > 0.999);
    }

    @Test
    void aFileThatIsNotOnnxIsBadInput() {
        ValidationInput in = new ValidationInput(pi4, "fp32", "not a model".getBytes(), schema(), null, ROWS,
                LABELS, null, CLASSES, null, false, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> validator.validate(in));
        assertTrue(e.getMessage().startsWith("not an ONNX model"), e.getMessage());
    }

    @Test
    void progressIsReportedAndTheReportSurvivesJson() throws Exception {
        List<String> progress = new ArrayList<>();
        ValidationReport report = validator.validate(new ValidationInput(pi4, "fp32", MODEL, schema(), null, ROWS,
                LABELS, null, CLASSES, null, false, progress::add));
        assertTrue(progress.get(0).startsWith("validating fp32 for raspberry-pi-4"), progress.toString());
        assertTrue(progress.stream().anyMatch(p -> p.contains("latency")), progress.toString());

        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(report);
        ValidationReport back = json.readValue(text, ValidationReport.class);
        assertEquals(report, back);
        assertFalse(text.contains("failedChecks"), "derived accessors are not serialized");
        assertFalse(text.contains("latencyP95Ms"), text);
        assertEquals(report.latency().p95Ms(), report.latencyP95Ms());
        assertEquals(1.0, report.headlineMetric());
    }

    static ValidationInput input(TargetProfile profile, FeatureSchema candidate, FeatureSchema production) {
        return new ValidationInput(profile, "fp32", MODEL, candidate, production, ROWS, LABELS, null, CLASSES, null,
                false, null);
    }

    static FeatureSchema schema() {
        return schemaWith(numerics(16));
    }

    private static FeatureSchema schemaWith(List<Feature> features) {
        return new FeatureSchema(features, "state", FeatureSchema.Task.CLASSIFICATION, CLASSES);
    }

    private static List<Feature> numerics(int n) {
        List<Feature> features = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            features.add(Feature.numeric("f" + i));
        }
        return features;
    }
}
