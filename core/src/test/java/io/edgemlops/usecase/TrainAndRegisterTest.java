package io.edgemlops.usecase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgemlops.data.CsvReader;
import io.edgemlops.data.DataException;
import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.registry.Audit;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.registry.TrainingRun;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.Json;
import io.edgemlops.store.Sha256;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import io.edgemlops.train.ExternalModelEvaluatorTest;
import io.edgemlops.train.TrainingOptions;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** trainModel end to end: real CSV, real DJL training, real embedded S3 server, real registry. */
class TrainAndRegisterTest {

    static final TrainingOptions FAST = TrainingOptions.of(SensorDataGenerator.LABEL).withEpochs(4).withSeed(3);

    @TempDir
    static Path dir;
    static OpenStore open;
    static ModelRegistry registry;
    static Path csv;

    @BeforeAll
    static void start() {
        open = Stores.open(StoreLocation.parse("local:" + dir.resolve("store"), null));
        registry = new ModelRegistry(open.store());
        csv = dir.resolve("pump.csv");
        new SensorDataGenerator(11).writeCsv(csv, 3000);
    }

    @AfterAll
    static void stop() {
        open.close();
    }

    static TrainAndRegister.Request request(String model, String dataset) {
        return new TrainAndRegister.Request(model, dataset, null, FAST, dir, "https://ci/job/pump/12/", "jenkins-pump-12");
    }

