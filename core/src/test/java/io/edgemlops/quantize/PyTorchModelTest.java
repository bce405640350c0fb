package io.edgemlops.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgemlops.data.CsvReader;
import io.edgemlops.data.Table;
import io.edgemlops.onnx.OnnxModelInfo;
import io.edgemlops.onnx.OnnxModelReader;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.runtime.OnnxPredictor;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import io.edgemlops.train.TrainingOptions;
import io.edgemlops.target.TargetValidator;
import io.edgemlops.usecase.QuantizeAndRegister;
import io.edgemlops.usecase.TrainAndRegister;
import io.edgemlops.usecase.ValidateAndRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A model brought from PyTorch: the fixtures under {@code src/test/resources/onnx} were trained on
 * {@code examples/data/pump.csv} and exported with {@code torch.onnx.export} by
 * {@code src/test/python/export_pytorch_mlp.py} (their own standardisation as Sub/Div, softmax
 * output, dynamic batch axis, opset 13 and 17). They are registered through {@code trainModel}'s
 * {@code onnx:} path on the embedded store, as a user would.
 */
class PyTorchModelTest {

    static final String DATASET = "examples/data/pump.csv";
    static final String LABEL = "state";
    static final int[] OPSETS = {13, 17};
    static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    static Path dir;
    static Path root;
    static OpenStore open;

    @BeforeAll
    static void start() {
        root = repositoryRoot();
        open = Stores.open(StoreLocation.parse("local:" + dir.resolve("store"), null));
    }

    @AfterAll
    static void stop() {
        if (open != null) {
            open.close();
        }
    }

