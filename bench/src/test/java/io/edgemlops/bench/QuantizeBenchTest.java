package io.edgemlops.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgemlops.data.CompactDataset;
import io.edgemlops.data.CsvReader;
import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.data.Table;
import io.edgemlops.train.ModelTrainer;
import io.edgemlops.train.TrainingOptions;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Light checks only: the benchmark itself runs from bench/quantize-bench.sh, not in the build. */
class QuantizeBenchTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, QuantizeBench.median(new double[] {3, 1, 2}));
        assertEquals(2.5, QuantizeBench.median(new double[] {4, 1, 3, 2}));
    }

    @Test
    void calibrationSampleIsSeededAndCapped() {
        int[] rows = new int[10];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = 100 + i;
        }
        int[] a = QuantizeBench.sample(rows, 4, 1);
        assertEquals(4, a.length);
        assertArrayEquals(a, QuantizeBench.sample(rows, 4, 1));
        assertEquals(10, QuantizeBench.sample(rows, 500, 1).length);
    }

    @Test
    void splitCsvsAreWrittenAsTheHoldoutSampleIs() {
        CompactDataset data = ModelTrainer.prepare(new SensorDataGenerator(4).generate(400),
                TrainingOptions.of(SensorDataGenerator.LABEL).withSeed(3).dataOptions());
        assertArrayEquals(data.holdoutCsv(Integer.MAX_VALUE, 3), QuantizeBench.rowsCsv(data, data.holdoutRows()));
        Table train = CsvReader.read(new ByteArrayInputStream(QuantizeBench.rowsCsv(data, data.trainRows())),
                "train.csv");
        assertEquals(data.trainRows().length, train.rowCount());
        List<String> header = new ArrayList<>(SensorDataGenerator.FEATURES);
        header.add(SensorDataGenerator.LABEL);
        assertEquals(header, train.columnNames(), "the features, then the label");
        float[][] x = QuantizeBench.inputs(data, data.trainRows());
        for (int r = 0; r < train.rowCount(); r++) {
            for (int f = 0; f < SensorDataGenerator.FEATURES.size(); f++) {
                // quantize_bench.py reads every feature cell as a number.
                assertEquals(x[r][f], Float.parseFloat(train.value(r, f)), "row " + r + ", feature " + f);
            }
            assertEquals(data.schema().classes().get(data.classes()[data.trainRows()[r]]),
                    train.value(r, SensorDataGenerator.LABEL));
        }
    }

    @Test
    void accuracyAndAgreementCountMatches() {
        assertEquals(0.75, QuantizeBench.accuracy(new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 0}));
        assertEquals(1.0, QuantizeBench.agreement(new int[] {1, 1}, new int[] {1, 1}));
    }
}
