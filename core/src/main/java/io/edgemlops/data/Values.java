package io.edgemlops.data;


/**
 * How cell text is read: what counts as missing and what counts as a number. Shared by schema
 * inference and encoding so both agree.
 */
public final class Values {

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
        if (!isDecimal(t)) {
            return null;
        }
        double v = Double.parseDouble(t);
        return Double.isFinite(v) ? v : null;
    }

    /**
     * Whether {@code t} is a decimal number: optional sign, digits with an optional point (or a point
     * and digits), an optional exponent. Written out by hand because a large export has a hundred
     * million cells, and matching the regular expression {@code [+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?} cost
     * more than parsing them. No hex, no Java suffixes such as "1f".
     */
    static boolean isDecimal(String t) {
        int n = t.length();
        int i = 0;
        if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(t.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && t.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(t.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && isDigit(t.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Category text as stored in the vocabulary: trimmed. */
    public static String category(String s) {
        return s.trim();
    }
}
