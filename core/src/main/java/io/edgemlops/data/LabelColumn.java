package io.edgemlops.data;

import io.edgemlops.data.FeatureSchema.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The label of every row of a scan, kept as what the task will need before the task is known: a code
 * per distinct label text (for classes) and the number (for a regression target), with what
 * {@link SchemaInference}'s task rule looks at (any text value, all integers, how many distinct).
 */
final class LabelColumn {

    /** Distinct label values kept; above it the label can only be a regression target. */
    static final int MAX_VALUES = 10_000;

    private final Map<String, Integer> codeOf = new HashMap<>();
    private final List<String> texts = new ArrayList<>();
    private final GrowingInts codes = new GrowingInts();
    /** The label as a number per row, until a label is not a number (then it cannot be a regression target). */
    private GrowingDoubles numbers = new GrowingDoubles();
    private boolean overflow;
    private boolean allNumeric = true;
    private boolean allIntegers = true;

    /** Adds a row's label (present); returns false when it is not a number. */
    boolean add(String label) {
        Double number = Values.parseNumber(label);
        if (number == null) {
            allNumeric = false;
            allIntegers = false;
            numbers = null;
        } else {
            allIntegers &= number == Math.rint(number);
            if (numbers != null) {
                numbers.add(number);
            }
        }
        codes.add(code(Values.category(label)));
        return number != null;
    }

    private int code(String text) {
        Integer code = codeOf.get(text);
        if (code == null) {
            if (codeOf.size() >= MAX_VALUES) {
                overflow = true;
                return -1;
            }
            code = codeOf.size();
            codeOf.put(text, code);
            texts.add(text);
        }
        return code;
    }

    /**
     * The task: {@code given}, or classification when a label is text or all are integers with at most
     * {@value SchemaInference#MAX_INTEGER_CLASSES} values, else regression.
     *
     * @throws DataException when classification would need more than {@value #MAX_VALUES} classes
     */
    Task task(Task given, String source, String label) {
        Task task = given != null ? given
                : !allNumeric || (allIntegers && !overflow && codeOf.size() <= SchemaInference.MAX_INTEGER_CLASSES)
                ? Task.CLASSIFICATION : Task.REGRESSION;
        if (task == Task.CLASSIFICATION && overflow) {
            throw new DataException(source, label, "label has more than " + MAX_VALUES
                    + " distinct values, too many classes for classification; use task regression if it is a "
                    + "measurement");
        }
        return task;
    }

    /** The distinct label texts, by code. */
    List<String> texts() {
        return List.copyOf(texts);
    }

    /** The code of each row's label. */
    int[] codes() {
        return codes.toArray();
    }

    /** Each row's label as a number; only when every label is one. */
    double[] numbers() {
        return numbers.toArray();
    }
}
