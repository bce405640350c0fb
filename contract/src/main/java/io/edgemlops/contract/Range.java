package io.edgemlops.contract;

/**
 * The allowed interval of a number (or of each element of a number list). Either bound may be open or absent, so the
 * rule reads the same in an error message, a help file and the documentation.
 *
 * @param min lower bound, or null for none
 * @param minExclusive whether {@code min} itself is refused
 * @param max upper bound, or null for none
 * @param maxExclusive whether {@code max} itself is refused
 */
public record Range(Double min, boolean minExclusive, Double max, boolean maxExclusive) {

    /** {@code value >= min}. */
    public static Range atLeast(double min) {
        return new Range(min, false, null, false);
    }

    /** {@code value > min}. */
    public static Range greaterThan(double min) {
        return new Range(min, true, null, false);
    }

    /** {@code min < value < max}. */
    public static Range open(double min, double max) {
        return new Range(min, true, max, true);
    }

    /** {@code min <= value <= max}. */
    public static Range closed(double min, double max) {
        return new Range(min, false, max, false);
    }

    /** Whether the value lies inside; NaN never does. */
    public boolean contains(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        boolean aboveMin = min == null || (minExclusive ? value > min : value >= min);
        boolean belowMax = max == null || (maxExclusive ? value < max : value <= max);
        return aboveMin && belowMax && (max != null || !Double.isInfinite(value));
    }

    /** The rule in words, e.g. "greater than 0 and less than 1" or "at least 1". */
    public String describe() {
        String lower = min == null ? null : (minExclusive ? "greater than " : "at least ") + Values.plain(min);
        String upper = max == null ? null : (maxExclusive ? "less than " : "at most ") + Values.plain(max);
        if (lower != null && upper != null) {
            return lower + " and " + upper;
        }
        return lower != null ? lower : upper;
    }
}
