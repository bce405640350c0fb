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
        ModelCardSection card = new ModelCardSection("pump", "3", null,
                List.of(new LabelledValue("Accuracy", "0.9")), List.of(), "ab", "s3://x", List.of(), List.of());
        ValidationSection pi = validation("raspberry-pi-4", true);
        ValidationSection gateway = validation("x86-gateway", true);
        ValidationSection piAgain = validation("raspberry-pi-4", false);

        action.add(card);
        action.add(pi);
        action.add(gateway);
        action.add(piAgain);

        assertEquals(List.of(card, piAgain, gateway), action.getSections());
        assertFalse(action.isAllPassed());
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

        List<String> rows = section.getChecks().stream()
                .map(c -> c.getName() + ": " + c.getValue() + " / " + c.getLimit()).toList();
        assertEquals(List.of("Model size: 14.3 KiB / 39.4 MiB", "Memory: 8.0 MiB / 512.0 MiB",
                "Latency p95: 0.0988 ms / 5 ms", "Unsupported operators: 0 / 0"), rows);
        assertEquals(List.of("Accuracy: 0.9444", "Latency p95 on the target: 0.0988 ms"), section.getFacts().stream()
                .map(f -> f.getLabel() + ": " + f.getValue()).toList());
        assertEquals("validation:pump:3:raspberry-pi-4:fp32", section.getKey());
    }

    private static ValidationSection validation(String target, boolean passed) {
        return new ValidationSection("pump", "3", target, "fp32", passed, passed ? null : "too slow",
                List.of(new ValidationSection.Check("Latency p95", "4.2 ms", "10 ms", passed, null)), List.of(),
                "r.xml");
    }
}
