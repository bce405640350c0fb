package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
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
        ModelCardSection card = new ModelCardSection("pump", "3", null, "ab", "s3://x", Map.of("accuracy", "0.9"));
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
    void trainResultsMayNestTheirMetrics() {
        ModelCardSection card = ModelCardSection.fromResult(EngineResultParser.parse(
                "{\"model\":\"pump\",\"version\":2,\"metrics\":{\"accuracy\":0.875,\"f1\":0.8},\"task\":\"classification\"}"));

        assertEquals(Map.of("accuracy", "0.875", "f1", "0.8"), card.getMetrics());
        assertEquals("classification", card.getTask());
        assertEquals("model:pump:2", card.getKey());
    }

    private static ValidationSection validation(String target, boolean passed) {
        return new ValidationSection("pump", "3", target, "fp32", passed, passed ? null : "too slow", "0.9", "4.2",
                "r.xml", List.of(new ValidationSection.Check("latencyP95Ms", "4.2", "10", passed, null)));
    }
}
