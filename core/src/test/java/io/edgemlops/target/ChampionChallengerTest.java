package io.edgemlops.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The champion / challenger rules, one decision at a time. */
class ChampionChallengerTest {

    private static final double MAX = 0.01;

    @Test
    void aClassifierWithinTheMarginPasses() {
        assertTrue(ChampionChallenger.withinClassification(0.90, 0.89, 0.905, 0.895, MAX));
        assertTrue(ChampionChallenger.withinClassification(0.95, 0.94, 0.90, 0.89, MAX), "better passes");
    }

    @Test
    void exactlyTheMarginPassesDespiteRounding() {
        assertTrue(ChampionChallenger.withinClassification(0.90, 0.90, 0.91, 0.91, MAX));
    }

    @Test
    void aLowerAccuracyBeyondTheMarginFails() {
        assertFalse(ChampionChallenger.withinClassification(0.88, 0.90, 0.90, 0.90, MAX));
    }

    @Test
    void aLowerMacroF1BeyondTheMarginFailsEvenWithTheSameAccuracy() {
        // The same accuracy, but the rare classes are found less often: macro F1 shows it.
        assertFalse(ChampionChallenger.withinClassification(0.90, 0.80, 0.90, 0.85, MAX));
    }

    @Test
    void aZeroMarginAcceptsOnlyEqualOrBetter() {
        assertTrue(ChampionChallenger.withinClassification(0.90, 0.90, 0.90, 0.90, 0));
        assertFalse(ChampionChallenger.withinClassification(0.899, 0.90, 0.90, 0.90, 0));
    }

    @Test
    void rmseIsComparedRelativeToTheChampions() {
        assertEquals(0.05, ChampionChallenger.relativeRmseChange(2.1, 2.0), 1e-12);
        assertEquals(-0.5, ChampionChallenger.relativeRmseChange(1.0, 2.0), 1e-12);
        assertTrue(ChampionChallenger.withinRegression(ChampionChallenger.relativeRmseChange(2.02, 2.0), MAX));
        assertFalse(ChampionChallenger.withinRegression(ChampionChallenger.relativeRmseChange(2.03, 2.0), MAX));
    }

    @Test
    void aPerfectRegressionChampionCanOnlyBeMatched() {
        assertEquals(0, ChampionChallenger.relativeRmseChange(0, 0));
        assertEquals(Double.POSITIVE_INFINITY, ChampionChallenger.relativeRmseChange(0.1, 0));
        assertFalse(ChampionChallenger.withinRegression(Double.POSITIVE_INFINITY, 1));
    }

    @Test
    void aRowSetCarriesItsDifferencesAndVerdict() {
        RowSetComparison set = ChampionChallenger.classification(RowSetComparison.CHAMPION_HOLDOUT, 1, 400, 0.86, 0.85,
                0.90, 0.89, MAX);
        assertEquals(-0.04, set.difference(), 1e-12);
        assertEquals(-0.04, set.macroF1Difference(), 1e-12);
        assertFalse(set.passed());
        assertTrue(set.summary().contains("accuracy 0.86 vs 0.9 (-0.04)"), set.summary());

        RowSetComparison rmse = ChampionChallenger.regression(RowSetComparison.CHALLENGER_HOLDOUT, 2, 300, 1.5, 2.0,
                MAX);
        assertTrue(rmse.passed());
        assertNull(rmse.challengerAccuracy());
        assertTrue(rmse.summary().contains("RMSE 1.5 vs 2 (-25 %)"), rmse.summary());
    }

    @Test
    void theChallengersHoldoutAlwaysDecides() {
        List<RowSetComparison> roles = ChampionChallenger.assignRoles(List.of(challengerSet(true), championSet(false)),
                List.of("band_hf"));
        assertTrue(roles.get(0).decides());
        assertFalse(roles.get(1).decides());
        assertTrue(roles.get(1).note().contains("band_hf"), roles.get(1).note());
    }

    @Test
    void theChampionsHoldoutDecidesWhileNoFeatureDrifted() {
        List<RowSetComparison> roles = ChampionChallenger.assignRoles(List.of(challengerSet(true), championSet(false)),
                List.of());
        assertTrue(roles.get(0).decides());
        assertTrue(roles.get(1).decides());
    }

