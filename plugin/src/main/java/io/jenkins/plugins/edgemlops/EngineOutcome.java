package io.jenkins.plugins.edgemlops;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * What a finished engine run means for the step, decided from its exit code, stdout and stderr (CLI contract:
 * 0 ok, 1 a check failed with {@code "passed": false} and a {@code "reason"}, 2 bad input, 3 store or runtime error).
 *
 * @param result  the parsed result map, or {@code null} when there is none; shown on the build page even when the step fails
 * @param failure the one-line message the step fails with, or {@code null} when it returns {@code result}
 */
public record EngineOutcome(LinkedHashMap<String, Object> result, String failure) {

    /** Exit codes of the CLI contract. */
    public static final int OK = 0;
    public static final int CHECK_FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int RUNTIME_ERROR = 3;

    public boolean failed() {
        return failure != null;
    }

    /**
     * @param function    the step's function name, prefixed to failure messages
     * @param exitCode    the engine process's exit code
     * @param stdout      everything the engine printed on stdout
     * @param stderrTail  the last lines of its stderr (already masked)
     * @param failOnError whether a failed check (exit 1) fails the step or is returned as {@code passed: false}
     */
    public static EngineOutcome decide(String function, int exitCode, String stdout, List<String> stderrTail,
            boolean failOnError) {
        LinkedHashMap<String, Object> parsed;
        String parseProblem;
        try {
            parsed = EngineResultParser.parse(stdout);
            parseProblem = null;
        } catch (IllegalArgumentException unreadable) {
            parsed = null;
            parseProblem = unreadable.getMessage();
        }
        String prefix = function + ": ";
        switch (exitCode) {
            case OK:
                if (parsed == null) {
                    return new EngineOutcome(null, prefix + parseProblem + stderrHint(stderrTail));
                }
                return new EngineOutcome(parsed, null);
            case CHECK_FAILED:
                if (parsed == null || parsed.containsKey("error") && !parsed.containsKey("passed")) {
                    // Not a check result: the JVM itself exits with 1 when, say, the agent's java is too old.
                    return new EngineOutcome(null, prefix + "the engine failed (exit code 1): "
                            + errorMessage(parsed, stderrTail, "no result and no error message")
                            + javaTooOldHint(stderrTail));
                }
                parsed.put("passed", Boolean.FALSE);
                if (!failOnError) {
                    return new EngineOutcome(parsed, null);
                }
                return new EngineOutcome(parsed, prefix + reason(parsed));
            case BAD_INPUT:
            case RUNTIME_ERROR:
                return new EngineOutcome(null, prefix + errorMessage(parsed, stderrTail, "exit code " + exitCode));
            default:
                return new EngineOutcome(null, prefix + "the engine stopped with exit code " + exitCode
                        + stderrHint(stderrTail));
        }
    }

    /** The JVM's own words when the agent's Java cannot run the engine, turned into what to do about it. */
    private static String javaTooOldHint(List<String> stderrTail) {
        for (String line : stderrTail) {
            if (line.contains("UnsupportedClassVersionError") || line.contains("has been compiled by a more recent version")) {
                return " (the agent's Java is older than 17: set JAVA_HOME, or EDGE_MLOPS_JAVA to a Java 17+ executable)";
            }
        }
        return "";
    }

    private static String reason(LinkedHashMap<String, Object> result) {
        for (String key : List.of("reason", "error", "message")) {
            String value = EngineResultParser.text(result, key);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "a check failed";
    }

    /** The engine's own message: the JSON {@code error}, else its last {@code edge-mlops: } stderr line, else its last line. */
    private static String errorMessage(LinkedHashMap<String, Object> parsed, List<String> stderrTail, String fallback) {
        if (parsed != null) {
            String error = EngineResultParser.text(parsed, "error");
            if (error != null && !error.isBlank()) {
                return error;
            }
        }
        String fromStderr = lastStderrMessage(stderrTail);
        return fromStderr != null ? fromStderr : fallback;
    }

    private static String lastStderrMessage(List<String> stderrTail) {
        for (int i = stderrTail.size() - 1; i >= 0; i--) {
            String line = stderrTail.get(i).strip();
            if (line.startsWith("edge-mlops: ")) {
                return line.substring("edge-mlops: ".length()).strip();
            }
        }
        for (int i = stderrTail.size() - 1; i >= 0; i--) {
            String line = stderrTail.get(i).strip();
            if (!line.isEmpty()) {
                return line;
            }
        }
        return null;
    }

    private static String stderrHint(List<String> stderrTail) {
        String last = lastStderrMessage(stderrTail);
        return last == null ? "" : " (last engine message: " + last + ")";
    }
}
