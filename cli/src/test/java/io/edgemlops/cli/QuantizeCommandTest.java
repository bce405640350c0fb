package io.edgemlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.contract.QuantizeContract;
import io.edgemlops.quantize.QuantizationReport;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.runtime.LatencyStats;
import io.edgemlops.usecase.QuantizeAndRegister;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code edge-mlops quantize} without the engine: its request, result map, console table and argument checks. */
class QuantizeCommandTest {

    private static final ModelCard CARD = new ModelCard("pump", 3, null, null, null, null, null, null, null, null,
            null);

    private static QuantizationReport report(boolean passed, Double rmse) {
        return new QuantizationReport("int8", "int8-static", passed, passed ? null
                : "int8 accuracy 0.9000 vs fp32 0.9500: drop 0.0500 > maxAccuracyDrop 0.01 (agreement 0.970)",
                4_096, 14_610, 3.567, 0.90, 0.95, 0.05, rmse, rmse == null ? null : 1.2, 0.97,
                new LatencyStats(0.02, 0.03, 0.04, 0.021, 500), new LatencyStats(0.01, 0.015, 0.02, 0.011, 500),
                2.0, 0.01, new QuantizationReport.Calibration("holdout", "ab", 500, "percentile", 99.99), 400);
    }

    @Test
    void absentFlagsTakeTheContractsDefaults() {
        QuantizeAndRegister.Request request = QuantizeCommand.request(new StepValues(Map.of("model", "pump")),
                Path.of("/ws"), "https://ci/job/1/");

        assertEquals(new QuantizeAndRegister.Request("pump", "latest", "int8", false, null, 500, "percentile", 99.99,
                0.01, Path.of("/ws"), "https://ci/job/1/"), request);
    }

    @Test
    void givenFlagsReachTheRequest() {
        QuantizeAndRegister.Request request = QuantizeCommand.request(new StepValues(Map.of("model", "pump",
                "version", "7", "mode", "FP16", "weightOnly", true, "calibration", "cal.csv", "calibrationRows", 64L,
                "calibrationMethod", "minmax", "percentile", 99.9, "maxAccuracyDrop", 0.02)), Path.of("/ws"), null);

        assertEquals(new QuantizeAndRegister.Request("pump", "7", "fp16", true, "cal.csv", 64, "minmax", 99.9, 0.02,
                Path.of("/ws"), null), request);
    }

    @Test
    void resultCarriesEveryAlwaysKeyAndTheReasonWhenNotPassed() {
        LinkedHashMap<String, Object> failed = QuantizeCommand.result(
                new QuantizeAndRegister.Outcome(CARD, report(false, null)));

        assertEquals(Boolean.FALSE, failed.get("passed"));
        assertEquals("pump@3 int8 accuracy 0.9000 vs fp32 0.9500: drop 0.0500 > maxAccuracyDrop 0.01 (agreement 0.970)",
                failed.get("reason"));
        for (var key : QuantizeContract.STEP.results()) {
            if (key.always()) {
                assertTrue(failed.containsKey(key.name()), key.name() + " in " + failed);
            }
        }
        assertEquals(3, failed.get("version"));
        assertEquals(14_610L, failed.get("fp32SizeBytes"));
        assertEquals(0.03, failed.get("latencyP95Ms"));
        assertEquals(0.01, failed.get("fp32LatencyP50Ms"));
        assertFalse(failed.containsKey("rmse"), "classification has no RMSE");

        LinkedHashMap<String, Object> passed = QuantizeCommand.result(
                new QuantizeAndRegister.Outcome(CARD, report(true, 0.8)));
        assertNull(passed.get("reason"));
        assertEquals(0.8, passed.get("rmse"));
        assertEquals(1.2, passed.get("fp32Rmse"));
    }

    @Test
    void consoleTableShowsFp32AndTheVariantSideBySide() {
        String table = QuantizeTable.render("pump@3", report(false, null));
        List<String> lines = table.lines().toList();

        assertEquals("pump@3 int8 (int8-static): FAILED, not registered; calibrated on 500 rows of holdout, "
                + "percentile 99.99; 400 holdout rows compared", lines.get(0));
        assertTrue(lines.get(1).matches("\\s+FP32\\s+INT8\\s+COMPARED"), lines.get(1));
        assertTrue(lines.get(2).matches("size\\s+14.3 KiB\\s+4 KiB\\s+3.567x smaller"), lines.get(2));
        assertTrue(lines.get(3).matches("accuracy\\s+0.95\\s+0.9\\s+drop 0.05 \\(limit 0.01\\)"), lines.get(3));
        assertTrue(lines.get(4).matches("agreement\\s+97 %\\s+same prediction as fp32"), lines.get(4));
        assertTrue(lines.get(5).matches("latency p50\\s+0.01 ms\\s+0.02 ms\\s+ratio 2"), lines.get(5));
        assertTrue(lines.get(6).matches("latency p95\\s+0.015 ms\\s+0.03 ms"), lines.get(6));
        assertTrue(QuantizeTable.render("pump@3", report(true, 0.8)).contains("\nr2 "), "regression says R²");
        QuantizationReport larger = new QuantizationReport("int8", "int8-static", true, null, 16_000, 8_000, 0.5,
                0.9, 0.9, 0.0, null, null, 1.0, new LatencyStats(0.02, 0.03, 0.04, 0.021, 500),
                new LatencyStats(0.01, 0.015, 0.02, 0.011, 500), 2.0, 0.01, null, 400);
        assertTrue(QuantizeTable.render("pump@3", larger).contains("2x larger"), "a ratio below 1 reads as larger");
    }

    @Test
    void outOfRangeArgumentsExitTwoInTheContractsWordsBeforeTheStoreOpens() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EdgeMlops.run(new PrintWriter(out), new PrintWriter(err), "quantize", "--model", "pump",
                "--max-accuracy-drop", "2", "--percentile", "50", "--store", "local:/nonexistent/never-created");

        assertEquals(ExitCodes.BAD_INPUT, code);
        assertTrue(err.toString().contains("edge-mlops: "
                + QuantizeContract.PERCENTILE.check(50.0).orElseThrow() + "; "
                + QuantizeContract.MAX_ACCURACY_DROP.check(2.0).orElseThrow()), err.toString());
        assertFalse(new File("/nonexistent/never-created").exists());
    }
}
