package io.edgemlops.usecase;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.store.Json;
import org.junit.jupiter.api.Test;

/** When a recorded champion / challenger check lets a variant ship, case by case, without a store. */
class ChampionProblemTest {

    private static final ModelCard V5 = new ModelCard("pump", 5, null, null, null, null, null, null, null, null, null);

    private static JsonNode record(String champion) throws Exception {
        return Json.MAPPER.readTree("{\"passed\": true, \"checks\": []" + (champion == null ? "" : ", \"champion\": "
                + champion) + "}");
    }

    private static String problem(String champion, Integer production) throws Exception {
        return PublishToEdge.championProblem(record(champion), V5, "raspberry-pi-4", "int8", production);
    }

    @Test
    void aPassedCheckAgainstTheCurrentProductionShips() throws Exception {
        assertNull(problem("{\"version\": 4, \"variant\": \"int8\", \"passed\": true, \"reason\": \"ok\"}", 4));
    }

    @Test
    void aFailedCheckIsRefusedWithTheChampionAndTheNumbers() throws Exception {
        String p = problem("{\"version\": 4, \"variant\": \"int8\", \"passed\": false, \"reason\": \"worse than "
                + "champion v4 int8 by more than 0.01 (accuracy and macro F1): champion-holdout (v4, 1000 rows): "
                + "accuracy 0.895 vs 0.924 (-0.029)\"}", 4);
        assertTrue(p.startsWith("pump@5 int8 for raspberry-pi-4 is worse than champion pump@4 int8 (production): "),
                p);
        assertTrue(p.contains("accuracy 0.895 vs 0.924 (-0.029)"), p);
    }

    @Test
    void aCheckAgainstAnotherVersionThanTheProductionNowIsStale() throws Exception {
        String p = problem("{\"version\": 3, \"variant\": \"int8\", \"passed\": true, \"reason\": \"ok\"}", 4);
        assertTrue(p.contains("was compared with champion pump@3, but pump@4 is in production now"), p);
        String none = problem("{\"passed\": true, \"reason\": \"no champion: nothing is in production yet\"}", 4);
        assertTrue(none.contains("was compared with no champion, but pump@4 is in production now"), none);
    }

    @Test
    void aRecordFromBeforeTheCheckNeedsAValidationOnlyWhenThereIsAChampion() throws Exception {
        assertNull(problem(null, null), "nothing in production: nothing to beat");
        assertNull(problem(null, 5), "the version is itself in production");
        assertTrue(problem(null, 4).contains("was validated before the champion / challenger check existed"));
    }

    @Test
    void theVersionInProductionHasNothingToBeatEvenAfterAFailedCheck() throws Exception {
        assertNull(problem("{\"version\": 3, \"variant\": \"int8\", \"passed\": false, \"reason\": \"worse\"}", 5));
    }

    @Test
    void aFailedCheckStandsWhenNothingIsInProductionAnyMore() throws Exception {
        String p = problem("{\"version\": 3, \"variant\": \"int8\", \"passed\": false, \"reason\": \"worse\"}",
                null);
        assertTrue(p.contains("is worse than champion pump@3 int8"), p);
    }
}
