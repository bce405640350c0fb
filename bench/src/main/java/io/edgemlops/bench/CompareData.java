package io.edgemlops.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Small classification data sets for {@code bench/sklearn-compare.sh}, generated from a fixed seed
 * so every run and both sides (ours, scikit-learn) see the same rows. Every file has a
 * {@value #ROW_ID} column (not a feature) so the two sides can exchange the holdout split by id.
 */
final class CompareData {

    static final String ROW_ID = "row_id";
    static final String LABEL = "class";

    /** A generated set: name and how to make it. */
    record Spec(String name, int rows, int features, int classes, double separation, long seed) {
    }

    /** Gaussian blobs: 3 well separated classes, 10 overlapping classes, and a wine-like set. */
    static final List<Spec> SPECS = List.of(
            new Spec("blobs3", 300, 6, 3, 1.0, 11),
            new Spec("blobs10", 500, 8, 10, 1.6, 12),
            new Spec("winelike", 178, 13, 3, 1.1, 13));

    private CompareData() {
    }

    /**
     * Rows of Gaussian blobs: class centres drawn at {@code separation} standard deviations per
     * coordinate, unit noise, a shared latent factor that correlates the features, and feature
     * scales from 0.01 to 1000 so that unscaled inputs would train badly.
     */
    static List<String[]> generate(Spec spec) {
        Random random = new Random(spec.seed());
        double[][] centres = new double[spec.classes()][spec.features()];
        for (double[] c : centres) {
            for (int j = 0; j < c.length; j++) {
                c[j] = random.nextGaussian() * spec.separation();
            }
        }
        double[] scale = new double[spec.features()];
        double[] offset = new double[spec.features()];
        double[] loading = new double[spec.features()];
        for (int j = 0; j < scale.length; j++) {
            scale[j] = Math.pow(10, (j % 6) - 2);
            offset[j] = random.nextInt(5) * scale[j] * 10;
            loading[j] = random.nextGaussian() * 0.7;
        }
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < spec.rows(); i++) {
            // Unequal class sizes, as real data has: class c is drawn with weight (c % 3) + 2.
            int c = weightedClass(random, spec.classes());
            double latent = random.nextGaussian();
            String[] row = new String[spec.features() + 2];
            row[0] = Integer.toString(i);
            for (int j = 0; j < spec.features(); j++) {
                double v = centres[c][j] + latent * loading[j] + random.nextGaussian();
                row[j + 1] = String.format(Locale.ROOT, "%.5g", offset[j] + v * scale[j]);
            }
            row[spec.features() + 1] = "c" + c;
            rows.add(row);
        }
        return rows;
    }

    private static int weightedClass(Random random, int classes) {
        int total = 0;
        for (int c = 0; c < classes; c++) {
            total += (c % 3) + 2;
        }
        int pick = random.nextInt(total);
        for (int c = 0; c < classes; c++) {
            pick -= (c % 3) + 2;
            if (pick < 0) {
                return c;
            }
        }
        return classes - 1;
    }

    static List<String> header(Spec spec) {
        List<String> h = new ArrayList<>();
        h.add(ROW_ID);
        for (int j = 0; j < spec.features(); j++) {
            h.add("f" + (j + 1));
        }
        h.add(LABEL);
        return h;
    }

    /** Writes a generated set as CSV. */
    static void write(Spec spec, Path file) {
        StringBuilder sb = new StringBuilder(String.join(",", header(spec))).append('\n');
        for (String[] row : generate(spec)) {
            sb.append(String.join(",", row)).append('\n');
        }
        writeString(file, sb.toString());
    }

    /** Copies a CSV, adding a {@value #ROW_ID} column in front. */
    static void withRowIds(Path source, Path target) {
        try {
            List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
            StringBuilder sb = new StringBuilder(ROW_ID).append(',').append(lines.get(0)).append('\n');
            for (int i = 1; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    sb.append(i - 1).append(',').append(lines.get(i)).append('\n');
                }
            }
            writeString(target, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
