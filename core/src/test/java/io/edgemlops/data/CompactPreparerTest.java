package io.edgemlops.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.data.FeatureSchema.FeatureType;
import io.edgemlops.data.FeatureSchema.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad inputs give errors naming the file, row and column; good inputs are split and encoded as documented. Tables
 * go through {@link DatasetScan#readTable} and {@link CompactPreparer}, as {@code ModelTrainer.prepare} takes them.
 */
class CompactPreparerTest {

    @TempDir
    Path dir;

    Table file(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return CsvReader.read(p);
    }

    /** The scan and preparation {@code ModelTrainer.prepare} runs on a table. */
    static CompactDataset prepare(Table table, DataOptions options) {
        DatasetScan scan = new DatasetScan(options, null);
        scan.readTable(table);
        return CompactPreparer.prepare(scan.finish(), options);
    }

    /** Row {@code row}'s model inputs. */
    static float[] inputs(CompactDataset d, int row) {
        CompactDataset.RowEncoder encoder = d.encoder();
        float[] x = new float[encoder.width()];
        encoder.encode(row, x, 0);
        return x;
    }

    static DataOptions options(String label) {
        return new DataOptions(label, null, null, 0.25, 1);
    }

    static String rows(int n) {
        StringBuilder sb = new StringBuilder("temp,site,state\n");
        for (int i = 0; i < n; i++) {
            sb.append(20 + i % 7).append(',').append(i % 3 == 0 ? "north" : "south").append(',')
                    .append(i % 2 == 0 ? "ok" : "fault").append('\n');
        }
        return sb.toString();
    }

    @Test
    void missingLabelColumn() throws Exception {
        Table t = file("pump.csv", rows(8));
        DataException e = assertThrows(DataException.class, () -> prepare(t, options("status")));
        assertEquals("pump.csv: column 'status': label column not found; columns are [temp, site, state]",
                e.getMessage());
    }

    @Test
    void requestedFeatureAbsent() throws Exception {
        Table t = file("pump.csv", rows(8));
        DataOptions o = new DataOptions("state", List.of("temp", "pressure"), null, 0.25, 1);
        DataException e = assertThrows(DataException.class, () -> prepare(t, o));
        assertTrue(e.getMessage().startsWith("pump.csv: column 'pressure': requested feature column not found"),
                e.getMessage());
    }

    @Test
    void nonNumericValueInMostlyNumericColumn() throws Exception {
        String csv = rows(20).replaceFirst("\n23,", "\n2x3,"); // data row 4 is on line 5
        Table t = file("pump.csv", csv);
        DataException e = assertThrows(DataException.class, () -> prepare(t, options("state")));
        assertEquals("pump.csv: row 4 (line 5), column 'temp': '2x3' is not a number (19 of 20 values in this "
                + "column are numbers)", e.getMessage());
        assertEquals(4, e.row());
        assertEquals("temp", e.column());
    }

    @Test
    void nonNumericValueWhenTheSchemaSaysNumeric() throws Exception {
        Table t = file("new.csv", "temp,site,state\n21,north,ok\nwarm,south,fault\n");
        FeatureSchema schema = new FeatureSchema(List.of(FeatureSchema.Feature.numeric("temp")), "state",
                Task.CLASSIFICATION, List.of("fault", "ok"));
        DataException e = assertThrows(DataException.class, () -> new FeatureEncoder(schema, Map.of()).encode(t));
        assertEquals("new.csv: row 2 (line 3), column 'temp': 'warm' is not a number (the column is numeric)",
                e.getMessage());
    }

    @Test
    void allEmptyColumn() throws Exception {
        StringBuilder sb = new StringBuilder("temp,vib,state\n");
        for (int i = 0; i < 8; i++) {
            sb.append(i).append(i % 2 == 0 ? ",," : ",NaN,").append(i % 2 == 0 ? "ok" : "fault").append('\n');
        }
        Table t = file("pump.csv", sb.toString());
        DataException e = assertThrows(DataException.class, () -> prepare(t, options("state")));
        assertEquals("pump.csv: column 'vib': has no values: all 8 rows are empty or NaN", e.getMessage());
    }

    @Test
    void tooFewRowsForTheSplit() throws Exception {
        Table t = file("tiny.csv", "temp,state\n1,ok\n2,\n");
        DataException e = assertThrows(DataException.class,
                () -> prepare(t, new DataOptions("state", null, Task.CLASSIFICATION, 0.25, 1)));
        assertTrue(e.getMessage().startsWith("tiny.csv: "), e.getMessage());
        assertTrue(e.getMessage().contains("label has a single class 'ok'")
                || e.getMessage().contains("too few"), e.getMessage());
        Table two = file("two.csv", "temp,state\n1,ok\n2,bad\n");
        DataException e2 = assertThrows(DataException.class, () -> prepare(two, options("state")));
        assertTrue(e2.getMessage().startsWith("two.csv: column 'state': class 'bad' has only 1 row; every class needs "
                + "at least 2"), e2.getMessage());
        Table three = file("three.csv", "temp,state\n1,ok\n2,ok\n3,cavitation\n4,ok\n5,ok\n6,ok\n");
        DataException e3 = assertThrows(DataException.class, () -> prepare(three, options("state")));
        assertTrue(e3.getMessage().contains("class 'cavitation' has only 1 row"), e3.getMessage());
    }

    @Test
    void singleClassLabel() throws Exception {
        Table t = file("pump.csv", "temp,state\n1,ok\n2,ok\n3,ok\n4,\n");
        DataException e = assertThrows(DataException.class, () -> prepare(t, options("state")));
        assertEquals("pump.csv: column 'state': label has a single class 'ok' in all 3 rows; classification needs "
                + "at least two classes", e.getMessage());
    }

    @Test
    void missingLabelsAreDroppedAndMissingNumbersGetTheTrainingMean() throws Exception {
        StringBuilder sb = new StringBuilder("temp,site,state\n");
        for (int i = 0; i < 40; i++) {
            String temp = i % 10 == 3 ? "" : Integer.toString(i);
            String label = i % 10 == 5 ? "" : (i % 2 == 0 ? "ok" : "fault");
            sb.append(temp).append(',').append(i % 3 == 0 ? "north" : "south").append(',').append(label).append('\n');
        }
        Table t = file("gaps.csv", sb.toString());
        CompactDataset d = prepare(t, options("state"));
        assertEquals(40, d.counts().read());
        assertEquals(4, d.counts().dropped());
        assertEquals(36, d.counts().used());
        assertEquals(36, d.counts().train() + d.counts().holdout());
        assertEquals(4, d.counts().imputed());
        assertEquals(Map.of("temp", 4L), d.counts().imputedByFeature());
        // The used rows are the rows with a label, in file order; the mean is over the training ones only.
        List<String> usedTemps = new java.util.ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            if (!t.value(r, "state").isEmpty()) {
                usedTemps.add(t.value(r, "temp"));
            }
        }
        double mean = d.fillValues().get("temp");
        double expected = java.util.Arrays.stream(d.trainRows()).mapToObj(usedTemps::get).filter(s -> !s.isEmpty())
                .mapToDouble(Double::parseDouble).average().orElseThrow();
        assertEquals(expected, mean, 1e-12);
        int filled = 0;
        for (int[] split : new int[][] {d.trainRows(), d.holdoutRows()}) {
            for (int r : split) {
                if (usedTemps.get(r).isEmpty()) {
                    assertEquals((float) mean, inputs(d, r)[0], "row " + r + ": both splits get the training mean");
                    filled++;
                } else {
                    assertEquals(Float.parseFloat(usedTemps.get(r)), inputs(d, r)[0], "row " + r);
                }
            }
        }
        assertEquals(4, filled);
        assertEquals(FeatureType.CATEGORICAL, d.schema().feature("site").type());
        assertEquals(List.of("temp", "site=north", "site=south"), d.schema().inputColumns());
    }

    @Test
    void unknownCategoryEncodesAsAllZeros() throws Exception {
        FeatureSchema schema = new FeatureSchema(List.of(FeatureSchema.Feature.categorical("site",
                List.of("north", "south"))), "state", Task.CLASSIFICATION, List.of("fault", "ok"));
        Table t = file("new.csv", "site,state\nsouth,ok\neast,ok\n,ok\n");
        float[][] x = new FeatureEncoder(schema, Map.of()).encode(t).rows();
        assertArrayEquals(new float[] {0, 1}, x[0]);
        assertArrayEquals(new float[] {0, 0}, x[1]);
        assertArrayEquals(new float[] {0, 0}, x[2]);
    }

    @Test
    void aCategoryOnlyInTheHoldoutAndAMissingOneEncodeAsAllZeros() throws Exception {
        // One 'east' row: find a seed that puts it in the holdout, so it is not in the training vocabulary.
        StringBuilder sb = new StringBuilder("temp,site,state\n");
        for (int i = 0; i < 40; i++) {
            String site = i == 17 ? "east" : i == 18 ? "" : i % 2 == 0 ? "north" : "south";
            sb.append(i).append(',').append(site).append(',').append(i % 2 == 0 ? "ok" : "fault").append('\n');
        }
        Table t = file("sites.csv", sb.toString());
        for (long seed = 1; seed < 100; seed++) {
            CompactDataset d = prepare(t, new DataOptions("state", null, null, 0.25, seed));
            if (java.util.Arrays.binarySearch(d.holdoutRows(), 17) < 0) {
                continue;
            }
            assertEquals(List.of("north", "south"), d.schema().feature("site").categories(), "seed " + seed);
            assertArrayEquals(new float[] {17, 0, 0}, inputs(d, 17));
            assertArrayEquals(new float[] {18, 0, 0}, inputs(d, 18));
            assertArrayEquals(new float[] {16, 1, 0}, inputs(d, 16));
            assertArrayEquals(new float[] {15, 0, 1}, inputs(d, 15));
            return;
        }
        throw new AssertionError("no seed below 100 put row 17 in the holdout");
    }

    @Test
    void taskIsInferredAndCanBeForced() throws Exception {
        StringBuilder ints = new StringBuilder("x,y\n");
        StringBuilder reals = new StringBuilder("x,y\n");
        for (int i = 0; i < 30; i++) {
            ints.append(i).append(',').append(i % 3).append('\n');
            reals.append(i).append(',').append(i * 0.37).append('\n');
        }
        CompactDataset c = prepare(file("ints.csv", ints.toString()), options("y"));
        assertEquals(Task.CLASSIFICATION, c.schema().task());
        assertEquals(List.of("0", "1", "2"), c.schema().classes());
        assertEquals(Task.REGRESSION, prepare(file("reals.csv", reals.toString()), options("y"))
                .schema().task());
        CompactDataset forced = prepare(file("ints2.csv", ints.toString()),
                new DataOptions("y", null, Task.REGRESSION, 0.25, 1));
        assertEquals(Task.REGRESSION, forced.schema().task());
    }

    @Test
    void splitIsStratifiedAndSeeded() {
        Table t = new SensorDataGenerator(3).generate(1000);
        DataOptions o = new DataOptions("state", null, null, 0.2, 9);
        CompactDataset a = prepare(t, o);
        CompactDataset b = prepare(t, o);
        assertArrayEquals(a.trainRows(), b.trainRows());
        assertArrayEquals(a.holdoutRows(), b.holdoutRows());
        assertArrayEquals(a.holdoutCsv(Integer.MAX_VALUE, 9), b.holdoutCsv(Integer.MAX_VALUE, 9));
        assertEquals(1000, a.trainRows().length + a.holdoutRows().length);
        long[] all = new long[3];
        long[] hold = new long[3];
        for (int r : a.trainRows()) {
            all[a.classes()[r]]++;
        }
        for (int r : a.holdoutRows()) {
            all[a.classes()[r]]++;
            hold[a.classes()[r]]++;
        }
        for (int k = 0; k < 3; k++) {
            assertEquals(Math.round(all[k] * 0.2), hold[k], "class " + k);
        }
        CompactDataset other = prepare(t, new DataOptions("state", null, null, 0.2, 10));
        assertTrue(!java.util.Arrays.equals(a.holdoutRows(), other.holdoutRows()));
        assertTrue(!java.util.Arrays.equals(a.holdoutCsv(Integer.MAX_VALUE, 9),
                other.holdoutCsv(Integer.MAX_VALUE, 9)));
    }

    @Test
    void badOptionsNameTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DataOptions("state", null, null, 1.5, 1));
        assertTrue(e.getMessage().startsWith("validationSplit:"), e.getMessage());
    }

    @Test
    void givenTypesOverrideInference() throws Exception {
        StringBuilder csv = new StringBuilder("zone,temp,state\n");
        for (int i = 0; i < 40; i++) {
            csv.append(1 + i % 3).append(',').append(20 + i).append(',').append(i % 2 == 0 ? "ok" : "hot").append('\n');
        }
        Table t = file("zones.csv", csv.toString());
        Map<String, FeatureType> types = Map.of("zone", FeatureType.CATEGORICAL);

        CompactDataset given = prepare(t, new DataOptions("state", null, null, 0.25, 1, types));

        assertEquals(FeatureType.CATEGORICAL, given.schema().feature("zone").type());
        assertEquals(List.of("1", "2", "3"), given.schema().feature("zone").categories());
        assertEquals(FeatureType.NUMERIC, given.schema().feature("temp").type());
        assertEquals(4, given.schema().inputWidth());

        Table text = file("text.csv", csv.toString().replace("\n25,", "\nwarm,").replace(",25,", ",warm,"));
        DataException notNumber = assertThrows(DataException.class, () -> prepare(text,
                new DataOptions("state", null, null, 0.25, 1, Map.of("temp", FeatureType.NUMERIC))));
        assertTrue(notNumber.getMessage().contains("column 'temp'") && notNumber.getMessage().contains("'warm'"),
                notNumber.getMessage());

        DataException unknown = assertThrows(DataException.class, () -> prepare(t,
                new DataOptions("state", null, null, 0.25, 1, Map.of("site", FeatureType.CATEGORICAL))));
        assertTrue(unknown.getMessage().contains("'site'"), unknown.getMessage());
    }
}
