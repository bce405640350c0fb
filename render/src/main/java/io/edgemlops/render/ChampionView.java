package io.edgemlops.render;

import java.util.Map;

/**
 * The champion / challenger comparison inside a validation (result key {@code champion}): which version in production
 * the new one was held against and why that variant, the verdict with its reason, and one row per row set (the
 * challenger's holdout, the champion's holdout) with both models' figures and their difference.
 */
public final class ChampionView {

    private ChampionView() {
    }

    /** The comparison as a sub-section, or the empty string when the result has none. */
    public static String html(Map<?, ?> champion) {
        if (champion == null || champion.isEmpty()) {
            return "";
        }
        return "<div class=\"emo-champion\">\n<h3>" + Html.esc(heading(champion)) + "</h3>\n" + verdict(champion)
                + rowSets(champion) + "</div>\n";
    }

    /** "Champion / challenger: against v3 fp32, passed", or without a champion "Champion / challenger: passed". */
    static String heading(Map<?, ?> champion) {
        return "Champion / challenger: " + against(champion);
    }

    /** The comparison in one line: "against v3 fp32, FAILED: worse than champion v3 fp32 by more than 0.01". */
    public static String line(Map<?, ?> champion) {
        return against(champion) + (champion.get("reason") == null ? "" : ": " + champion.get("reason"));
    }

    /** "against v3 fp32, passed", or "passed" when there was no champion to compare with. */
    private static String against(Map<?, ?> champion) {
        String verdict = Boolean.TRUE.equals(champion.get("passed")) ? "passed" : "FAILED";
        return champion.get("version") == null ? verdict
                : "against v" + Units.value(champion.get("version")) + " " + champion.get("variant") + ", " + verdict;
    }

    private static String verdict(Map<?, ?> champion) {
        Facts facts = Facts.none()
                .add("Verdict", champion.get("reason") == null ? null : Markup.raw(
                        "<span class=\"" + Tone.of(Boolean.TRUE.equals(champion.get("passed"))).cssClass() + "\">"
                                + Html.esc(champion.get("reason")) + "</span>"))
                .add("Largest regression allowed", Units.value(champion.get("maxRegression")))
                .add("Champion's variant", Results.text(champion.get("variantNote")));
        return facts.html();
    }

    /** One row per row set; RMSE instead of accuracy and macro F1 for a regression. */
    private static String rowSets(Map<?, ?> champion) {
        boolean regression = Results.maps(champion.get("rowSets")).stream()
                .anyMatch(r -> r.get("challengerRmse") != null);
        Table table = regression
                ? Table.withHeader("Row set", "Rows", "Challenger RMSE", "Champion RMSE", "Relative change",
                        "Decides", "Result", "Note")
                : Table.withHeader("Row set", "Rows", "Challenger accuracy", "Champion accuracy", "Difference",
                        "Challenger macro F1", "Champion macro F1", "Decides", "Result", "Note");
        for (Map<?, ?> set : Results.maps(champion.get("rowSets"))) {
            boolean ok = !Boolean.FALSE.equals(set.get("passed"));
            String name = String.valueOf(set.get("name")) + (set.get("version") == null ? ""
                    : " (v" + Units.value(set.get("version")) + ")");
            Markup result = Markup.raw("<span class=\"" + Tone.of(ok).cssClass() + "\">" + (ok ? "pass" : "FAIL")
                    + "</span>");
            String decides = Boolean.TRUE.equals(set.get("decides")) ? "yes" : "no";
            Object note = set.get("note") == null ? "" : set.get("note");
            table = regression
                    ? table.labelledRow(name, Units.value(set.get("rows")), Units.value(set.get("challengerRmse")),
                            Units.value(set.get("championRmse")), signed(set.get("difference")), decides, result, note)
                    : table.labelledRow(name, Units.value(set.get("rows")),
                            Units.value(set.get("challengerAccuracy")), Units.value(set.get("championAccuracy")),
                            signed(set.get("difference")), Units.value(set.get("challengerMacroF1")),
                            Units.value(set.get("championMacroF1")), decides, result, note);
        }
        return table.html();
    }

    /** A difference with its sign, {@code +0.012} or {@code -0.029}; {@code -} for none. */
    private static String signed(Object value) {
        if (!(value instanceof Number n)) {
            return "-";
        }
        return (n.doubleValue() > 0 ? "+" : "") + Units.value(n);
    }
}
