package io.edgemlops.bench;

import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * A large pool of generated pump rows, parsed once, that {@link GateHonestyBench} draws device inputs from: formatting
 * and parsing fresh rows for every inference of every simulated rollout would cost minutes, binning numbers costs
 * microseconds. Rows come from {@link SensorDataGenerator} in chunks with seeds of their own (never a baseline's
 * seed); a shifted input is a pool value plus {@code shift · nominal std}, which is what
 * {@link SensorDataGenerator#withShift} does to the same random draws ({@link #checkShiftMatchesGenerator}).
 *
 * <p>Draws are with replacement. The pool is shared by every rollout, so its own sampling noise is a bias common to
 * all of them; at 100,000 rows it is about {@code (bins - 1) / 100,000 ≈ 1e-4} in PSI, against about
 * {@code (bins - 1) / 500 ≈ 0.02} for the noise of a 500-row baseline.
 */
final class RowPool {

    static final List<String> FEATURES = SensorDataGenerator.FEATURES;
    private static final int CHUNK = 25_000;

    /** values[feature][row], as the generator wrote them (4 decimals). */
    final double[][] values;
    /** Class index of each row: what a perfect model would predict. */
    final byte[] labels;
    final int size;

    private RowPool(double[][] values, byte[] labels) {
        this.values = values;
        this.labels = labels;
        this.size = labels.length;
    }

    /** {@code rows} rows generated with seeds {@code seed, seed + 1, ...}, one per chunk of 25,000, in parallel. */
    static RowPool generate(int rows, long seed, ExecutorService executor) throws Exception {
        double[][] values = new double[FEATURES.size()][rows];
        byte[] labels = new byte[rows];
        List<Future<?>> chunks = new ArrayList<>();
        for (int from = 0, k = 0; from < rows; from += CHUNK, k++) {
            int first = from;
            long chunkSeed = seed + k;
            chunks.add(executor.submit(() -> fill(values, labels, first, Math.min(CHUNK, rows - first), chunkSeed)));
        }
        for (Future<?> f : chunks) {
            f.get();
        }
        return new RowPool(values, labels);
    }

    private static void fill(double[][] values, byte[] labels, int first, int n, long seed) {
        Table t = new SensorDataGenerator(seed).generate(n);
        int labelColumn = t.columnIndex(SensorDataGenerator.LABEL);
        for (int f = 0; f < FEATURES.size(); f++) {
            int c = t.columnIndex(FEATURES.get(f));
            for (int r = 0; r < n; r++) {
                values[f][first + r] = Double.parseDouble(t.value(r, c));
            }
        }
        for (int r = 0; r < n; r++) {
            labels[first + r] = (byte) SensorDataGenerator.CLASSES.indexOf(t.value(r, labelColumn));
        }
    }

    /** Shift of each feature in its own units: {@code sigmas · nominal std}, as {@link SensorDataGenerator#withShift}. */
    static double[] shiftInUnits(Map<String, Double> shiftInStd) {
        Map<String, Double> std = SensorDataGenerator.nominalStd();
        double[] out = new double[FEATURES.size()];
        Double all = shiftInStd.get("*");
        for (int f = 0; f < out.length; f++) {
            Double s = shiftInStd.getOrDefault(FEATURES.get(f), all);
            out[f] = s == null ? 0 : s * std.get(FEATURES.get(f));
        }
        return out;
    }

    /**
     * The pool's shift is the generator's: the rows of {@code withShift(shift)} are the unshifted rows plus
     * {@link #shiftInUnits}, up to the generator's rounding to 4 decimals. Returns the largest difference seen.
     *
     * @throws IllegalStateException when a value differs by more than the rounding
     */
    static double checkShiftMatchesGenerator(Map<String, Double> shift, long seed, int rows) {
        Table plain = new SensorDataGenerator(seed).generate(rows);
        Table shifted = new SensorDataGenerator(seed).withShift(shift).generate(rows);
        double[] delta = shiftInUnits(shift);
        double worst = 0;
        for (int f = 0; f < FEATURES.size(); f++) {
            int c = plain.columnIndex(FEATURES.get(f));
            for (int r = 0; r < rows; r++) {
                double mine = Double.parseDouble(plain.value(r, c)) + delta[f];
                double theirs = Double.parseDouble(shifted.value(r, c));
                worst = Math.max(worst, Math.abs(mine - theirs));
            }
        }
        if (worst > 1.0001e-4) {
            throw new IllegalStateException("the pool's shift differs from SensorDataGenerator.withShift(" + shift
                    + ") by " + worst);
        }
        return worst;
    }
}
