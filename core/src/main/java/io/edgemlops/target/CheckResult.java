package io.edgemlops.target;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The outcome of one validation check.
 *
 * @param name check name, e.g. {@code latency-p95}
 * @param passed whether the model meets the limit
 * @param value the measured or computed figure (for list checks: how many items are at fault), or null
 * @param limit the profile's limit, or null when none applies
 * @param unit unit of value and limit, e.g. {@code ms}, {@code bytes}; empty for plain numbers
 * @param message one human-readable line: what was measured and why it passed or failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckResult(String name, boolean passed, Double value, Double limit, String unit, String message) {

    public static CheckResult pass(String name, Double value, Double limit, String unit, String message) {
        return new CheckResult(name, true, value, limit, unit, message);
    }

    public static CheckResult fail(String name, Double value, Double limit, String unit, String message) {
        return new CheckResult(name, false, value, limit, unit, message);
    }

    /**
     * A short statement of the violation, {@code value 12.5 ms > limit 5 ms} (or {@code <} for
     * minimums), falling back to the message when there is no numeric value and limit.
     */
    public String failureSummary() {
        if (value == null || limit == null) {
            return message;
        }
        String op = value > limit ? ">" : value < limit ? "<" : "=";
        String u = unit == null || unit.isEmpty() ? "" : " " + unit;
        return "value " + Numbers.format(value) + u + " " + op + " limit " + Numbers.format(limit) + u;
    }
}
