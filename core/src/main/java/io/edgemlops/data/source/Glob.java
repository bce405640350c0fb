package io.edgemlops.data.source;

import java.util.regex.Pattern;

/**
 * Glob patterns over {@code /}-separated names, with the meaning of Java's {@code glob:} path matchers so that a
 * pattern selects the same parts from a folder and from an S3 prefix: {@code *} and {@code ?} stay within one
 * segment, {@code **} crosses {@code /}, {@code [...]} (with {@code [!...]}) is one character of a segment,
 * {@code {a,b}} is either.
 */
final class Glob {

    private static final String META = "*?[{";
    private static final String REGEX_SPECIAL = "\\^$.|?*+()[]{}";

    private Glob() {
    }

    /** Where the first glob character is, or -1. */
    static int firstGlobChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (META.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @throws IllegalArgumentException when a {@code [} or {@code {} is not closed
     */
    static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        boolean inGroup = false;
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i++);
            switch (c) {
                case '*' -> {
                    if (i < glob.length() && glob.charAt(i) == '*') {
                        re.append(".*");
                        i++;
                    } else {
                        re.append("[^/]*");
                    }
                }
                case '?' -> re.append("[^/]");
                case '[' -> i = charClass(glob, i, re);
                case '{' -> {
                    if (inGroup) {
                        throw new IllegalArgumentException("nested { in glob '" + glob + "'");
                    }
                    re.append("(?:");
                    inGroup = true;
                }
                case '}' -> {
                    if (inGroup) {
                        re.append(')');
                        inGroup = false;
                    } else {
                        re.append("\\}");
                    }
                }
                case ',' -> re.append(inGroup ? "|" : ",");
                case '\\' -> {
                    if (i == glob.length()) {
                        throw new IllegalArgumentException("glob '" + glob + "' ends with \\");
                    }
                    literal(glob.charAt(i++), re);
                }
                default -> literal(c, re);
            }
        }
        if (inGroup) {
            throw new IllegalArgumentException("glob '" + glob + "' has a { without }");
        }
        return Pattern.compile(re.toString());
    }

    /** Appends the class starting after {@code [} at {@code i}; returns the index after its {@code ]}. */
    private static int charClass(String glob, int i, StringBuilder re) {
        re.append("[[^/]&&[");
        if (i < glob.length() && glob.charAt(i) == '!') {
            re.append('^');
            i++;
        }
        boolean first = true;
        while (i < glob.length()) {
            char c = glob.charAt(i++);
            if (c == ']' && !first) {
                re.append("]]");
                return i;
            }
            if (c == '-' && !first && i < glob.length() && glob.charAt(i) != ']') {
                re.append('-');
            } else {
                if (c == '\\' && i < glob.length()) {
                    c = glob.charAt(i++);
                }
                // Escaping any other character is safe in a regex class; letters and digits must stay bare.
                if (!Character.isLetterOrDigit(c)) {
                    re.append('\\');
                }
                re.append(c);
            }
            first = false;
        }
        throw new IllegalArgumentException("glob has a [ without ]");
    }

    private static void literal(char c, StringBuilder re) {
        if (REGEX_SPECIAL.indexOf(c) >= 0) {
            re.append('\\');
        }
        re.append(c);
    }
}
