package io.edgemlops.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Light checks only: the volume bench itself runs from bench/volume-bench.sh, not in the build. */
class VolumeDataTest {

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() throws IOException {
        assertArrayEquals(csv(2_000, 7), csv(2_000, 7));
        assertFalse(java.util.Arrays.equals(csv(2_000, 7), csv(2_000, 8)));
    }

    @Test
    void headerRowsAndValues() throws IOException {
        String[] lines = new String(csv(20_000, 1), StandardCharsets.US_ASCII).split("\n");
        assertEquals("f01,f02,f03,f04,f05,f06,f07,f08,f09,f10,f11,f12,f13,f14,f15,f16,state", lines[0]);
        assertEquals(20_001, lines.length);
        int[] counts = new int[3];
        double[] sum = new double[16];
        for (int r = 1; r < lines.length; r++) {
            String[] cells = lines[r].split(",");
            assertEquals(17, cells.length, lines[r]);
            for (int i = 0; i < 16; i++) {
                sum[i] += Double.parseDouble(cells[i]);
            }
            counts[java.util.List.of(VolumeData.CLASSES).indexOf(cells[16])]++;
        }
        // About 55 / 30 / 15 %.
        assertEquals(0.55, counts[0] / 20_000.0, 0.02);
        assertEquals(0.30, counts[1] / 20_000.0, 0.02);
        assertEquals(0.15, counts[2] / 20_000.0, 0.02);
        assertEquals(55, sum[10] / 20_000, 0.5); // f11, a temperature around 55
        assertTrue(lines[1].matches("(-?\\d+\\.\\d+,){16}(normal|warning|fault)"), lines[1]);
    }

    @Test
    void gzipHoldsTheSameCsv(@TempDir Path dir) throws IOException {
        Path plain = dir.resolve("v.csv");
        Path gz = dir.resolve("v.csv.gz");
        VolumeData.write(plain, 5_000, 3);
        long size = VolumeData.write(gz, 5_000, 3);
        assertEquals(Files.size(gz), size);
        assertTrue(size < Files.size(plain) / 2);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            assertArrayEquals(Files.readAllBytes(plain), in.readAllBytes());
        }
    }

    private static byte[] csv(int rows, long seed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VolumeData.write(out, rows, seed);
        return out.toByteArray();
    }
}
