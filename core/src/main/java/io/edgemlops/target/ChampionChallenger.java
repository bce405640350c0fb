package io.edgemlops.target;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of the champion / challenger check, one small pure method per decision, so each can be tested alone:
 * how a row set is judged (classification: accuracy and macro F1 may each drop by at most {@code maxRegression};
 * regression: RMSE may grow by at most {@code maxRegression} of the champion's), which row sets decide, and how the
 * verdicts combine. The models are run elsewhere ({@code usecase.ChampionEvaluation}); nothing here touches storage or
 * ONNX Runtime.
 *
 * <p>Which row sets decide: the challenger's own holdout always does (it is the newest data, closest to what the
 * field sends today). The champion's holdout decides too, unless the features of the two holdouts differ
 * ({@link #holdoutsDrifted}): then the champion's rows describe a field that is gone, and a model retrained for the new
 * field is expected to do worse on them. {@code docs/steps/validateForTarget.md} has the measurements behind this.
 */
public final class ChampionChallenger {

    /** The check's name in {@code checks[]} and the JUnit report. */
    public static final String CHECK = "champion";
    /** Tolerance of floating-point comparisons at the limit. */
    private static final double EPSILON = 1e-9;

    private ChampionChallenger() {
    }

    /**
     * Whether a classification challenger is within {@code maxRegression} of the champion: neither its accuracy nor
     * its macro F1 is lower than the champion's by more than that.
     */
    public static boolean withinClassification(double challengerAccuracy, double challengerMacroF1,
                                               double championAccuracy, double championMacroF1,
                                               double maxRegression) {
        return challengerAccuracy - championAccuracy >= -maxRegression - EPSILON
                && challengerMacroF1 - championMacroF1 >= -maxRegression - EPSILON;
    }

    /**
     * The challenger's RMSE relative to the champion's, minus 1: {@code 0.05} is 5 % worse, {@code -0.1} 10 % better.
     * A perfect champion (RMSE 0) makes any error of the challenger infinitely worse, and no error equal.
     */
    public static double relativeRmseChange(double challengerRmse, double championRmse) {
        if (championRmse == 0) {
            return challengerRmse == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return challengerRmse / championRmse - 1;
    }

    /** Whether a regression challenger's RMSE is at most {@code maxRegression} (relative) above the champion's. */
    public static boolean withinRegression(double relativeRmseChange, double maxRegression) {
        return relativeRmseChange <= maxRegression + EPSILON;
    }

    /** A classification row set, judged; it decides until {@link #assignRoles} says otherwise. */
    public static RowSetComparison classification(String name, int version, long rows, double challengerAccuracy,
                                                  double challengerMacroF1, double championAccuracy,
                                                  double championMacroF1, double maxRegression) {
        return new RowSetComparison(name, version, rows, true, null, challengerAccuracy, challengerMacroF1,
                championAccuracy, championMacroF1, null, null, challengerAccuracy - championAccuracy,
                challengerMacroF1 - championMacroF1, withinClassification(challengerAccuracy, challengerMacroF1,
                        championAccuracy, championMacroF1, maxRegression));
    }

    /** A regression row set, judged; it decides until {@link #assignRoles} says otherwise. */
    public static RowSetComparison regression(String name, int version, long rows, double challengerRmse,
                                              double championRmse, double maxRegression) {
        double change = relativeRmseChange(challengerRmse, championRmse);
        return new RowSetComparison(name, version, rows, true, null, null, null, null, null, challengerRmse,
                championRmse, change, null, withinRegression(change, maxRegression));
    }

    /**
     * Whether the champion's holdout no longer describes the field: at least one feature of the challenger's holdout
     * drifted from the champion's holdout (the gate's rule, PSI and chi-square both over their limits).
     *
     * @param driftedFeatures the features judged drifted between the two holdouts
     */
    public static boolean holdoutsDrifted(List<String> driftedFeatures) {
        return !driftedFeatures.isEmpty();
    }

    /**
     * Says which row sets decide: the challenger's holdout always; the champion's holdout unless the holdouts
     * drifted apart.
     *
     * @param rowSets the row sets measured
     * @param driftedFeatures features whose distribution differs between the challenger's and the champion's holdout
     */
    public static List<RowSetComparison> assignRoles(List<RowSetComparison> rowSets, List<String> driftedFeatures) {
        List<RowSetComparison> out = new ArrayList<>();
        boolean drifted = holdoutsDrifted(driftedFeatures);
        for (RowSetComparison set : rowSets) {
            if (set.name().equals(RowSetComparison.CHALLENGER_HOLDOUT)) {
                out.add(set.deciding(true, "the newest labelled data: always decides"));
            } else if (drifted) {
                out.add(set.deciding(false, "reported only: the field drifted since the champion's data ("
                        + String.join(", ", driftedFeatures) + ")"));
            } else {
                out.add(set.deciding(true, "decides: no feature drifted between the two holdouts"));
            }
        }
        return out;
    }

    /**
     * Combines the row sets' verdicts: the challenger passes when at least one row set decides and it is within
     * {@code maxRegression} on every deciding one. Without a deciding row set nothing was compared, which is a
     * failure (a limit nobody checked must not pass).
     */
    public static ChampionComparison decide(int championVersion, String championVariant, String variantNote,
                                            double maxRegression, List<RowSetComparison> rowSets) {
        List<RowSetComparison> deciding = rowSets.stream().filter(RowSetComparison::decides).toList();
        String champion = "champion v" + championVersion + " " + championVariant;
        if (deciding.isEmpty()) {
            return new ChampionComparison(championVersion, championVariant, variantNote, maxRegression, false,
                    "no labelled rows to compare with " + champion + " on", rowSets);
        }
        List<RowSetComparison> worse = deciding.stream().filter(s -> !s.passed()).toList();
        String limit = limitText(deciding.get(0).regression(), maxRegression);
        String reason;
        if (worse.isEmpty()) {
            reason = "not worse than " + champion + " by more than " + limit + ": "
                    + String.join("; ", deciding.stream().map(RowSetComparison::summary).toList());
        } else {
            reason = "worse than " + champion + " by more than " + limit + ": "
                    + String.join("; ", worse.stream().map(RowSetComparison::summary).toList());
        }
        return new ChampionComparison(championVersion, championVariant, variantNote, maxRegression, worse.isEmpty(),
                reason, rowSets);
    }

    /** The first version of a model (nothing in production): passes, and says so. */
    public static ChampionComparison noChampion(double maxRegression) {
        return new ChampionComparison(null, null, null, maxRegression, true,
                "no champion: nothing is in production yet", List.of());
    }

    /** The version validated is the one in production: there is nothing to beat. */
    public static ChampionComparison isChampion(int version, double maxRegression) {
        return new ChampionComparison(null, null, null, maxRegression, true,
                "no champion: v" + version + " is itself the version in production", List.of());
    }

    /** The champion could not be compared (its variant does not run, no rows could be encoded for both): fails. */
    public static ChampionComparison notCompared(int championVersion, String championVariant, String variantNote,
                                                 double maxRegression, String why, List<RowSetComparison> rowSets) {
        return new ChampionComparison(championVersion, championVariant, variantNote, maxRegression, false,
                "cannot compare with champion v" + championVersion + " " + championVariant + ": " + why, rowSets);
    }

    /**
     * The comparison as a check of the validation report: the value is the worst difference over the deciding row
     * sets (accuracy points, or relative RMSE change), the limit {@code -maxRegression} (or {@code +maxRegression}
     * for RMSE).
     */
    public static CheckResult check(ChampionComparison comparison) {
        List<RowSetComparison> deciding = comparison.rowSets().stream().filter(RowSetComparison::decides).toList();
        if (!comparison.hasChampion() || deciding.isEmpty()) {
            return new CheckResult(CHECK, comparison.passed(), null, null, "", comparison.reason());
        }
        boolean regression = deciding.get(0).regression();
        double worst = regression
                ? deciding.stream().mapToDouble(RowSetComparison::difference).max().orElse(0)
                : deciding.stream().mapToDouble(s -> Math.min(s.difference(), s.macroF1Difference())).min().orElse(0);
        double limit = regression ? comparison.maxRegression() : -comparison.maxRegression();
        return new CheckResult(CHECK, comparison.passed(), worst, limit, "", comparison.reason());
    }

    private static String limitText(boolean regression, double maxRegression) {
        return regression ? RowSetComparison.signedPercent(maxRegression).substring(1) + " of its RMSE"
                : Numbers.format(maxRegression) + " (accuracy and macro F1)";
    }
}
