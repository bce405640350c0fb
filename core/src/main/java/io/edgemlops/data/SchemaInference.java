package io.edgemlops.data;

import io.edgemlops.data.FeatureSchema.FeatureType;
import io.edgemlops.data.FeatureSchema.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Decides column types, the task and the classes from the data.
 *
 * <ul>
 *   <li>A column is numeric when at least {@value #NUMERIC_SHARE_PERCENT}% of its present values
 *       are decimal numbers; any other value in it is then an error (a typo in a sensor export
 *       should stop training, not silently become a category). Otherwise it is categorical.</li>
 *   <li>The task is classification when the label has a non-numeric value, or when all its values
 *       are integers with at most {@value #MAX_INTEGER_CLASSES} distinct values; otherwise
 *       regression. {@link DataOptions#task()} overrides this.</li>
 *   <li>Classes are the distinct label values, sorted (numerically when all are numbers).</li>
 * </ul>
 */
public final class SchemaInference {

    static final int NUMERIC_SHARE_PERCENT = 90;
    static final int MAX_INTEGER_CLASSES = 20;
    /** A categorical column with more distinct values is almost surely an id or a timestamp. */
    static final int MAX_CATEGORIES = 100;

    private SchemaInference() {
    }

    /** Numeric or categorical for one column, over the given rows; errors name the first bad cell. */
    public static FeatureType columnType(Table table, String column) {
        int c = table.columnIndex(column);
        long present = 0;
        long numeric = 0;
        int firstBad = -1;
        for (int r = 0; r < table.rowCount(); r++) {
            String s = table.value(r, c);
            if (Values.isMissing(s)) {
                continue;
            }
            present++;
            if (Values.parseNumber(s) != null) {
                numeric++;
            } else if (firstBad < 0) {
                firstBad = r;
            }
        }
        if (present == 0) {
            throw new DataException(table.source(), column,
                    "has no values: all " + table.rowCount() + " rows are empty or NaN");
        }
        if (numeric * 100 >= present * NUMERIC_SHARE_PERCENT) {
            if (firstBad >= 0) {
                throw table.error(firstBad, column, "'" + table.value(firstBad, c)
                        + "' is not a number (" + numeric + " of " + present + " values in this column are numbers)");
            }
            return FeatureType.NUMERIC;
        }
        return FeatureType.CATEGORICAL;
    }

    /** Sorted distinct present values of a categorical column; too many is an error. */
    public static List<String> vocabulary(Table table, String column) {
        int c = table.columnIndex(column);
        TreeSet<String> values = new TreeSet<>();
        for (int r = 0; r < table.rowCount(); r++) {
            String s = table.value(r, c);
            if (!Values.isMissing(s)) {
                values.add(Values.category(s));
            }
        }
        if (values.size() > MAX_CATEGORIES) {
            throw new DataException(table.source(), column, "categorical column has " + values.size()
                    + " distinct values (more than " + MAX_CATEGORIES
                    + "); it looks like an id or timestamp: leave it out with the features option");
        }
        return new ArrayList<>(values);
    }

    /** The task implied by the label values (all present; rows with a missing label are already dropped). */
    public static Task inferTask(Table table, String label) {
        int c = table.columnIndex(label);
        TreeSet<String> distinct = new TreeSet<>();
        boolean allIntegers = true;
        for (int r = 0; r < table.rowCount(); r++) {
            String s = table.value(r, c);
            Double v = Values.parseNumber(s);
            if (v == null) {
                return Task.CLASSIFICATION;
            }
            if (v != Math.rint(v)) {
                allIntegers = false;
            }
            distinct.add(Values.category(s));
        }
        return allIntegers && distinct.size() <= MAX_INTEGER_CLASSES ? Task.CLASSIFICATION : Task.REGRESSION;
    }

    /** Distinct label values in output order: numeric order when all are numbers, else text order. */
    public static List<String> classes(Table table, String label) {
        int c = table.columnIndex(label);
        TreeSet<String> distinct = new TreeSet<>();
        boolean allNumeric = true;
        for (int r = 0; r < table.rowCount(); r++) {
            String s = Values.category(table.value(r, c));
            distinct.add(s);
            allNumeric &= Values.parseNumber(s) != null;
        }
        List<String> out = new ArrayList<>(distinct);
        if (allNumeric) {
            out.sort(Comparator.comparingDouble(Values::parseNumber));
        }
        return out;
    }
}
