package io.edgemlops.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a whole CSV file with a header row into a {@link Table} (see {@link CsvRecords} for the
 * format). For small files: a registered holdout, a test fixture. Training reads datasets of any
 * size with {@link DatasetScan} instead, which holds the rows compactly.
 */
public final class CsvReader {

    private CsvReader() {
    }

    /** Reads a file; its file name is used in error messages. */
    public static Table read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.getFileName().toString());
        } catch (IOException e) {
            throw new DataException(file.toString(), null, "cannot read: " + e.getMessage());
        }
    }

    /** Reads a stream (not closed); {@code sourceName} names it in error messages. */
    public static Table read(InputStream in, String sourceName) {
        CsvRecords records = new CsvRecords(in, sourceName);
        List<String> header = records.header();
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (String[] record = records.next(); record != null; record = records.next()) {
            rows.add(record);
            lines.add(records.line());
        }
        String[][] cells = new String[header.size()][rows.size()];
        int[] lineArray = new int[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int c = 0; c < row.length; c++) {
                cells[c][r] = row[c];
            }
            lineArray[r] = lines.get(r);
        }
        return new Table(sourceName, header, cells, lineArray);
    }
}
