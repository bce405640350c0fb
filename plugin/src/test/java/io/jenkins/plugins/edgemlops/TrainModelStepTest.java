package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How {@code trainModel(...)} arguments bind, validate and become {@code edge-mlops train} flags. */
class TrainModelStepTest {

    @Test
    void requiredArgumentsComeFromTheConstructorAndOptionalOnesDefaultToAbsent() {
        TrainModelStep step = new TrainModelStep("pump", "data/pump.csv", "state");

        assertEquals("pump", step.getModel());
        assertEquals("data/pump.csv", step.getDataset());
        assertEquals("state", step.getLabel());
        assertNull(step.getFeatures());
        assertNull(step.getEpochs());
        assertNull(step.getStore());
        assertTrue(step.isFailOnError(), "failOnError defaults to true");
        assertEquals(new EngineCommand("train", List.of("--model=pump", "--dataset=data/pump.csv", "--label=state")),
                step.toEngineCommand());
    }

    @Test
    void everyOptionalArgumentBecomesAKebabCaseFlagInDeclarationOrder() {
        TrainModelStep step = new TrainModelStep("pump", "d.csv", "state");
        step.setFeatures(List.of("temp", "vibration"));
        step.setTask("classification");
        step.setHidden(List.of(64, 32));
        step.setEpochs(5);
        step.setBatchSize(128);
        step.setLearningRate(0.0005);
        step.setSeed(42);
        step.setValidationSplit(0.2);
        step.setOnnx("models/pump.onnx");
        step.setStore("s3://models/edge");
        step.setFailOnError(false);
        step.setCategorical("zone");
        step.setNumeric(List.of("temp"));

        assertEquals(List.of("temp", "vibration"), step.getFeatures());
        assertEquals("zone", step.getCategorical());
        assertEquals(List.of(64, 32), step.getHidden());
        assertEquals(5, step.getEpochs());
        assertEquals(128, step.getBatchSize());
        assertEquals(0.0005, step.getLearningRate());
        assertEquals(42, step.getSeed());
        assertEquals(0.2, step.getValidationSplit());
        assertEquals("models/pump.onnx", step.getOnnx());
        assertEquals("classification", step.getTask());
        assertEquals(List.of("--model=pump", "--dataset=d.csv", "--label=state", "--features=temp,vibration",
                "--categorical=zone", "--numeric=temp", "--task=classification", "--hidden=64,32", "--epochs=5", "--batch-size=128", "--learning-rate=0.0005",
                "--seed=42", "--validation-split=0.2", "--onnx=models/pump.onnx", "--store=s3://models/edge"),
                step.toEngineCommand().arguments());
    }

    @Test
    void listsMayBeGivenAsCommaSeparatedStrings() {
        TrainModelStep asLists = new TrainModelStep("pump", "d.csv", "state");
        asLists.setFeatures(List.of("temp", "rpm"));
        asLists.setHidden(List.of(16, 8));
        TrainModelStep asStrings = new TrainModelStep("pump", "d.csv", "state");
        asStrings.setFeatures(" temp, rpm ");
        asStrings.setHidden("16,8");
        TrainModelStep asSnippetText = new TrainModelStep("pump", "d.csv", "state");
        asSnippetText.setFeatures("[temp, rpm]");
        asSnippetText.setHidden("[16, 8]");

        assertEquals(asLists.toEngineCommand(), asStrings.toEngineCommand());
        assertEquals(asLists.toEngineCommand(), asSnippetText.toEngineCommand());
    }

    @Test
    void groovyNumberTypesAreAccepted() {
        TrainModelStep step = new TrainModelStep("pump", "d.csv", "state");
        step.setHidden(List.of(new BigDecimal("64"), 32L));

        assertTrue(step.toEngineCommand().arguments().contains("--hidden=64,32"));
    }

    @Test
    void missingRequiredArgumentsAreAllNamed() {
        TrainModelStep step = new TrainModelStep(null, " ", "state");

        StepArgumentException error = assertThrows(StepArgumentException.class, step::toEngineCommand);
        assertEquals("trainModel: model (--model) is required; dataset (--dataset) is required", error.getMessage());
    }

    @Test
    void outOfRangeNumbersNameTheParameterAndTheValue() {
        TrainModelStep step = new TrainModelStep("pump", "d.csv", "state");
        step.setEpochs(0);
        step.setBatchSize(-3);
        step.setLearningRate(-0.1);
        step.setValidationSplit(1.0);

        StepArgumentException error = assertThrows(StepArgumentException.class, step::toEngineCommand);
        assertEquals("trainModel: epochs (--epochs) must be at least 1 and at most 100000, got 0; "
                + "batchSize (--batch-size) must be at least 1 and at most 1000000, got -3; "
                + "learningRate (--learning-rate) must be greater than 0 and at most 10, got -0.1; "
                + "validationSplit (--validation-split) must be greater than 0 and less than 1, got 1",
                error.getMessage());
    }