    @Test
    void registersAVersionWithItsModelHoldoutAndLineage() throws Exception {
        List<String> log = new ArrayList<>();
        TrainAndRegister.Outcome first = TrainAndRegister.run(open.store(), request("pump", "pump.csv"), log::add);
        ModelCard card = registry.resolve("pump", "latest");

        assertEquals(first.card().ref(), card.ref());
        assertEquals(first.card().schema(), card.schema());
        assertEquals(first.card().metrics(), card.metrics());
        assertEquals(Sha256.of(csv), card.lineage().datasetSha256());
        assertEquals("https://ci/job/pump/12/", card.lineage().buildUrl());
        assertEquals(3000, card.lineage().rows());
        assertTrue(card.metrics().accuracy() > 0.85, "accuracy " + card.metrics().accuracy());
        assertArrayEquals(first.training().onnx(), open.store().getBlob(card.variant("fp32").blob().sha256()));
        byte[] holdout = open.store().getBlob(card.holdout().sha256());
        assertEquals(first.training().rows().holdout(),
                CsvReader.read(new ByteArrayInputStream(holdout), "holdout").rowCount());
        assertEquals(16, card.baseline().features().size());
        assertEquals(16, card.fillValues().size());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("epoch 4/4")), "progress per epoch: " + log);

        TrainingRun run = card.lineage().training();
        assertEquals(new TrainingRun(first.training().epochsRun(), 4, first.training().bestEpoch(),
                first.training().stopReason()), run);
        assertEquals(4, run.epochsRun());
        assertTrue(run.bestEpoch() >= 1 && run.bestEpoch() <= 4, "best epoch " + run.bestEpoch());
        assertTrue(log.contains(run.stopReason()), "the card keeps the sentence the log showed: " + run.stopReason());
        assertTrue(run.stopReason().startsWith("stopped after epoch 4 of at most 4: reached the limit of 4 epochs; "),
                run.stopReason());

        assertNull(card.lineage().parentVersion(), "nothing was in production");
        assertNull(card.lineage().trigger());
        new ModelRegistry(open.store()).setAlias("pump", ValidateAndRecord.PRODUCTION, first.card().version(),
                new Audit("test", null, "first release"));
        TrainAndRegister.Request retrain = request("pump", "pump.csv");
        TrainAndRegister.Outcome second = TrainAndRegister.run(open.store(), new TrainAndRegister.Request(
                retrain.model(), retrain.dataset(), null, retrain.options(), retrain.workDir(), null, null,
                "  field drift: band_hf PSI 0.41  "), l -> { });
        assertEquals(first.card().version() + 1, second.card().version());
        assertEquals(first.card().version(), second.card().lineage().parentVersion(),
                "the parent is the version in production when training started");
        assertEquals("field drift: band_hf PSI 0.41", second.card().lineage().trigger());
        assertEquals("field drift: band_hf PSI 0.41", new ModelRegistry(open.store()).get("pump",
                second.card().version()).lineage().trigger(), "stored on the card");
    }

    @Test
    void readsADatasetFromTheStoresServer() throws Exception {
        open.store().at(StoreLocation.LOCAL_BUCKET, "").putBytes("datasets/pump.csv", Files.readAllBytes(csv));
        TrainAndRegister.Outcome outcome = TrainAndRegister.run(open.store(),
                request("pump-s3", "s3://" + StoreLocation.LOCAL_BUCKET + "/datasets/pump.csv"), l -> { });
        assertEquals(Sha256.of(csv), outcome.card().lineage().datasetSha256());
        assertEquals("s3://edge-mlops/datasets/pump.csv", outcome.card().lineage().datasetUri());
    }

    @Test
    void registersAnOnnxModelTrainedElsewhere() throws Exception {
        ExternalModelEvaluatorTest.fitAndBuild();
        Files.write(dir.resolve("external.onnx"), ExternalModelEvaluatorTest.onnx);
        TrainAndRegister.Request byo = new TrainAndRegister.Request("pump-byo", "pump.csv", "external.onnx", FAST, dir,
                null, null);

        ModelCard card = TrainAndRegister.run(open.store(), byo, l -> { }).card();

        assertEquals(Boolean.TRUE, card.lineage().parameters().get("external"));
        assertNull(card.lineage().training(), "no training run for a model trained elsewhere");
        assertArrayEquals(ExternalModelEvaluatorTest.onnx, open.store().getBlob(card.variant("fp32").blob().sha256()));
        assertTrue(card.metrics().accuracy() > 0.6, "accuracy " + card.metrics().accuracy());
        assertEquals(16, card.baseline().features().size());
    }

    @Test
    void aCardWrittenBeforeTrainingRunsWereRecordedStillReads() throws Exception {
        TrainAndRegister.Outcome outcome = TrainAndRegister.run(open.store(), request("pump-old", "pump.csv"), l -> { });
        ObjectNode json = Json.MAPPER.valueToTree(outcome.card());
        ObjectNode lineage = (ObjectNode) json.get("lineage");
        assertTrue(lineage.has("training"), lineage.toString());
        lineage.remove("training");

        ModelCard old = Json.MAPPER.treeToValue(json, ModelCard.class);
        assertNull(old.lineage().training());
        assertEquals(outcome.card().lineage().parameters(), old.lineage().parameters());
        assertEquals(outcome.card().metrics(), old.metrics());
    }

    @Test
    void badInputNamesTheProblemAndRegistersNothing() throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> TrainAndRegister.run(open.store(), request("broken", "nope.csv"), l -> { }));
        assertTrue(missing.getMessage().contains("'nope.csv' does not exist"), missing.getMessage());

        TrainAndRegister.Request wrongLabel = new TrainAndRegister.Request("broken", "pump.csv", null,
                TrainingOptions.of("status").withEpochs(1), dir, null, null);
        DataException noLabel = assertThrows(DataException.class,
                () -> TrainAndRegister.run(open.store(), wrongLabel, l -> { }));
        assertTrue(noLabel.getMessage().contains("status"), noLabel.getMessage());

        IllegalArgumentException s3Missing = assertThrows(IllegalArgumentException.class,
                () -> TrainAndRegister.run(open.store(), request("broken", "s3://edge-mlops/datasets/none.csv"), l -> { }));
        assertTrue(s3Missing.getMessage().contains("s3://edge-mlops/datasets/none.csv"), s3Missing.getMessage());

        assertTrue(registry.listVersions("broken").isEmpty());
        assertNull(registry.listModels().contains("broken") ? "listed" : null);
    }
}
