package io.edgemlops.report;

import io.edgemlops.target.Bytes;
import io.edgemlops.target.CheckResult;
import io.edgemlops.target.Numbers;
import io.edgemlops.target.ValidationReport;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a validation report as a fixed-width text table for the console and build log:
 * a headline, then one row per check (name, PASS/FAIL, value, limit, details).
 */
public final class CheckTable {

    private static final String[] HEADER = {"CHECK", "RESULT", "VALUE", "LIMIT", "DETAILS"};

    private CheckTable() {
    }

    /** The table, lines separated by {@code \n}, ending with a newline. */
    public static String render(ValidationReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (CheckResult c : report.checks()) {
            rows.add(new String[] {c.name(), c.passed() ? "PASS" : "FAIL", figure(c.value(), c.unit()),
                    figure(c.limit(), c.unit()), c.message() == null ? "" : c.message()});
        }
        int[] widths = new int[HEADER.length - 1];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(report.target()).append(" (").append(report.variant()).append("): ")
                .append(report.passed() ? "PASSED" : "FAILED").append(", ")
                .append(report.checks().size() - report.failedChecks().size()).append('/')
                .append(report.checks().size()).append(" checks passed\n");
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(pad(row[i], widths[i])).append("  ");
            }
            line.append(row[widths.length]);
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String figure(Double v, String unit) {
        if (v == null) {
            return "-";
        }
        if ("bytes".equals(unit)) {
            return Bytes.human(v.longValue());
        }
        return Numbers.format(v) + (unit == null || unit.isEmpty() ? "" : " " + unit);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
