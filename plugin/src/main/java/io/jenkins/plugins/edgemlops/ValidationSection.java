package io.jenkins.plugins.edgemlops;

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

import io.edgemlops.contract.ResultKey;
import io.edgemlops.contract.ValidateForTargetContract;
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
    private final List<Check> checks;
    private final List<LabelledValue> facts;
    private final String report;

    /** One row of the validation table, formatted for people. */
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

        /** Reads one entry of the result's {@code checks} list (keys as the contract describes them). */
        static Check fromResult(Map<?, ?> check) {
            String name = String.valueOf(check.get("name"));
            String unit = check.get("unit") == null ? "" : check.get("unit").toString();
            return new Check(ValidateForTargetContract.CHECK_TITLES.getOrDefault(name, name),
                    Format.withUnit(check.get("value"), unit), Format.withUnit(check.get("limit"), unit),
                    Boolean.TRUE.equals(check.get("passed")), check.get("message") == null ? null
                    : check.get("message").toString());
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

    public ValidationSection(String model, String version, String target, String variant, boolean passed,
            String reason, List<Check> checks, List<LabelledValue> facts, String report) {
        this.model = model;
        this.version = version;
        this.target = target;
        this.variant = variant;
        this.passed = passed;
        this.reason = reason;
        this.checks = new ArrayList<>(checks);
        this.facts = new ArrayList<>(facts);
        this.report = report;
    }

    /** Reads a {@code validateForTarget} result through the contract's result keys. */
    public static ValidationSection fromResult(Map<String, Object> result) {
        List<Check> checks = new ArrayList<>();
        if (result.get(R_CHECKS.name()) instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> check) {
                    checks.add(Check.fromResult(check));
                }
            }
        }
        List<LabelledValue> facts = new ArrayList<>();
        addFact(facts, result, R_ACCURACY, Format.value(result.get(R_ACCURACY.name())));
        addFact(facts, result, R_R2, Format.value(result.get(R_R2.name())));
        addFact(facts, result, R_LATENCY_P95_MS, Format.withUnit(result.get(R_LATENCY_P95_MS.name()), "ms"));
        addFact(facts, result, R_MEASURED_LATENCY_P95_MS,
                Format.withUnit(result.get(R_MEASURED_LATENCY_P95_MS.name()), "ms"));
        if (result.get(R_CHAMPION.name()) instanceof Map<?, ?> champion) {
            addFact(facts, result, R_CHAMPION, championText(champion));
        }
        return new ValidationSection(text(result, R_MODEL), Format.value(result.get(R_VERSION.name())),
                text(result, R_TARGET), text(result, R_VARIANT), !Boolean.FALSE.equals(result.get(R_PASSED.name())),
                text(result, R_REASON), checks, facts, text(result, R_REPORT));
    }

    /** The champion / challenger comparison in one line: which champion, the verdict and its reason. */
    static String championText(Map<?, ?> champion) {
        String verdict = Boolean.TRUE.equals(champion.get("passed")) ? "passed" : "FAILED";
        String reason = champion.get("reason") == null ? "" : ": " + champion.get("reason");
        if (champion.get("version") == null) {
            return verdict + reason;
        }
        return "against v" + Format.value(champion.get("version")) + " " + champion.get("variant") + ", " + verdict
                + reason;
    }

    private static void addFact(List<LabelledValue> facts, Map<String, Object> result, ResultKey key, String formatted) {
        if (result.get(key.name()) != null) {
            facts.add(new LabelledValue(key.title(), formatted));
        }
    }

    private static String text(Map<String, Object> result, ResultKey key) {
        return EngineResultParser.text(result, key.name());
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

    public String getReport() {
        return report;
    }

    public List<Check> getChecks() {
        return checks == null ? List.of() : List.copyOf(checks);
    }

    public List<LabelledValue> getFacts() {
        return facts == null ? List.of() : List.copyOf(facts);
    }
}
