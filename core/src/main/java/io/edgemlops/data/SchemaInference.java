package io.edgemlops.data;

/**
 * How column types, the task and the classes are decided from the data: the rules and their limits,
 * which {@link DatasetScan} and {@link CompactPreparer} apply.
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
}
