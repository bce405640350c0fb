package io.edgemlops.usecase;

import io.edgemlops.registry.Audit;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.target.ValidationReport;
import java.util.List;

/**
 * The release rule of the loop before roll-outs exist: a version becomes {@code production} only when it passed
 * validation on every target it was checked against. Kept here, not in a front-end, so the demo, a future step and
 * the tests apply the same rule.
 */
public final class PromoteWhenAllPass {

    private PromoteWhenAllPass() {
    }

    /**
     * Points {@code production} at the version when every report passed (with an audit entry naming the targets);
     * returns whether it did. No reports means nothing was checked, so nothing is promoted.
     */
    public static boolean apply(ModelRegistry registry, String model, int version, List<ValidationReport> reports,
                                String build) {
        if (reports.isEmpty() || !reports.stream().allMatch(ValidationReport::passed)) {
            return false;
        }
        List<String> targets = reports.stream().map(r -> r.target() + " (" + r.variant() + ")").toList();
        registry.setAlias(model, ValidateAndRecord.PRODUCTION, version,
                Audit.fromEnvironment("passed validation on " + String.join(", ", targets)).fromBuild(build));
        return true;
    }
}
