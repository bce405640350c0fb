package io.edgemlops.drift;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * One distribution (an input feature, or the predicted classes) against its baseline: the effect
 * size and the significance, each beside its limit, and the verdict.
 *
 * @param name feature name, or {@code predictions}
 * @param samples observations counted (missing values included)
 * @param psi population stability index against the baseline (0 without samples)
 * @param chiSquare chi-square goodness-of-fit statistic (0 without samples)
 * @param degreesOfFreedom slots compared − 1
 * @param pValue chi-square p-value (1 without samples)
 * @param psiLimit the PSI the shift had to reach
 * @param alpha the level the p-value had to be below, after the Bonferroni correction
 * @param drifted {@code psi >= psiLimit && pValue < alpha}
 */
public record DistributionDrift(String name, long samples, double psi, double chiSquare, int degreesOfFreedom,
                                double pValue, double psiLimit, double alpha, boolean drifted) {

    /** Whether the shift is large enough to matter: PSI reached its limit. */
    public boolean largeShift() {
        return psi >= psiLimit;
    }

    /** Whether the shift is more than sampling noise: the p-value is below the corrected alpha. */
    public boolean significant() {
        return pValue < alpha;
    }

    /**
     * One line for a person, every value beside its limit, e.g. {@code temp_bearing: PSI 0.312 ≥ 0.2,
     * p 3.10e-42 < 0.000625 (chi-square 212, 11 dof, n 1000): drifted}.
     */
    public String describe() {
        String verdict = drifted ? "drifted"
                : samples == 0 ? "no samples"
                : largeShift() ? "large shift, but not significant on " + samples + " samples"
                : "no drift";
        return String.format(Locale.ROOT, "%s: PSI %s %s %s, p %s %s %s (chi-square %s, %d dof, n %d): %s",
                name, number(psi), largeShift() ? "≥" : "<", number(psiLimit), number(pValue),
                significant() ? "<" : "≥", number(alpha), number(chiSquare), degreesOfFreedom, samples, verdict);
    }

    /** Three significant digits, plain down to 0.0001 and in scientific notation below. */
    private static String number(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        if (Math.abs(v) < 1e-4) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
