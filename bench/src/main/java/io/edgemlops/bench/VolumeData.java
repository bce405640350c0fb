package io.edgemlops.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Seeded generator of large training CSVs for {@code bench/volume-bench.sh}: N rows of 16 sensor-like numeric
 * features {@code f01..f16} and the label {@value #LABEL} ({@code normal}, {@code warning}, {@code fault}).
 *
 * <pre>
 * VolumeData generate --rows 10000000 --seed 1 --out /tmp/vol-10000000-1.csv.gz
 * </pre>
 *
 * <p>Rows are streamed: memory does not grow with N. An output name ending {@code .csv.gz} is gzip-compressed
 * (deflate level 1: the file exists to be read back, and level 1 keeps the generator far ahead of any reader).
 *
 * <p>Each row has a shared latent "load" that correlates the features, per-feature noise, and a value of
 * {@code mean + sd * z} written with a fixed number of decimals per feature (4 to 6 significant digits). The label
 * comes from a fixed linear rule over the standardised features (the same rule for every seed) plus Gaussian noise
 * of 0.2 of the rule's standard deviation, cut into about 55 % normal, 30 % warning and 15 % fault: the best
 * possible classifier scores about 0.90, so a small MLP has something to learn and cannot reach 1.0.
 *
 * <p>Same seed and rows give the same CSV bytes: the random numbers come from {@link SplittableRandom} and the
 * Gaussians from the polar method with {@link StrictMath}; no {@code String.format}. A gzip file is the same bytes
 * for the same JDK (zlib) version.
 */
public final class VolumeData {

    public static final String LABEL = "state";
    static final String[] CLASSES = {"normal", "warning", "fault"};
    static final int FEATURES = 16;

    // Per feature: typical value, spread, decimals written. Vibration (mm/s), kurtosis, crest factor, spectral
    // bands (g), high-frequency energy, temperatures (°C), pressures (bar), flow (m³/h), motor current (A).
    private static final double[] MEAN = {2.5, 2.2, 1.8, 7.5, 3.2, 3.4, 0.85, 0.42, 0.15, 12.5, 55, 68, 1.8, 6.4,
        240, 31};
    private static final double[] SD = {0.6, 0.5, 0.4, 1.8, 0.5, 0.4, 0.2, 0.1, 0.04, 3, 6, 7, 0.25, 0.6, 35, 4};
    private static final int[] DECIMALS = {4, 4, 4, 3, 4, 4, 5, 5, 5, 3, 2, 2, 4, 4, 2, 3};
    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000};

    /** Noise on the rule's score, in units of the score's standard deviation. */
    static final double LABEL_NOISE = 0.2;
    /** Standard normal quantiles 0.55 and 0.85: the class boundaries of the noisy score. */
    private static final double CUT_WARNING = 0.12566;
    private static final double CUT_FAULT = 1.03643;

    /** How strongly each feature follows the shared load (correlation of its z with the load). */
    private static final double[] LOADING = new double[FEATURES];
    private static final double[] OWN = new double[FEATURES];
    /** The rule's weights on the features' z, scaled so that the score has standard deviation 1. */
    private static final double[] WEIGHT = new double[FEATURES];
    private static final double CUT1;
    private static final double CUT2;

    static {
        Random rule = new Random(0x0F1E1D); // fixed: the rule is the same whatever the data's seed
        for (int i = 0; i < FEATURES; i++) {
            LOADING[i] = 0.2 + 0.5 * rule.nextDouble();
            OWN[i] = Math.sqrt(1 - LOADING[i] * LOADING[i]);
            WEIGHT[i] = (rule.nextBoolean() ? 1 : -1) * (0.2 + rule.nextDouble());
        }
        // var(w.z) with cov(z_i, z_j) = loading_i * loading_j off the diagonal and 1 on it.
        double shared = 0;
        double own = 0;
        for (int i = 0; i < FEATURES; i++) {
            shared += WEIGHT[i] * LOADING[i];
            own += WEIGHT[i] * WEIGHT[i] * OWN[i] * OWN[i];
        }
        double sd = Math.sqrt(shared * shared + own);
        for (int i = 0; i < FEATURES; i++) {
            WEIGHT[i] /= sd;
        }
        double total = Math.sqrt(1 + LABEL_NOISE * LABEL_NOISE);
        CUT1 = CUT_WARNING * total;
        CUT2 = CUT_FAULT * total;
    }

    private VolumeData() {
    }

    public static void main(String[] args) throws IOException {
        BenchArgs a = BenchArgs.parse(args);
        if (!a.command().equals("generate")) {
            throw new IllegalArgumentException("unknown command '" + a.command() + "'; use: VolumeData generate "
                    + "--rows N --seed S --out FILE(.csv|.csv.gz)");
        }
        long rows = Long.parseLong(a.options().getOrDefault("rows", "1000000"));
        Path out = Path.of(a.require("out"));
        long start = System.nanoTime();
        long bytes = write(out, rows, a.seed());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf(java.util.Locale.ROOT, "wrote %d rows (%d bytes) to %s in %.1f s: %.0f rows/s%n",
                rows, bytes, out, seconds, rows / seconds);
    }

    /** Writes the CSV (gzip when the name ends {@code .gz}); returns the file's size in bytes. */
    static long write(Path file, long rows, long seed) throws IOException {
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = gzip ? new FastGzip(raw) : new BufferedOutputStream(raw, 1 << 16)) {
            write(out, rows, seed);
        }
        return Files.size(file);
    }

    /** Streams the header and {@code rows} rows to {@code out} (not closed). */
    static void write(OutputStream out, long rows, long seed) throws IOException {
        Rows gen = new Rows(seed);
        StringBuilder header = new StringBuilder();
        for (int i = 1; i <= FEATURES; i++) {
            header.append(i < 10 ? "f0" : "f").append(i).append(',');
        }
        header.append(LABEL).append('\n');
        out.write(header.toString().getBytes(StandardCharsets.US_ASCII));
        byte[] buf = new byte[1 << 16];
        int n = 0;
        for (long r = 0; r < rows; r++) {
            if (n > buf.length - 512) {
                out.write(buf, 0, n);
                n = 0;
            }
            n = gen.next(buf, n);
        }
        out.write(buf, 0, n);
        out.flush();
    }

    /** The row source: one call writes one CSV line into a byte buffer. */
    static final class Rows {
        private static final byte[][] CLASS_BYTES = {bytes(CLASSES[0]), bytes(CLASSES[1]), bytes(CLASSES[2])};
        private final SplittableRandom random;
        private final double[] z = new double[FEATURES];
        private double spare;
        private boolean hasSpare;
        private final byte[] digits = new byte[20];

        Rows(long seed) {
            random = new SplittableRandom(seed);
        }

        /** Fills the next row's standardised features and returns its class. */
        int nextZ(double[] into) {
            double load = gaussian();
            double score = 0;
            for (int i = 0; i < FEATURES; i++) {
                into[i] = LOADING[i] * load + OWN[i] * gaussian();
                score += WEIGHT[i] * into[i];
            }
            score += LABEL_NOISE * gaussian();
            return score < CUT1 ? 0 : score < CUT2 ? 1 : 2;
        }

        /** Writes the next row at {@code pos} in {@code buf}; returns the position after its newline. */
        int next(byte[] buf, int pos) {
            int cls = nextZ(z);
            for (int i = 0; i < FEATURES; i++) {
                // The value as written, in units of its last decimal: the label's rule sees z before rounding.
                long scaled = Math.round((MEAN[i] + SD[i] * z[i]) * POW10[DECIMALS[i]]);
                pos = decimal(buf, pos, scaled, DECIMALS[i]);
                buf[pos++] = ',';
            }
            byte[] label = CLASS_BYTES[cls];
            System.arraycopy(label, 0, buf, pos, label.length);
            pos += label.length;
            buf[pos++] = '\n';
            return pos;
        }

        /** {@code value / 10^decimals} with exactly {@code decimals} digits after the point. */
        private int decimal(byte[] buf, int pos, long value, int decimals) {
            if (value < 0) {
                buf[pos++] = '-';
                value = -value;
            }
            int n = 0;
            do {
                digits[n++] = (byte) ('0' + value % 10);
                value /= 10;
            } while (value != 0 || n <= decimals);
            while (n > 0) {
                if (n == decimals) {
                    buf[pos++] = '.';
                }
                buf[pos++] = digits[--n];
            }
            return pos;
        }

        /** Standard normal by Marsaglia's polar method (StrictMath: the same values on every JVM). */
        private double gaussian() {
            if (hasSpare) {
                hasSpare = false;
                return spare;
            }
            double u;
            double v;
            double s;
            do {
                u = 2 * random.nextDouble() - 1;
                v = 2 * random.nextDouble() - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            double m = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
            spare = v * m;
            hasSpare = true;
            return u * m;
        }

        private static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** gzip at deflate level 1 with a 64 KiB buffer. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
