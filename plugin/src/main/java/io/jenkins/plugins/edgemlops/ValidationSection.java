package io.jenkins.plugins.edgemlops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The validation of one model version for one target and variant: every check with its value, limit and verdict. */
public final class ValidationSection extends EdgeMlopsSection {

    private final String model;
    private final String version;
    private final String target;
    private final String variant;
    private final boolean passed;
    private final String reason;
    private final String accuracy;
    private final String latencyP95Ms;
    private final String report;
    private final List<Check> checks;

    /** One row of the validation table. */
    public static final class Check {
        private final String name;
        private final String value;
        private final String limit;
        private final boolean passed;
        private final String message;

        public Check(String name, String value, String limit, boolean passed, String message) {
            this.name = name;
            this.value = value;
            this.limit = limit;
            this.passed = passed;
            this.message = message;
        }

        /** Reads one entry of the result's {@code checks} list; tolerant of the engine's key spelling. */
        static Check fromResult(Map<?, ?> check) {
            return new Check(first(check, "name", "check", "id"), Format.value(firstValue(check, "value", "actual")),
                    Format.value(firstValue(check, "limit", "threshold", "expected")),
                    Boolean.TRUE.equals(check.get("passed")), first(check, "message", "reason"));
        }

        public String getName() {
            return name;
        }

        public String getValue() {
            return value;
        }

        public String getLimit() {
            return limit;
        }

        public boolean isPassed() {
            return passed;
        }

        public String getMessage() {
            return message;
        }
    }

    public ValidationSection(String model, String version, String target, String variant, boolean passed, String reason,
            String accuracy, String latencyP95Ms, String report, List<Check> checks) {
        this.model = model;
        this.version = version;
        this.target = target;
        this.variant = variant;
        this.passed = passed;
        this.reason = reason;
        this.accuracy = accuracy;
        this.latencyP95Ms = latencyP95Ms;
        this.report = report;
        this.checks = new ArrayList<>(checks);
    }

    /**
     * Reads a {@code validateForTarget} result; model, version, target and variant fall back to the step's arguments
     * when the result does not repeat them.
     */
    public static ValidationSection fromResult(Map<String, Object> result, String model, String version, String target,
            String variant) {
        List<Check> checks = new ArrayList<>();
        if (result.get("checks") instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> check) {
                    checks.add(Check.fromResult(check));
                }
            }
        }
        return new ValidationSection(orElse(result.get("model"), model), orElse(result.get("version"), version),
                orElse(result.get("target"), target), orElse(result.get("variant"), variant),
                !Boolean.FALSE.equals(result.get("passed")), EngineResultParser.text(result, "reason"),
                Format.value(result.get("accuracy")), Format.value(result.get("latencyP95Ms")),
                EngineResultParser.text(result, "report"), checks);
    }

    @Override
    public String getKey() {
        return "validation:" + model + ":" + version + ":" + target + ":" + variant;
    }

    @Override
    public String getTitle() {
        return "Validation of " + model + " version " + version + " for " + target + " (" + variant + ")";
    }

    @Override
    public boolean isPassed() {
        return passed;
    }

    public String getModel() {
        return model;
    }

    public String getVersion() {
        return version;
    }

    public String getTarget() {
        return target;
    }

    public String getVariant() {
        return variant;
    }

    public String getReason() {
        return reason;
    }

    public String getAccuracy() {
        return accuracy;
    }

    public String getLatencyP95Ms() {
        return latencyP95Ms;
    }

    public String getReport() {
        return report;
    }

    public List<Check> getChecks() {
        return checks == null ? List.of() : List.copyOf(checks);
    }

    private static String orElse(Object value, String fallback) {
        return value == null ? fallback : Format.value(value);
    }

    private static String first(Map<?, ?> map, String... keys) {
        Object value = firstValue(map, keys);
        return value == null ? null : value.toString();
    }

    private static Object firstValue(Map<?, ?> map, String... keys) {
        for (String key : keys) {
            if (map.get(key) != null) {
                return map.get(key);
            }
        }
        return null;
    }
}