    @Test
    void everyDecidingRowSetMustPass() {
        ChampionComparison c = ChampionChallenger.decide(3, "int8", "same variant as the challenger", MAX,
                ChampionChallenger.assignRoles(List.of(challengerSet(true), championSet(false)), List.of()));
        assertFalse(c.passed());
        assertEquals(3, c.version());
        assertTrue(c.reason().startsWith("worse than champion v3 int8 by more than 0.01"), c.reason());
        assertTrue(c.reason().contains("champion-holdout (v3, 400 rows)"), c.reason());
        assertFalse(c.reason().contains("challenger-holdout"), "names only the row sets that failed: " + c.reason());
    }

    @Test
    void aRowSetThatDoesNotDecideCannotFailTheCheck() {
        ChampionComparison c = ChampionChallenger.decide(3, "fp32", null, MAX,
                ChampionChallenger.assignRoles(List.of(challengerSet(true), championSet(false)), List.of("temp")));
        assertTrue(c.passed(), c.reason());
        assertTrue(c.reason().startsWith("not worse than champion v3 fp32"), c.reason());
    }

    @Test
    void nothingComparedFails() {
        ChampionComparison c = ChampionChallenger.decide(3, "fp32", null, MAX, List.of());
        assertFalse(c.passed());
        assertFalse(ChampionChallenger.notCompared(3, "fp32", null, MAX, "no rows", List.of()).passed());
    }

    @Test
    void theFirstVersionPassesAndSaysSo() {
        ChampionComparison c = ChampionChallenger.noChampion(MAX);
        assertTrue(c.passed());
        assertNull(c.version());
        assertTrue(c.reason().startsWith("no champion"), c.reason());
        CheckResult check = ChampionChallenger.check(c);
        assertEquals(ChampionChallenger.CHECK, check.name());
        assertTrue(check.passed());
        assertTrue(check.message().startsWith("no champion"), check.message());
        assertTrue(ChampionChallenger.isChampion(4, MAX).passed());
    }

    @Test
    void theCheckReportsTheWorstDecidingDifferenceAgainstTheMargin() {
        ChampionComparison c = ChampionChallenger.decide(3, "fp32", null, MAX,
                ChampionChallenger.assignRoles(List.of(challengerSet(true), championSet(false)), List.of()));
        CheckResult check = ChampionChallenger.check(c);
        assertFalse(check.passed());
        assertEquals(-0.05, check.value(), 1e-12);
        assertEquals(-MAX, check.limit(), 1e-12);
        assertEquals("value -0.05 < limit -0.01", check.failureSummary());
    }

    @Test
    void aReportWithTheChampionCheckFailsWhenItFails() {
        ValidationReport report = new ValidationReport("x86-gateway", "fp32", true,
                List.of(CheckResult.pass("model-size", 1.0, 2.0, "bytes", "ok")), null, null, 1, false, null, null, 1,
                "ab", "2026-11-25T10:00:00Z", "host");
        ChampionComparison failed = ChampionChallenger.decide(3, "fp32", null, MAX,
                ChampionChallenger.assignRoles(List.of(championSet(false)), List.of()));
        ValidationReport with = report.withChampion(failed);
        assertFalse(with.passed());
        assertEquals(List.of("model-size", "champion"), with.checks().stream().map(CheckResult::name).toList());
        assertTrue(with.reason().contains("champion: value -0.05 < limit -0.01"), with.reason());
        assertTrue(report.withChampion(ChampionChallenger.noChampion(MAX)).passed());
    }

    private static RowSetComparison challengerSet(boolean passing) {
        return ChampionChallenger.classification(RowSetComparison.CHALLENGER_HOLDOUT, 4, 400, passing ? 0.91 : 0.85,
                passing ? 0.90 : 0.84, 0.90, 0.89, MAX);
    }

    private static RowSetComparison championSet(boolean passing) {
        return ChampionChallenger.classification(RowSetComparison.CHAMPION_HOLDOUT, 3, 400, passing ? 0.91 : 0.85,
                passing ? 0.90 : 0.84, 0.90, 0.89, MAX);
    }
}
