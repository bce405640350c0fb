package io.edgemlops.data;

/**
 * Bad input data, with the place it was found: the source (file name), the 1-based data row
 * (the first row after the header is row 1) with its line in the file, and the column.
 * The message always carries all known parts so a user can jump straight to the problem.
 */
public class DataException extends RuntimeException {

    private final String source;
    private final int row;
    private final String column;

    /**
     * @param source file or stream name
     * @param row 1-based data row, or 0 when the problem is not about one row
     * @param line 1-based line in the source where the row starts, or 0 if unknown
     * @param column column name, or null when the problem is not about one column
     * @param problem what is wrong, phrased for the user
     */
    public DataException(String source, int row, int line, String column, String problem) {
        super(format(source, row, line, column, problem));
        this.source = source;
        this.row = row;
        this.column = column;
    }

    /** A problem with the whole dataset or a whole column. */
    public DataException(String source, String column, String problem) {
        this(source, 0, 0, column, problem);
    }

    private static String format(String source, int row, int line, String column, String problem) {
        StringBuilder sb = new StringBuilder(source == null ? "<data>" : source);
        if (row > 0) {
            sb.append(": row ").append(row);
            if (line > 0) {
                sb.append(" (line ").append(line).append(')');
            }
        }
        if (column != null) {
            sb.append(row > 0 ? ", column '" : ": column '").append(column).append('\'');
        }
        return sb.append(": ").append(problem).toString();
    }

    public String source() {
        return source;
    }

    /** 1-based data row, 0 when not about one row. */
    public int row() {
        return row;
    }

    /** Column name, or null. */
    public String column() {
        return column;
    }
}
