package io.edgemlops.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SensorDataGeneratorTest {

    @Test
    void sameSeedSameRows(@TempDir Path dir) {
        Path file = dir.resolve("pump.csv");
        new SensorDataGenerator(11).writeCsv(file, 300);
        Table read = CsvReader.read(file);
        assertEquals(300, read.rowCount());
        assertEquals(17, read.columnNames().size());
        assertArrayEquals(new SensorDataGenerator(11).generate(300).toCsv(), read.toCsv());
        assertTrue(read.column("state").containsAll(SensorDataGenerator.CLASSES));
    }

    @Test
    void shiftMovesAFeatureByStandardDeviations() {
        double std = SensorDataGenerator.nominalStd().get("temp_motor");
        double base = mean(new SensorDataGenerator(4).generate(4000), "temp_motor");
        double shifted = mean(new SensorDataGenerator(4).withShift(Map.of("temp_motor", 2.0)).generate(4000),
                "temp_motor");
        assertEquals(2.0 * std, shifted - base, 0.01 * std);
        double other = mean(new SensorDataGenerator(4).withShift(Map.of("temp_motor", 2.0)).generate(4000),
                "flow_rate");
        assertEquals(mean(new SensorDataGenerator(4).generate(4000), "flow_rate"), other, 1e-9);
        assertThrows(IllegalArgumentException.class, () -> new SensorDataGenerator(1).withShift(Map.of("x", 1.0)));
    }

    private static double mean(Table t, String column) {
        return t.column(column).stream().mapToDouble(Double::parseDouble).average().orElseThrow();
    }
}
