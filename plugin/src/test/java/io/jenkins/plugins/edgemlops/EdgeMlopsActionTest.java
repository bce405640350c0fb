package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The build page: a list of sections in reporting order, where a repeated validation replaces the earlier one. */
class EdgeMlopsActionTest {

    @Test
    void isTheEdgeMlopsPageWithACoreSymbol() {
        EdgeMlopsAction action = new EdgeMlopsAction();

        assertEquals("Edge MLOps", action.getDisplayName());
        assertEquals("edge-mlops", action.getUrlName());
        assertEquals("symbol-analytics", action.getIconFileName());
        assertEquals(List.of(), action.getSections());
        assertTrue(action.isAllPassed());
    }

    @Test
    void sectionsKeepTheirOrderAndAreReplacedByKey() {
        EdgeMlopsAction action = new EdgeMlopsAction();
        ModelCardSection card = ModelCardSection.fromResult(EngineResultParser.parse("""
                {"model":"pump","version":3,"accuracy":0.9,"datasetSha256":"ab","modelUri":"s3://x"}"""));
        ValidationSection pi = validation("raspberry-pi-4", true);
        ValidationSection gateway = validation("x86-gateway", true);
        ValidationSection piAgain = validation("raspberry-pi-4", false);

        action.add(card);
        action.add(pi);
        action.add(gateway);
        action.add(piAgain);

        assertEquals(List.of(card, piAgain, gateway), action.getSections());
        assertFalse(action.isAllPassed());
        assertEquals("model:pump:3", card.getKey());
    }

    @Test
    void validationShowsSizesInKibAndMibAndTimesInMs() {
        ValidationSection section = ValidationSection.fromResult(EngineResultParser.parse("""
                {"passed":true,"model":"pump","version":3,"target":"raspberry-pi-4","variant":"fp32",
                 "latencyP95Ms":0.09875,"accuracy":0.9444,"report":"edge-mlops-reports/v.xml",
                 "checks":[{"name":"model-size","passed":true,"value":14610,"limit":41300000,"unit":"bytes"},
                           {"name":"memory","passed":true,"value":8389000,"limit":536870912,"unit":"bytes"},
                           {"name":"latency-p95","passed":true,"value":0.09875,"limit":5,"unit":"ms"},
                           {"name":"operators","passed":true,"value":0,"limit":0,"unit":""}]}"""));

        String html = section.getHtml();
        for (String row : List.of("<td>Model size</td><td>14.3 KiB</td><td>39.4 MiB</td>",
                "<td>Memory</td><td>8.0 MiB</td><td>512.0 MiB</td>", "<td>Latency p95</td><td>0.0988 ms</td><td>5 ms</td>",
                "<td>Unsupported operators</td><td>0</td><td>0</td>")) {
            assertTrue(html.contains(row), row + " in\n" + html);
        }
        assertEquals(List.of("Accuracy: 0.9444", "Latency p95 on the target: 0.0988 ms"), section.getFacts().stream()
                .map(f -> f.getLabel() + ": " + f.getValue()).toList());
        assertEquals("validation:pump:3:raspberry-pi-4:fp32", section.getKey());
    }

    @Test
    void validationShowsTheChampionCheckAndItsVerdict() {
        ValidationSection section = ValidationSection.fromResult(EngineResultParser.parse("""
                {"passed":false,"model":"pump","version":4,"target":"x86-gateway","variant":"fp32",
                 "latencyP95Ms":0.01,"report":"r.xml",
                 "checks":[{"name":"champion","passed":false,"value":-0.029,"limit":-0.01,"unit":""}],
                 "champion":{"version":3,"variant":"fp32","maxRegression":0.01,"passed":false,
                             "reason":"worse than champion v3 fp32 by more than 0.01","rowSets":[]}}"""));

        String html = section.getHtml();
        assertTrue(html.contains("<td>Champion / challenger</td><td>-0.029</td><td>-0.01</td>"), html);
        assertTrue(html.contains("Champion / challenger: against v3 fp32, FAILED"), html);
        assertTrue(html.contains("worse than champion v3 fp32 by more than 0.01"), html);
        assertTrue(section.getFacts().stream().anyMatch(f -> f.getLabel().equals("Champion / challenger")
                && f.getValue().equals("against v3 fp32, FAILED: worse than champion v3 fp32 by more than 0.01")),
                "the summary line keeps the verdict");
    }

