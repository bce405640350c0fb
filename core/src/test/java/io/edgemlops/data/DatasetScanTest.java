package io.edgemlops.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.data.FeatureSchema.FeatureType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming scan: a seeded, stratified split whose holdout sample reads back as its inputs, and errors that
 * name the part, row and column.
 */
class DatasetScanTest {

    private static final DataOptions OPTIONS = new DataOptions("state", null, null, 0.2, 7);

    /** Sensor-like rows with gaps, a categorical column and a missing label now and then. */
    static String csv(int rows, long seed) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder("temp,vib,site,state\n");
        for (int i = 0; i < rows; i++) {
            double temp = 20 + random.nextGaussian() * 3;
            sb.append(random.nextInt(50) == 0 ? "" : String.format(java.util.Locale.ROOT, "%.3f", temp)).append(',')
                    .append(String.format(java.util.Locale.ROOT, "%.4f", random.nextDouble())).append(',')
                    .append(random.nextInt(40) == 0 ? "NA" : "site" + random.nextInt(4)).append(',')
                    .append(random.nextInt(60) == 0 ? "" : temp > 21 ? "hot" : random.nextBoolean() ? "ok" : "cold")
                    .append('\n');
        }
        return sb.toString();
    }

    static DatasetScan.Scanned scan(DataOptions options, String... parts) {
        DatasetScan scan = new DatasetScan(options, null);
        for (int i = 0; i < parts.length; i++) {
            scan.readCsv("part-" + (i + 1) + ".csv", new ByteArrayInputStream(parts[i].getBytes(StandardCharsets.UTF_8)));
        }
        return scan.finish();
    }

    @Test
    void theSplitIsSeededStratifiedAndItsHoldoutSampleReadsBackAsItsInputs() {
        String text = csv(3000, 1);
        CompactDataset d = CompactPreparer.prepare(scan(OPTIONS, text), OPTIONS);
        CompactDataset again = CompactPreparer.prepare(scan(OPTIONS, text), OPTIONS);
        DataOptions otherSeed = new DataOptions("state", null, null, 0.2, 8);
        CompactDataset other = CompactPreparer.prepare(scan(otherSeed, text), otherSeed);

        assertArrayEquals(d.trainRows(), again.trainRows());
        assertArrayEquals(d.holdoutRows(), again.holdoutRows());
        assertFalse(Arrays.equals(d.trainRows(), other.trainRows()), "another seed, another split");
        assertEquals(d.schema(), again.schema());
        assertEquals(d.fillValues(), again.fillValues());

        RowCounts counts = d.counts();
        assertEquals(3000, counts.read());
        assertEquals(counts.read() - counts.dropped(), counts.used());
        assertTrue(counts.dropped() > 0 && counts.imputed() > 0, counts.toString());
        assertEquals(counts.used(), d.values().rows());
        assertEquals(counts.train(), d.trainRows().length);
        assertEquals(counts.holdout(), d.holdoutRows().length);
        // Every used row is in exactly one split, each split ascending.
        int[] both = new int[d.values().rows()];
        for (int[] rows : new int[][] {d.trainRows(), d.holdoutRows()}) {
            for (int i = 0; i < rows.length; i++) {
                assertTrue(i == 0 || rows[i] > rows[i - 1]);
                both[rows[i]]++;
            }
        }
        assertTrue(Arrays.stream(both).allMatch(n -> n == 1));
        // Stratified: each class's holdout share is the validation split, to within a row.
        int classes = d.schema().classes().size();
        long[] all = new long[classes];
        long[] held = new long[classes];
        for (int r = 0; r < d.values().rows(); r++) {
            all[d.classes()[r]]++;
        }
        for (int r : d.holdoutRows()) {
            held[d.classes()[r]]++;
        }
        for (int k = 0; k < classes; k++) {
            assertEquals(all[k] * 0.2, held[k], 1.0, "class " + d.schema().classes().get(k));
        }

        // The stored holdout sample, read back as a registered holdout is, gives the inputs and labels trained on.
        byte[] sample = d.holdoutCsv(CompactDataset.HOLDOUT_SAMPLE_ROWS, 7);
        Table read = CsvReader.read(new ByteArrayInputStream(sample), "holdout.csv");
        int[] holdout = d.holdoutRows();
        assertEquals(holdout.length, read.rowCount());
        float[][] reread = new FeatureEncoder(d.schema(), d.fillValues()).encode(read).rows();
        int[] rereadClasses = new FeatureEncoder(d.schema(), d.fillValues()).classIndices(read);
        CompactDataset.RowEncoder encoder = d.encoder();
        for (int i = 0; i < holdout.length; i++) {
            float[] x = new float[encoder.width()];
            encoder.encode(holdout[i], x, 0);
            assertArrayEquals(x, reread[i], "holdout row " + i);
            assertEquals(d.classes()[holdout[i]], rereadClasses[i], "holdout row " + i);
        }
        assertArrayEquals(encoder.encode(holdout, 0, holdout.length), flatten(reread));
    }

    private static float[] flatten(float[][] rows) {
        float[] out = new float[rows.length * (rows.length == 0 ? 0 : rows[0].length)];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * rows[i].length, rows[i].length);
        }
        return out;
    }

    @Test
    void partsReadInOrderAreOneDataset() {
        String all = csv(2400, 2);
        String[] lines = all.split("\n");
        List<String> parts = new ArrayList<>();
        for (int from = 1; from < lines.length; from += 300) {
            StringBuilder sb = new StringBuilder(lines[0]).append('\n');
            for (int i = from; i < Math.min(from + 300, lines.length); i++) {
                sb.append(lines[i]).append('\n');
            }
            parts.add(sb.toString());
        }
        CompactDataset whole = CompactPreparer.prepare(scan(OPTIONS, all), OPTIONS);
        CompactDataset split = CompactPreparer.prepare(scan(OPTIONS, parts.toArray(new String[0])), OPTIONS);
        assertArrayEquals(whole.trainRows(), split.trainRows());
        assertArrayEquals(whole.holdoutCsv(100, 1), split.holdoutCsv(100, 1));
    }

    @Test
    void aTextValueAfterTheTypeSampleNamesItsPartRowAndLine() {
        int rows = DatasetScan.SAMPLE_ROWS + 500;
        StringBuilder sb = new StringBuilder("temp,state\n");
        for (int i = 1; i <= rows; i++) {
            sb.append(i == DatasetScan.SAMPLE_ROWS + 20 ? "hot" : Integer.toString(i % 40)).append(',')
                    .append(i % 2 == 0 ? "ok" : "fault").append('\n');
        }
        DataException e = assertThrows(DataException.class,
                () -> scan(new DataOptions("state", null, null, 0.2, 1), "a,state\n1,ok\n".replace("a,", "temp,"),
                        sb.toString()));
        assertEquals("part-2.csv: row 10020 (line 10021), column 'temp': 'hot' is not a number (the column is numeric: "
                + "its values in the first 10000 rows are numbers)", e.getMessage());
    }

    @Test
    void aPartWithOtherColumnsIsNamed() {
        DataException e = assertThrows(DataException.class,
                () -> scan(OPTIONS, csv(20, 1), "temp,site,vib,state\n1,a,2,ok\n"));
        assertTrue(e.getMessage().startsWith("part-2.csv: its header [temp, site, vib, state] differs from the first "
                + "part's (part-1.csv): [temp, vib, site, state]"), e.getMessage());
    }

    @Test
    void anIdColumnFailsAsSoonAsItHasTooManyValues() {
        StringBuilder sb = new StringBuilder("device,temp,state\n");
        for (int i = 0; i < 2000; i++) {
            sb.append("dev-").append(i).append(',').append(i % 30).append(',').append(i % 2 == 0 ? "ok" : "bad")
                    .append('\n');
        }
        DataException e = assertThrows(DataException.class, () -> scan(OPTIONS, sb.toString()));
        assertEquals("part-1.csv: row 401 (line 402), column 'device': categorical column has more than 400 distinct "
                + "values; it looks like an id or timestamp: leave it out with the features option", e.getMessage());
    }

    @Test
    void valuesAreHeldAsFloat32AndCategoriesAsCodes() {
        DatasetScan.Scanned s = scan(OPTIONS, "temp,vib,site,state\n21.5,,north,ok\n19,0.25,south,\n18,0.5,north,bad\n");
        assertEquals(3, s.read());
        assertEquals(1, s.dropped());
        assertEquals(List.of(FeatureType.NUMERIC, FeatureType.NUMERIC, FeatureType.CATEGORICAL), s.types());
        assertEquals(2, s.values().rows());
        assertEquals(21.5f, s.values().get(0, 0));
        assertTrue(Float.isNaN(s.values().get(0, 1)));
        assertEquals(List.of("north"), s.dictionaries().get(2));
        assertEquals(0f, s.values().get(1, 2));
    }
}
