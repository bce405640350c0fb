package io.edgemlops.render;

import static io.edgemlops.contract.ValidateForTargetContract.R_ACCURACY;
import static io.edgemlops.contract.ValidateForTargetContract.R_CHAMPION;
import static io.edgemlops.contract.ValidateForTargetContract.R_CHECKS;
import static io.edgemlops.contract.ValidateForTargetContract.R_LATENCY_P95_MS;
import static io.edgemlops.contract.ValidateForTargetContract.R_MEASURED_LATENCY_P95_MS;
import static io.edgemlops.contract.ValidateForTargetContract.R_MODEL;
import static io.edgemlops.contract.ValidateForTargetContract.R_PASSED;
import static io.edgemlops.contract.ValidateForTargetContract.R_R2;
import static io.edgemlops.contract.ValidateForTargetContract.R_REASON;
import static io.edgemlops.contract.ValidateForTargetContract.R_REPORT;
import static io.edgemlops.contract.ValidateForTargetContract.R_TARGET;
import static io.edgemlops.contract.ValidateForTargetContract.R_VARIANT;
import static io.edgemlops.contract.ValidateForTargetContract.R_VERSION;

import io.edgemlops.contract.ValidateForTargetContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The validation of one version for one target and variant, from a {@code validateForTarget} result: every check with
 * its measured value and limit in the check's unit and the verdict, the key figures, and the champion / challenger
 * comparison ({@link ChampionView}).
 */
public final class ValidationView {

    private ValidationView() {
    }

    /** "Validation of pump version 3 for raspberry-pi-4 (fp32)". */
    public static String title(Map<String, ?> result) {
        return "Validation of " + Results.text(result, R_MODEL) + " version " + Results.figure(result, R_VERSION)
                + " for " + Results.text(result, R_TARGET) + " (" + Results.text(result, R_VARIANT) + ")";
    }

    /** False when a check failed (absent counts as passed, as the step does). */
    public static boolean passed(Map<String, ?> result) {
        return !Boolean.FALSE.equals(result.get(R_PASSED.name()));
    }

    /** The validation as an HTML fragment. */
    public static String html(Map<String, ?> result) {
        boolean passed = passed(result);
        String reason = Html.failureReason(passed, Results.text(result, R_REASON));
        return new Block("validation", title(result) + (passed ? ": passed" : ": FAILED"), Tone.of(passed))
                .wrap(reason + checks(result) + facts(result).html()
                        + ChampionView.html(Results.map(result.get(R_CHAMPION.name()))));
    }

    /** One row per check: its title, value and limit in its unit, pass or FAIL, and the check's message. */
    static String checks(Map<String, ?> result) {
        Table table = Table.withHeader("Check", "Value", "Limit", "Result", "Details");
        for (Map<?, ?> check : Results.maps(result.get(R_CHECKS.name()))) {
            String name = String.valueOf(check.get("name"));
            String unit = check.get("unit") == null ? "" : check.get("unit").toString();
            boolean ok = Boolean.TRUE.equals(check.get("passed"));
            table = table.row(ValidateForTargetContract.CHECK_TITLES.getOrDefault(name, name),
                    Units.withUnit(check.get("value"), unit), Units.withUnit(check.get("limit"), unit),
                    Markup.raw("<span class=\"" + Tone.of(ok).cssClass() + "\">" + (ok ? "pass" : "FAIL") + "</span>"),
                    check.get("message") == null ? "" : check.get("message"));
        }
        return table.html();
    }

    /** Accuracy or R² and the latency on the target (and as measured), whichever the result has. */
    public static List<Figure> keyFigures(Map<String, ?> result) {
        List<Figure> figures = new ArrayList<>();
        QuantizationView.add(figures, R_ACCURACY.title(), Results.figure(result, R_ACCURACY));
        QuantizationView.add(figures, R_R2.title(), Results.figure(result, R_R2));
        QuantizationView.add(figures, R_LATENCY_P95_MS.title(), ms(result.get(R_LATENCY_P95_MS.name())));
        QuantizationView.add(figures, R_MEASURED_LATENCY_P95_MS.title(),
                ms(result.get(R_MEASURED_LATENCY_P95_MS.name())));
        return figures;
    }

    /** The key figures and the JUnit report's path as "label: value" lines. */
    static Facts facts(Map<String, ?> result) {
        Facts facts = Facts.none();
        for (Figure f : keyFigures(result)) {
            facts = facts.add(f.label(), f.value());
        }
        return facts.add("JUnit report", Results.text(result, R_REPORT) == null ? null
                : Markup.raw(Html.code(Results.text(result, R_REPORT))));
    }

    private static String ms(Object value) {
        return value == null ? null : Units.withUnit(value, "ms");
    }
}
