package io.edgemlops.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.quantize.QuantizationReport;
import io.edgemlops.registry.HistoryEntry;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.registry.Variant;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import io.edgemlops.train.TrainingOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** quantize end to end on a trained pump model: variants registered as children of fp32, and the gate. */
class QuantizeAndRegisterTest {

    @TempDir
    static Path dir;
    static OpenStore open;
    static ModelRegistry registry;
    static ModelCard v1;

    @BeforeAll
    static void trainOne() {
        open = Stores.open(StoreLocation.parse("local:" + dir.resolve("store"), null));
        registry = new ModelRegistry(open.store());
        new SensorDataGenerator(7).writeCsv(dir.resolve("pump.csv"), 3000);
        v1 = TrainAndRegister.run(open.store(), new TrainAndRegister.Request("pump", "pump.csv", null,
                TrainingOptions.of(SensorDataGenerator.LABEL), dir, null, null), l -> { }).card();
    }

    @AfterAll
    static void stop() {
        open.close();
    }

    static QuantizeAndRegister.Request request(String mode, boolean weightOnly, String calibration, String method,
                                               double maxDrop) {
        return new QuantizeAndRegister.Request("pump", Integer.toString(v1.version()), mode, weightOnly, calibration,
                500, method, 99.99, maxDrop, dir, "https://ci/job/pump/7/");
    }

    static QuantizeAndRegister.Outcome quantize(QuantizeAndRegister.Request request, List<String> log) {
        return QuantizeAndRegister.run(open.store(), request, log::add);
    }

    @Test
    void int8IsStaticSmallerAsAccurateAndRegisteredAsAChildOfFp32() {
        List<String> log = new ArrayList<>();
        QuantizationReport r = quantize(request("int8", false, null, "percentile", 0.01), log).report();

        assertTrue(r.passed(), r.reason());
        assertEquals("int8-static", r.method());
        assertTrue(r.accuracyDrop() <= 0.005, "accuracy drop " + r.accuracyDrop());
        assertTrue(r.agreement() >= 0.97, "agreement " + r.agreement());
        assertTrue(r.sizeRatio() > 1.5, "size ratio " + r.sizeRatio());
        assertEquals("holdout", r.calibration().source());
        assertEquals(v1.holdout().sha256(), r.calibration().sha256());
        assertEquals(500, r.calibration().rows());

        Variant int8 = registry.get("pump", v1.version()).variant("int8");
        assertEquals("fp32", int8.details().get("parent"));
        assertEquals("int8-static", int8.details().get("method"));
        assertEquals(r.sizeBytes(), int8.sizeBytes());
        assertTrue(((Map<?, ?>) int8.details().get("calibration")).get("sha256").equals(v1.holdout().sha256()));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("registered pump@")), log.toString());
        HistoryEntry last = registry.history("pump").get(registry.history("pump").size() - 1);
        assertEquals("variant-added", last.event());
    }

    @Test
    void theInt8VariantValidatesLikeAnyVariant() {
        quantize(request("int8", false, null, "minmax", 0.01), new ArrayList<>());
        ValidateAndRecord.Outcome v = ValidateAndRecord.run(open.store(), new ValidateAndRecord.Request("pump",
                Integer.toString(v1.version()), "raspberry-pi-zero-2w", "int8", null, null, false, dir, null), l -> { });

        assertTrue(v.report().passed(), v.report().reason());
        assertEquals("int8", v.report().variant());
    }

    @Test
    void fp16HalvesTheWeightsAndKeepsPredictions() {
        QuantizationReport r = quantize(request("fp16", false, null, "percentile", 0.01), new ArrayList<>()).report();

        assertTrue(r.passed(), r.reason());
        assertEquals("fp16", r.method());
        assertNull(r.calibration());
        assertTrue(r.agreement() >= 0.995, "agreement " + r.agreement());
        assertTrue(r.sizeRatio() > 1.4, "size ratio " + r.sizeRatio());
        assertEquals("fp16", registry.get("pump", v1.version()).variant("fp16").details().get("method"));
    }

    @Test
    void weightOnlyOnRequest() {
        QuantizationReport r = quantize(request("int8", true, null, "percentile", 0.01), new ArrayList<>()).report();

        assertTrue(r.passed(), r.reason());
        assertEquals("int8-weight-only", r.method());
        assertNull(r.calibration());
    }

    @Test
    void aCalibrationFileWithAConstantColumnAndHugeOutliersFailsTheGateClearlyOrStaysWithinIt() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("pump.csv"));
        List<String> hostile = new ArrayList<>();
        hostile.add(lines.get(0));
        for (int i = 1; i <= 300; i++) {
            String[] cells = lines.get(i).split(",", -1);
            cells[0] = "1.0";                                   // a constant column
            if (i % 50 == 0) {
                cells[1] = Double.toString(Double.parseDouble(cells[1]) * 1000);   // outliers 1000x the range
            }
            hostile.add(String.join(",", cells));
        }
        Files.write(dir.resolve("hostile.csv"), hostile);
        int variantsBefore = registry.get("pump", v1.version()).variants().size();

        QuantizeAndRegister.Outcome minmax = quantize(request("int8", false, "hostile.csv", "minmax", 0.0),
                new ArrayList<>());
        QuantizationReport r = minmax.report();

        assertEquals("int8-static", r.method());
        assertEquals("hostile.csv", r.calibration().source());
        assertEquals(300, r.calibration().rows());
        if (r.passed()) {
            assertTrue(r.accuracyDrop() <= 0.0, "passed with a drop of " + r.accuracyDrop());
        } else {
            assertNotNull(r.reason());
            assertTrue(r.reason().startsWith("int8 accuracy "), r.reason());
            assertTrue(r.reason().contains("> maxAccuracyDrop 0"), r.reason());
        }
    }

    @Test
    void aVariantThatFailsTheGateIsNotRegisteredButAudited() {
        // No drop at all allowed and a calibration on 3 rows: the ranges miss most of the data.
        QuantizeAndRegister.Request strict = new QuantizeAndRegister.Request("pump", Integer.toString(v1.version()),
                "int8", false, null, 3, "minmax", 99.99, 0.0, dir, null);
        ModelCard before = registry.get("pump", v1.version());

        QuantizeAndRegister.Outcome outcome = quantize(strict, new ArrayList<>());

        if (!outcome.report().passed()) {
            assertEquals(before.variants().get("int8"), registry.get("pump", v1.version()).variants().get("int8"));
            HistoryEntry last = registry.history("pump").get(registry.history("pump").size() - 1);
            assertEquals("quantization-failed", last.event());
            assertTrue(outcome.report().reason().contains("drop"), outcome.report().reason());
        } else {
            assertTrue(outcome.report().accuracyDrop() <= 0.0);
        }
    }

    @Test
    void badArgumentsAreRefusedNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> quantize(request("int4", false, null, "percentile", 0.01), new ArrayList<>()));
        assertEquals("mode (--mode) must be one of int8, fp16, got 'int4'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> quantize(request("int8", false, "missing.csv", "percentile", 0.01), new ArrayList<>()));
        assertTrue(e.getMessage().startsWith("calibration: file missing.csv not found"), e.getMessage());
    }
}
