package io.edgemlops.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.rollout.HealthPolicy;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local health window's verdicts at their exact edges. */
class HealthWatchTest {

    static HealthWatch watch() {
        return new HealthWatch(new HealthPolicy(600, 100, 0.05, Map.of("raspberry-pi-4", 1.0)), "raspberry-pi-4",
                Instant.parse("2026-11-25T18:00:00Z"));
    }

    @Test
    void theP95BreaksTheBudgetWhenMoreThanOneInTwentyInferencesDo() {
        HealthWatch fivePercent = watch();
        HealthWatch sixPercent = watch();
        for (int i = 0; i < 100; i++) {
            fivePercent.record(false, i < 5 ? 2_000_000 : 500_000);
            sixPercent.record(false, i < 6 ? 2_000_000 : 500_000);
        }

        assertTrue(fivePercent.verdict().isEmpty(), "5 of 100 over the budget: the nearest-rank p95 is 0.5 ms");
        assertEquals("latency p95 2.000 ms over 100 inferences exceeds the budget of 1.0 ms",
                sixPercent.verdict().orElseThrow());
    }

    @Test
    void tooFewInferencesProveNothingAndErrorsAreJudgedFirst() {
        HealthWatch w = watch();
        for (int i = 0; i < 99; i++) {
            w.record(true, 0);
        }
        assertTrue(w.verdict().isEmpty());
        w.record(true, 0);
        assertEquals("error rate 1.000 over 100 inferences exceeds 0.05", w.verdict().orElseThrow());
    }
}
