package io.edgemlops.data;

import io.edgemlops.data.FeatureSchema.FeatureType;
import io.edgemlops.data.FeatureSchema.Task;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One streaming pass over a dataset's rows, part after part, into a compact form: a float32 per
 * feature value ({@link FloatRows}), a code and a number per label. Nothing else of a row is kept,
 * so memory grows by 4 bytes per feature value and 12 per row, whatever the text looked like.
 *
 * <p><b>Column types</b> follow {@link SchemaInference}'s rules, decided on the first
 * {@value #SAMPLE_ROWS} rows with a label and confirmed on every row after them: a column found
 * numeric there must stay numeric, and the first value that is not a number is an error naming
 * its part, row, line and column. A column found categorical is coded through a dictionary; more
 * than {@value #MAX_DICTIONARY} distinct values fail at once (the split later allows at most
 * {@value SchemaInference#MAX_CATEGORIES} in the training rows) instead of filling memory with an id
 * or timestamp column. Datasets smaller than the sample are typed on all their rows, as before.
 *
 * <p>Every part must have the first part's header. Rows with a missing label are counted and
 * dropped. Errors are {@link DataException}s naming the part, its 1-based data row and line.
 */
public final class DatasetScan {

    /** Rows (with a label) the column types are decided on. */
    public static final int SAMPLE_ROWS = 10_000;
    /** Distinct values a categorical column may have over the whole dataset. */
    static final int MAX_DICTIONARY = 4 * SchemaInference.MAX_CATEGORIES;
    /** What the pass kept. Feature values are numbers, or dictionary codes of categorical columns. */
    public record Scanned(String source, List<String> features, List<FeatureType> types,
                          List<List<String>> dictionaries, FloatRows values,
                          Task task, List<String> labelValues, int[] labelCodes, double[] labelNumbers,
                          long read, long dropped) {
    }

    private final DataOptions options;
    private final ReadProgress progress;
    private List<String> header;
    private String firstPart;
    private int labelColumn;
    private int[] featureColumns;
    private List<String> featureNames;
    private FeatureType[] types;
    private boolean[] undecided;
    private List<Map<String, Integer>> dictionaries;
    private List<List<String>> dictionaryTexts;
    private final List<Sampled> sample = new ArrayList<>();
    private FloatRows values;
    private float[] row;
    private final LabelColumn labels = new LabelColumn();
    private long read;
    private long dropped;
    private long[] present;

    /** A buffered row of the type sample, with where it came from. */
    private record Sampled(String[] fields, String part, long row, int line) {
    }

    /**
     * @param options label, features, given types
     * @param progress told of every row, or null
     */
    public DatasetScan(DataOptions options, ReadProgress progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Reads one CSV part (decompressed); parts must come in their dataset order. */
    public void readCsv(String partName, InputStream in) {
        CsvRecords records = new CsvRecords(in, partName);
        header(partName, records.header());
        for (String[] fields = records.next(); fields != null; fields = records.next()) {
            accept(fields, partName, records.row(), records.line());
        }
    }

    /** Reads the rows of a table already in memory (a small dataset, tests). */
    public void readTable(Table table) {
        header(table.source(), table.columnNames());
        String[] fields = new String[table.columnNames().size()];
        for (int r = 0; r < table.rowCount(); r++) {
            for (int c = 0; c < fields.length; c++) {
                fields[c] = table.value(r, c);
            }
            accept(fields.clone(), table.source(), r + 1, table.line(r));
        }
    }

    private void header(String part, List<String> columns) {
        if (header == null) {
            header = columns;
            firstPart = part;
            resolveColumns(part);
            return;
        }
        if (!header.equals(columns)) {
            throw new DataException(part, null, "its header " + columns + " differs from the first part's ("
                    + firstPart + "): " + header + "; every part must have the same columns in the same order");
        }
    }

    private void resolveColumns(String source) {
        String label = options.label();
        labelColumn = header.indexOf(label);
        if (labelColumn < 0) {
            throw new DataException(source, label, "label column not found; columns are " + header);
        }
        List<String> names = new ArrayList<>();
        if (options.features().isEmpty()) {
            for (String c : header) {
                if (!c.equals(label)) {
                    names.add(c);
                }
            }
        } else {
            for (String f : options.features()) {
                if (!header.contains(f)) {
                    throw new DataException(source, f, "requested feature column not found; columns are " + header);
                }
                if (f.equals(label)) {
                    throw new DataException(source, f, "the label column cannot also be a feature");
                }
                names.add(f);
            }
        }
        if (names.isEmpty()) {
            throw new DataException(source, null, "no feature columns besides the label '" + label + "'");
        }
        for (String typed : options.types().keySet()) {
            if (!names.contains(typed)) {
                throw new DataException(source, typed, "a type was given for column '" + typed
                        + "', which is not one of the features " + names);
            }
        }
        featureNames = List.copyOf(names);
        featureColumns = names.stream().mapToInt(header::indexOf).toArray();
        present = new long[names.size()];
        row = new float[names.size()];
    }

    private void accept(String[] fields, String part, long rowNumber, int line) {
        read++;
        if (progress != null) {
            progress.row();
        }
        if (Values.isMissing(fields[labelColumn])) {
            dropped++;
            return;
        }
        if (types == null) {
            sample.add(new Sampled(fields, part, rowNumber, line));
            if (sample.size() >= SAMPLE_ROWS) {
                decideTypes();
            }
            return;
        }
        store(fields, part, rowNumber, line);
    }

    /** Types from the sample, then the sample's rows are stored like every later row. */
    private void decideTypes() {
        int n = featureNames.size();
        types = new FeatureType[n];
        undecided = new boolean[n];
        dictionaries = new ArrayList<>();
        dictionaryTexts = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            types[f] = typeOnSample(f);
            dictionaries.add(new HashMap<>());
            dictionaryTexts.add(new ArrayList<>());
        }
        values = new FloatRows(n);
        for (Sampled s : sample) {
            store(s.fields(), s.part(), s.row(), s.line());
        }
        sample.clear();
    }

    private FeatureType typeOnSample(int f) {
        String name = featureNames.get(f);
        FeatureType given = options.types().get(name);
        long presentValues = 0;
        long numeric = 0;
        Sampled firstBad = null;
        for (Sampled s : sample) {
            String v = s.fields()[featureColumns[f]];
            if (Values.isMissing(v)) {
                continue;
            }
            presentValues++;
            if (Values.parseNumber(v) != null) {
                numeric++;
            } else if (firstBad == null) {
                firstBad = s;
            }
        }
        if (given != null) {
            return given;
        }
        if (presentValues == 0) {
            // Nothing to go by yet: read as numbers; a later text value says what to do.
            undecided[f] = true;
            return FeatureType.NUMERIC;
        }
        if (numeric * 100 >= presentValues * SchemaInference.NUMERIC_SHARE_PERCENT) {
            if (firstBad != null) {
                throw new DataException(firstBad.part(), rowInt(firstBad.row()), firstBad.line(), name, "'"
                        + firstBad.fields()[featureColumns[f]] + "' is not a number (" + numeric + " of "
                        + presentValues + " values in this column are numbers"
                        + (sample.size() >= SAMPLE_ROWS ? " in the first " + SAMPLE_ROWS + " rows" : "") + ")");
            }
            return FeatureType.NUMERIC;
        }
        return FeatureType.CATEGORICAL;
    }

    private void store(String[] fields, String part, long rowNumber, int line) {
        for (int f = 0; f < row.length; f++) {
            String v = fields[featureColumns[f]];
            if (Values.isMissing(v)) {
                row[f] = Float.NaN;
                continue;
            }
            present[f]++;
            if (types[f] == FeatureType.NUMERIC) {
                Double d = Values.parseNumber(v);
                if (d == null) {
                    throw notANumber(f, v, part, rowNumber, line);
                }
                row[f] = d.floatValue();
            } else {
                row[f] = code(f, Values.category(v), part, rowNumber, line);
            }
        }
        values.add(row);
        String label = fields[labelColumn];
        if (!labels.add(label) && options.task() == Task.REGRESSION) {
            throw new DataException(part, rowInt(rowNumber), line, options.label(), "label '" + label
                    + "' is not a number (the task is regression)");
        }
    }

    private DataException notANumber(int f, String v, String part, long rowNumber, int line) {
        String name = featureNames.get(f);
        String why = options.types().get(name) == FeatureType.NUMERIC
                ? "the column is numeric"
                : undecided[f]
                ? "the column had no values in the first " + SAMPLE_ROWS + " rows and is read as numeric; give its "
                        + "type with categorical: ['" + name + "'] if it holds categories"
                : "the column is numeric: its values in the first " + SAMPLE_ROWS + " rows are numbers";
        return new DataException(part, rowInt(rowNumber), line, name, "'" + v + "' is not a number (" + why + ")");
    }

    private float code(int f, String category, String part, long rowNumber, int line) {
        Map<String, Integer> dictionary = dictionaries.get(f);
        Integer code = dictionary.get(category);
        if (code == null) {
            if (dictionary.size() >= MAX_DICTIONARY) {
                throw new DataException(part, rowInt(rowNumber), line, featureNames.get(f), "categorical column has "
                        + "more than " + MAX_DICTIONARY + " distinct values; it looks like an id or timestamp: leave it "
                        + "out with the features option");
            }
            code = dictionary.size();
            dictionary.put(category, code);
            dictionaryTexts.get(f).add(category);
        }
        return code;
    }

    /**
     * Ends the pass: decides the types if the dataset was smaller than the sample, checks every
     * feature had a value, and settles the task (given, or inferred as {@link SchemaInference} does).
     */
    public Scanned finish() {
        if (header == null) {
            throw new DataException(null, null, "the dataset has no parts");
        }
        if (types == null) {
            decideTypes();
        }
        String source = firstPart;
        long used = read - dropped;
        if (used == 0) {
            throw new DataException(source, options.label(), "no rows with a label (" + read + " rows read)");
        }
        for (int f = 0; f < present.length; f++) {
            if (present[f] == 0) {
                throw new DataException(source, featureNames.get(f), "has no values: all " + used
                        + " rows are empty or NaN");
            }
        }
        Task task = labels.task(options.task(), source, options.label());
        List<List<String>> dictionaryCopies = new ArrayList<>();
        for (List<String> d : dictionaryTexts) {
            dictionaryCopies.add(List.copyOf(d));
        }
        return new Scanned(source, featureNames, List.of(types), dictionaryCopies, values,
                task, labels.texts(), task == Task.CLASSIFICATION ? labels.codes() : null,
                task == Task.REGRESSION ? labels.numbers() : null, read, dropped);
    }

    private static int rowInt(long row) {
        return (int) Math.min(row, Integer.MAX_VALUE);
    }
}
