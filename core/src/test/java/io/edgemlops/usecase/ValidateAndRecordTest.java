package io.edgemlops.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.registry.Audit;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import io.edgemlops.target.CheckResult;
import io.edgemlops.target.TargetValidator;
import io.edgemlops.train.TrainingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** validateForTarget end to end: a trained, registered model checked against device profiles. */
class ValidateAndRecordTest {

    @TempDir
    static Path dir;
    static OpenStore open;
    static ModelRegistry registry;
    static ModelCard v1;

    @BeforeAll
    static void trainOne() {
        open = Stores.open(StoreLocation.parse("local:" + dir.resolve("store"), null));
        registry = new ModelRegistry(open.store());
        new SensorDataGenerator(5).writeCsv(dir.resolve("pump.csv"), 2500);
        v1 = TrainAndRegister.run(open.store(), new TrainAndRegister.Request("pump", "pump.csv", null,
                TrainingOptions.of(SensorDataGenerator.LABEL).withEpochs(4), dir, null, null), l -> { }).card();
    }

    @AfterAll
    static void stop() {
        open.close();
    }

    static ValidateAndRecord.Outcome validate(String version, String target) {
        return validate(version, target, l -> { });
    }

    static ValidateAndRecord.Outcome validate(String version, String target, java.util.function.Consumer<String> log) {
        return ValidateAndRecord.run(open.store(), new ValidateAndRecord.Request("pump", version, target, "fp32", null,
                null, false, dir, "https://ci/job/pump/3/"), log);
    }

    @Test
    void passingValidationIsRecordedPerVariantAndWrittenAsJUnit() throws Exception {
        List<String> log = new ArrayList<>();
        ValidateAndRecord.Outcome outcome = validate(Integer.toString(v1.version()), "raspberry-pi-4", log::add);

        assertTrue(outcome.report().passed(), outcome.report().reason());
        assertEquals("all 9 checks passed for raspberry-pi-4 (fp32)", log.get(log.size() - 1),
                "the last line counts every check, the champion's included");
        JsonNode stored = registry.getValidation("pump", v1.version(), "raspberry-pi-4", "fp32").orElseThrow();
        assertTrue(stored.get("passed").asBoolean());
        assertEquals(dir.resolve("edge-mlops-reports/validate-raspberry-pi-4-fp32.xml"), outcome.reportFile());
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(outcome.reportFile().toFile());
        assertEquals(outcome.report().checks().size(), xml.getElementsByTagName("testcase").getLength());
        assertEquals(0, xml.getElementsByTagName("failure").getLength());
    }

    @Test
    void impossibleBudgetFailsLatencyAndIsRecordedAsFailed() throws Exception {
        String json = new String(getClass().getResourceAsStream("/io/edgemlops/target/profiles/x86-gateway.json")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .replaceFirst("\"name\"\\s*:\\s*\"x86-gateway\"", "\"name\": \"tiny-mcu\"")
                .replaceFirst("\"latencyBudgetP95Ms\"\\s*:\\s*[0-9.]+", "\"latencyBudgetP95Ms\": 0.00001");
        Files.writeString(dir.resolve("tiny-mcu.json"), json);

        ValidateAndRecord.Outcome outcome = validate(Integer.toString(v1.version()), "tiny-mcu.json");

        assertFalse(outcome.report().passed());
        assertFalse(outcome.report().check(TargetValidator.LATENCY).passed());
        assertTrue(outcome.report().check(TargetValidator.ACCURACY).passed());
        assertFalse(registry.getValidation("pump", v1.version(), "tiny-mcu", "fp32").orElseThrow().get("passed").asBoolean());
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(outcome.reportFile().toFile());
        assertEquals(1, xml.getElementsByTagName("failure").getLength());
    }

    @Test
    void anUnwritableReportFailsBeforeAnythingIsRecorded() throws Exception {
        Files.writeString(dir.resolve("blocker"), "a file where a folder should be");
        int historyBefore = registry.history("pump").size();

        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ValidateAndRecord.run(open.store(), new ValidateAndRecord.Request("pump",
                        Integer.toString(v1.version()), "jetson-nano-cpu", "fp32", null, "blocker/report.xml", false,
                        dir, null), l -> { }));

        assertTrue(e.getMessage().contains("blocker/report.xml"), e.getMessage());
        assertTrue(registry.getValidation("pump", v1.version(), "jetson-nano-cpu").isEmpty());
        assertEquals(historyBefore, registry.history("pump").size());
    }

    @Test
    void aVersionThatDropsAFeatureOfProductionFailsTheSchemaCheck() {
        registry.setAlias("pump", ValidateAndRecord.PRODUCTION, v1.version(), new Audit("test", null, "baseline"));
        List<String> fewer = new ArrayList<>(SensorDataGenerator.FEATURES);
        fewer.remove("temp_bearing");
        ModelCard v2 = TrainAndRegister.run(open.store(), new TrainAndRegister.Request("pump", "pump.csv", null,
                TrainingOptions.of(SensorDataGenerator.LABEL).withEpochs(2).withFeatures(fewer), dir, null, null),
                l -> { }).card();

        ValidateAndRecord.Outcome outcome = validate(Integer.toString(v2.version()), "x86-gateway");

        CheckResult schema = outcome.report().check(TargetValidator.SCHEMA);
        assertFalse(schema.passed());
        assertTrue(schema.message().contains("temp_bearing"), schema.message());
    }
}
