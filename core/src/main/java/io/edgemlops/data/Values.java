package io.edgemlops.data;

import java.util.regex.Pattern;

/**
 * How cell text is read: what counts as missing and what counts as a number. Shared by schema
 * inference and encoding so both agree.
 */
public final class Values {

    /** Decimal numbers with optional sign and exponent; no hex, no Java suffixes such as "1f". */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private Values() {
    }

    /** Missing: null, empty or blank, or one of NA, N/A, NaN, null, None (any case). */
    public static boolean isMissing(String s) {
        if (s == null) {
            return true;
        }
        String t = s.trim();
        return t.isEmpty() || t.equalsIgnoreCase("na") || t.equalsIgnoreCase("n/a") || t.equalsIgnoreCase("nan")
                || t.equalsIgnoreCase("null") || t.equalsIgnoreCase("none");
    }

    /** The number in a non-missing cell, or null when it is not a finite decimal number. */
    public static Double parseNumber(String s) {
        String t = s.trim();
        if (!NUMBER.matcher(t).matches()) {
            return null;
        }
        double v = Double.parseDouble(t);
        return Double.isFinite(v) ? v : null;
    }

    /** Category text as stored in the vocabulary: trimmed. */
    public static String category(String s) {
        return s.trim();
    }
}