    /** The folder holding {@code examples/data/pump.csv}: the build runs tests from the module folder. */
    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(DATASET)) && Files.isDirectory(p.resolve("core"))) {
                return p;
            }
        }
        throw new IllegalStateException("no " + DATASET + " above " + Path.of("").toAbsolutePath());
    }

    static String fixture(int opset) {
        return "core/src/test/resources/onnx/pytorch-pump-opset" + opset + ".onnx";
    }

    static TrainAndRegister.Outcome register(String model, int opset, List<String> log) {
        return TrainAndRegister.run(open.store(), new TrainAndRegister.Request(model, DATASET, fixture(opset),
                TrainingOptions.of(LABEL), root, null, null), log::add);
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void theExportedGraphIsWhatAPyTorchUserBrings(int opset) throws IOException {
        OnnxModelInfo info = OnnxModelReader.read(Files.readAllBytes(root.resolve(fixture(opset))));

        assertEquals((long) opset, info.opsets().get(OnnxModelInfo.DEFAULT_DOMAIN));
        assertTrue(info.producer().startsWith("pytorch"), info.producer());
        assertEquals("input", info.inputs().get(0).name());
        assertEquals(List.of("batch", "16"), info.inputs().get(0).shape());
        assertEquals("probabilities", info.outputs().get(0).name());
        assertEquals(List.of("batch", "3"), info.outputs().get(0).shape());
        List<String> ops = info.operators().stream().map(OnnxModelInfo.Operator::opType).toList();
        assertEquals(List.of("Sub", "Div", "Gemm", "Relu", "Softmax"), ops);
        // 16*48+48 + 48*24+24 + 24*3+3 weights and biases, plus the 16 means and 16 standard deviations.
        assertEquals(16 * 48 + 48 + 48 * 24 + 24 + 24 * 3 + 3 + 32, info.parameterCount());
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void registersThroughTrainModelWellAboveChance(int opset) {
        List<String> log = new ArrayList<>();
        TrainAndRegister.Outcome outcome = register("pytorch-pump-opset" + opset, opset, log);
        ModelCard card = outcome.card();

        assertTrue(outcome.training().external());
        assertEquals(Boolean.TRUE, card.lineage().parameters().get("external"));
        assertNull(card.lineage().training(), "no training run for a model trained elsewhere");
        assertEquals(List.of("bearing_wear", "cavitation", "normal"), card.schema().classes());
        assertEquals(16, card.schema().inputWidth());
        // Chance is 1/3 (0.5 for always "normal"); the script's own holdout gave 0.93.
        assertTrue(card.metrics().accuracy() > 0.85, "accuracy " + card.metrics().accuracy() + "\n" + log);
        assertTrue(log.stream().noneMatch(l -> l.startsWith("WARNING")), log.toString());
        assertEquals(opset, ((Number) card.variant("fp32").details().get("opset")).intValue());
    }

    /**
     * The quantize step takes the PyTorch model as it takes one of ours: int8 static, calibrated on
     * the registered holdout rows, passes the accuracy gate, and the int8 variant validates for a
     * Raspberry Pi 4.
     */
    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void quantizesToInt8AndValidatesForARaspberryPi(int opset) {
        String model = "pytorch-pump-int8-opset" + opset;
        List<String> log = new ArrayList<>();
        ModelCard fp32 = register(model, opset, log).card();

        QuantizeAndRegister.Outcome quantized = QuantizeAndRegister.run(open.store(), new QuantizeAndRegister.Request(
                model, "latest", "int8", false, null, 500, "percentile", 99.99, 0.02, dir, null), log::add);

        QuantizationReport report = quantized.report();
        assertTrue(report.passed(), report.reason() + "\n" + log);
        assertEquals("int8", report.variant());
        assertEquals("int8-static", report.method(), "notes and log: " + log);
        assertEquals(fp32.version(), quantized.card().version());
        assertTrue(report.agreement() >= 0.97, "agreement " + report.agreement());
        assertTrue(report.accuracy() > 0.85, "int8 accuracy " + report.accuracy());
        assertEquals(fp32.metrics().accuracy(), report.fp32Accuracy(), 1e-9);
        assertTrue(quantized.card().variant("int8").sizeBytes() > 0);

        ValidateAndRecord.Outcome validated = ValidateAndRecord.run(open.store(), new ValidateAndRecord.Request(model,
                Integer.toString(fp32.version()), "raspberry-pi-4", "int8", null, null, false, dir, null), log::add);

        assertTrue(validated.report().passed(), validated.report().reason() + "\n" + validated.report().checks());
        assertTrue(validated.report().check(TargetValidator.OPERATORS).passed());
        assertTrue(validated.report().check(TargetValidator.ACCURACY).passed());
    }

    /**
     * The committed fixtures are what the script makes now: byte for byte where PyTorch's export is
     * deterministic (it is with PyTorch 1.13 on one thread), else the same outputs in ONNX Runtime.
     * Skipped only where Debian's interpreter with torch is absent.
     */
    @Test
    void theCommittedFixturesAreWhatTheScriptProduces() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), PYTHON + " is absent");
        assumeTrue(run(List.of(PYTHON.toString(), "-c", "import torch"), 120).exitCode == 0,
                PYTHON + " has no torch (Debian's python3-torch)");
        Path out = dir.resolve("exported");
        Result script = run(List.of(PYTHON.toString(), "-B",
                root.resolve("core/src/test/python/export_pytorch_mlp.py").toString(), "--out", out.toString()), 600);
        assertEquals(0, script.exitCode, script.output);
        assertTrue(script.output.contains("class order: bearing_wear,cavitation,normal"), script.output);

        float[][] rows = pumpRows();
        for (int opset : OPSETS) {
            byte[] committed = Files.readAllBytes(root.resolve(fixture(opset)));
            byte[] fresh = Files.readAllBytes(out.resolve("pytorch-pump-opset" + opset + ".onnx"));
            if (Arrays.equals(committed, fresh)) {
                continue;
            }
            try (OnnxPredictor a = new OnnxPredictor(committed); OnnxPredictor b = new OnnxPredictor(fresh)) {
                float[][] pa = a.predict(rows);
                float[][] pb = b.predict(rows);
                double max = 0;
                for (int i = 0; i < pa.length; i++) {
                    for (int k = 0; k < pa[i].length; k++) {
                        max = Math.max(max, Math.abs(pa[i][k] - pb[i][k]));
                    }
                }
                assertTrue(max <= 1e-5, "opset " + opset + ": the fixture differs from the script's output in bytes"
                        + " and by up to " + max + " in its probabilities; re-run the script and commit its files");
            }
        }
    }

    static float[][] pumpRows() {
        Table table = CsvReader.read(root.resolve(DATASET));
        float[][] rows = new float[table.rowCount()][16];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < 16; c++) {
                rows[r][c] = Float.parseFloat(table.value(r, c));
            }
        }
        return rows;
    }

    record Result(int exitCode, String output) {
    }

    static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out: " + command);
        }
        return new Result(p.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