    @Test
    void quantizationShowsFp32AndTheVariantSideBySide() {
        QuantizationSection section = QuantizationSection.fromResult(EngineResultParser.parse("""
                {"passed":true,"model":"pump","version":3,"variant":"int8","method":"int8-static",
                 "sizeBytes":4210,"fp32SizeBytes":14610,"sizeRatio":3.4703,"accuracy":0.9428,"fp32Accuracy":0.9444,
                 "accuracyDrop":0.0016,"agreement":0.9975,"latencyP50Ms":0.008214,"latencyP95Ms":0.01175,
                 "fp32LatencyP50Ms":0.009876,"fp32LatencyP95Ms":0.01302,"latencyRatio":0.8317}"""));

        assertTrue(section.isPassed());
        assertEquals("quantization:pump:3:int8", section.getKey());
        String html = section.getHtml();
        assertTrue(html.contains("Quantization of pump version 3 to int8: passed, registered</h2>"), html);
        for (String row : List.of("<th>Size</th><td>14.3 KiB</td><td>4.1 KiB</td>",
                "<th>Accuracy</th><td>0.9444</td><td>0.9428</td>",
                "<th>Latency p50</th><td>0.00988 ms</td><td>0.00821 ms</td>",
                "<th>Latency p95</th><td>0.013 ms</td><td>0.0118 ms</td>")) {
            assertTrue(html.contains(row), row + " in\n" + html);
        }
        assertEquals(List.of("Size ratio: 3.47× smaller", "Accuracy drop: 0.0016", "Agreement with fp32: 99.75 %",
                "Latency ratio: 0.8317: faster than fp32 on the agent", "Method: int8-static"),
                section.getFacts().stream().map(f -> f.getLabel() + ": " + f.getValue()).toList());
    }

    @Test
    void quantizationOfARegressionShowsR2AndRmseAndAFailedGate() {
        QuantizationSection section = QuantizationSection.fromResult(EngineResultParser.parse("""
                {"passed":false,"reason":"pump@4 fp16 R² 0.8100 vs fp32 0.8300: drop 0.0200 > maxAccuracyDrop 0.01","model":"pump","version":4,
                 "variant":"fp16","method":"fp16","sizeBytes":7400,"fp32SizeBytes":14610,"sizeRatio":1.974,
                 "accuracy":0.81,"fp32Accuracy":0.83,"accuracyDrop":0.02,"rmse":1.31,"fp32Rmse":1.25,
                 "agreement":0.9,"latencyP50Ms":0.011,"latencyP95Ms":0.02,"fp32LatencyP50Ms":0.011,
                 "fp32LatencyP95Ms":0.019,"latencyRatio":1.0}"""));

        assertFalse(section.isPassed());
        String html = section.getHtml();
        assertTrue(html.contains("<strong>pump@4 fp16 R² 0.8100 vs fp32 0.8300: drop 0.0200 &gt; maxAccuracyDrop "
                + "0.01</strong>"), html);
        assertTrue(html.indexOf("<th>Size</th>") < html.indexOf("<th>R²</th>")
                && html.indexOf("<th>R²</th>") < html.indexOf("<th>RMSE</th>")
                && html.indexOf("<th>RMSE</th>") < html.indexOf("<th>Latency p50</th>"), html);
        assertTrue(html.contains("<th>RMSE</th><td>1.25</td><td>1.31</td>"), html);
        assertEquals("Size ratio: 1.974× smaller", section.getFacts().get(0).getLabel() + ": "
                + section.getFacts().get(0).getValue());
        assertEquals("1.25× larger", QuantizationSection.fromResult(new java.util.LinkedHashMap<>(
                java.util.Map.of("sizeRatio", 0.8))).getFacts().get(0).getValue());
        assertTrue(section.getFacts().stream().anyMatch(f -> f.getValue().equals("1: as fast as fp32 on the agent")),
                section.getFacts().stream().map(LabelledValue::getValue).toList().toString());

        EdgeMlopsAction action = new EdgeMlopsAction();
        action.add(section);
        assertFalse(action.isAllPassed(), "a failed quantization marks the page");
    }

    @Test
    void quantizationWithoutHoldoutRowsLeavesTheQualityRowsOut() {
        QuantizationSection section = QuantizationSection.fromResult(EngineResultParser.parse("""
                {"passed":true,"model":"pump","version":5,"variant":"int8","method":"int8-weight-only",
                 "sizeBytes":4210,"fp32SizeBytes":14610,"sizeRatio":3.47,"agreement":1.0,"latencyP50Ms":0.01,
                 "latencyP95Ms":0.02,"fp32LatencyP50Ms":0.01,"fp32LatencyP95Ms":0.02,"latencyRatio":1.0}"""));

        String html = section.getHtml();
        assertTrue(html.contains("<th>Size</th>") && html.contains("<th>Latency p50</th>"), html);
        assertFalse(html.contains("<th>Accuracy</th>") || html.contains("<th>RMSE</th>"), html);
        assertTrue(section.getFacts().stream().noneMatch(f -> f.getLabel().equals("Accuracy drop")));
    }

    private static ValidationSection validation(String target, boolean passed) {
        return ValidationSection.fromResult(EngineResultParser.parse("""
                {"passed":%s,"model":"pump","version":3,"target":"%s","variant":"fp32","report":"r.xml",
                 "checks":[{"name":"latency-p95","passed":%s,"value":4.2,"limit":10,"unit":"ms"}]}"""
                .formatted(passed, target, passed)));
    }
}
