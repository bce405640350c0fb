package io.edgemlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A long read tells the log how far it is. */
class ReadProgressTest {

    @Test
    void linesCountRowsAndGiveTheTimeLeftWhenTheShareIsKnown() {
        List<String> lines = new ArrayList<>();
        double[] share = {0.25};
        ReadProgress known = new ReadProgress(lines::add, () -> share[0], 0);
        for (int i = 0; i < 16_384; i++) {
            known.row();
        }
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).matches("reading: 16,384 rows in \\d+ s \\([\\d,]+ rows/s\\), 25 % done, about \\d+ s left"),
                lines.get(0));

        ReadProgress unknown = new ReadProgress(lines::add, () -> Double.NaN, 0);
        for (int i = 0; i < 16_384; i++) {
            unknown.row();
        }
        assertTrue(lines.get(1).matches("reading: 16,384 rows in \\d+ s \\([\\d,]+ rows/s\\)"), lines.get(1));
    }
}