    @Test
    void badListsNameTheParameter() {
        TrainModelStep step = new TrainModelStep("pump", "d.csv", "state");
        step.setHidden("64,wide");
        step.setFeatures(List.of("temp", ""));

        StepArgumentException error = assertThrows(StepArgumentException.class, step::toEngineCommand);
        assertEquals("trainModel: features (--features) must list non-empty names, got temp,; "
                + "hidden (--hidden) must list whole numbers, got '64,wide'", error.getMessage());
    }

    @Test
    void blankStoreMeansTheBuildEnvironmentDecides() {
        TrainModelStep step = new TrainModelStep("pump", "d.csv", "state");
        step.setStore("  ");

        assertNull(step.getStore());
        assertTrue(step.toEngineCommand().arguments().stream().noneMatch(a -> a.startsWith("--store")));
    }

    @Test
    void descriptorDeclaresTheFunctionAndTheContextItNeeds() {
        TrainModelStep.DescriptorImpl descriptor = new TrainModelStep.DescriptorImpl();

        assertEquals("trainModel", descriptor.getFunctionName());
        assertTrue(descriptor.getDisplayName().contains("Train"));
        assertEquals(Set.of(FilePath.class, Launcher.class, TaskListener.class, EnvVars.class, Run.class),
                descriptor.getRequiredContext());
    }

    @Test
    void resultBecomesAModelCardWithHumanLabelsUnitsAndAConfusionMatrix() {
        TrainModelStep step = new TrainModelStep("pump", "d.csv", "state");
        java.util.LinkedHashMap<String, Object> result = EngineResultParser.parse("""
                {"model":"pump","version":3,"task":"classification","accuracy":0.91234,"macroF1":0.9,"rows":5000,
                 "trainRows":4000,"holdoutRows":1000,"sizeBytes":14610,"datasetSha256":"ab12",
                 "modelUri":"s3://m/models/pump/versions/3/model.json",
                 "metrics":{"classCounts":{"normal":600,"worn":400},"confusionMatrix":[[590,10],[20,380]]}}""");

        ModelCardSection card = (ModelCardSection) step.toSection(result);

        assertEquals("Model pump version 3", card.getTitle());
        assertEquals(List.of("Accuracy=0.9123", "Macro F1=0.9"), card.getQuality().stream()
                .map(r -> r.getLabel() + "=" + r.getValue()).toList());
        String html = card.getHtml();
        for (String row : List.of("<th>Rows read</th><td>5000</td>", "<th>Training rows</th><td>4000</td>",
                "<th>Holdout rows</th><td>1000</td>", "<th>Model size</th><td>14.3 KiB</td>",
                "<th>actual \\ predicted</th><th>normal</th><th>worn</th>",
                "<tr><th>worn</th><td>20</td><td>380</td></tr>", "<code>ab12</code>")) {
            assertTrue(html.contains(row), row + " in\n" + html);
        }
    }

    @Test
    void regressionShowsErrorsAndNoConfusionMatrix() {
        ModelCardSection card = ModelCardSection.fromResult(EngineResultParser.parse("""
                {"model":"flow","version":1,"task":"regression","rmse":0.25,"mae":0.2,"r2":0.95,
                 "metrics":{"rmse":0.25}}"""));

        assertEquals(List.of("RMSE", "MAE", "R²"), card.getQuality().stream().map(r -> r.getLabel()).toList());
        assertTrue(!card.getHtml().contains("Confusion matrix"), card.getHtml());
    }

    @Test
    void theModelCardShowsTheRetrainingChainWithTriggers() {
        ModelCardSection card = ModelCardSection.fromResult(EngineResultParser.parse("""
                {"model":"pump","version":3,"task":"classification","accuracy":0.93,"parentVersion":1,
                 "trigger":"field drift of pump@1 on eu: band_hf",
                 "lineage":[{"version":3,"parentVersion":1,"datasetSha256":"c0ffee","metrics":{"accuracy":0.93,
                              "macroF1":0.9288},"trigger":"field drift of pump@1 on eu: band_hf"},
                            {"version":1,"datasetSha256":"9f2c","metrics":{"accuracy":0.9239,"macroF1":0.9208}}]}"""));

        String html = card.getHtml();
        assertTrue(html.contains("<h3>Lineage"), html);
        assertTrue(html.contains("<tr><td>3</td><td>1</td><td><code>c0ffee</code></td><td>accuracy 0.93, macroF1 0.9288"
                + "</td><td>field drift of pump@1 on eu: band_hf</td></tr>"), html);
        assertTrue(html.contains("<tr><td>1</td><td>none</td><td><code>9f2c</code></td><td>accuracy 0.9239, "
                + "macroF1 0.9208</td><td></td></tr>"), html);
        assertTrue(html.contains("<th>Trigger</th><td>field drift of pump@1 on eu: band_hf</td>"), html);
    }
}
