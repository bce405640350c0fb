package io.edgemlops.target;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Challenger and champion measured on one set of labelled rows, for the champion / challenger check of
 * {@code validateForTarget}. Both models see the same rows, each encoded with its own schema and fill values, and
 * their predictions are compared with the rows' labels by class name, so a retrained version whose class order
 * changed is judged fairly.
 *
 * @param name which rows: {@code challenger-holdout} or {@code champion-holdout}
 * @param version the version whose registered holdout these rows are
 * @param rows how many rows were evaluated
 * @param decides whether this row set decides the check; a row set that does not decide is reported only
 * @param note why the row set decides or not, in one sentence
 * @param challengerAccuracy classification: the challenger's accuracy, else null
 * @param challengerMacroF1 classification: the challenger's macro F1, else null
 * @param championAccuracy classification: the champion's accuracy, else null
 * @param championMacroF1 classification: the champion's macro F1, else null
 * @param challengerRmse regression: the challenger's RMSE, else null
 * @param championRmse regression: the champion's RMSE, else null
 * @param difference classification: challenger minus champion accuracy (negative is worse); regression: the
 *     challenger's RMSE relative to the champion's, minus 1 (positive is worse)
 * @param macroF1Difference classification: challenger minus champion macro F1, else null
 * @param passed whether the challenger is within {@code maxRegression} of the champion on these rows
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RowSetComparison(String name, int version, long rows, boolean decides, String note,
                               Double challengerAccuracy, Double challengerMacroF1, Double championAccuracy,
                               Double championMacroF1, Double challengerRmse, Double championRmse, double difference,
                               Double macroF1Difference, boolean passed) {

    /** Row set name of the challenger's own holdout. */
    public static final String CHALLENGER_HOLDOUT = "challenger-holdout";
    /** Row set name of the champion's holdout. */
    public static final String CHAMPION_HOLDOUT = "champion-holdout";

    /** This comparison with another say in the decision. */
    public RowSetComparison deciding(boolean decides, String note) {
        return new RowSetComparison(name, version, rows, decides, note, challengerAccuracy, challengerMacroF1,
                championAccuracy, championMacroF1, challengerRmse, championRmse, difference, macroF1Difference, passed);
    }

    /** Whether this is a regression comparison (RMSE) rather than a classification one. */
    public boolean regression() {
        return challengerRmse != null;
    }

    /** One line with the figures, e.g. {@code challenger-holdout (v3, 400 rows): accuracy 0.91 vs 0.93 (-0.02)}. */
    public String summary() {
        String head = name + " (v" + version + ", " + rows + " rows): ";
        if (regression()) {
            return head + "RMSE " + Numbers.format(challengerRmse) + " vs " + Numbers.format(championRmse) + " ("
                    + signedPercent(difference) + ")";
        }
        return head + "accuracy " + Numbers.format(challengerAccuracy) + " vs " + Numbers.format(championAccuracy)
                + " (" + signed(difference) + "), macro F1 " + Numbers.format(challengerMacroF1) + " vs "
                + Numbers.format(championMacroF1) + " (" + signed(macroF1Difference) + ")";
    }

    static String signed(double v) {
        return (v > 0 ? "+" : "") + Numbers.format(v);
    }

    static String signedPercent(double v) {
        return (v > 0 ? "+" : "") + Numbers.format(Math.round(v * 10_000) / 100.0) + " %";
    }
}
