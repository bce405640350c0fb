package io.edgemlops.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.util.Random;

/**
 * Runs training epochs: a seeded shuffle, then forward, loss, backward and an Adam step per batch.
 *
 * <p>The training rows are copied into the engine once. Each epoch then costs one native gather
 * (the shuffled copy) and one native split into batch views, instead of building every batch in
 * Java and copying it over. Loss and correct predictions are summed in the engine and read once
 * per epoch; each batch's intermediate arrays live in a sub-manager closed right after the step.
 */
final class EpochRunner implements AutoCloseable {

    /** What one epoch did. */
    record Epoch(double meanLoss, Double accuracy, double seconds) {
    }

    private final Trainer trainer;
    private final Loss loss;
    private final AdamOptimizer optimizer;
    private final boolean classification;
    private final NDManager manager;
    private final NDArray x;
    private final NDArray y;
    private final int rows;
    private final long[] batchStarts;
    private final long[] order;
    private final Random shuffle;

    /**
     * @param x standardised features, row-major, {@code rows x width}
     * @param classes class per row (classification), or null
     * @param targets network-scale target per row (regression), or null
     */
    EpochRunner(Trainer trainer, Loss loss, AdamOptimizer optimizer, float[] x, int rows, int width, int[] classes,
                float[] targets, int batchSize, long seed) {
        this.trainer = trainer;
        this.loss = loss;
        this.optimizer = optimizer;
        this.classification = classes != null;
        this.rows = rows;
        this.manager = trainer.getManager().newSubManager();
        this.x = manager.create(x, new Shape(rows, width));
        if (classification) {
            long[] labels = new long[rows];
            for (int i = 0; i < rows; i++) {
                labels[i] = classes[i];
            }
            this.y = manager.create(labels, new Shape(rows));
        } else {
            this.y = manager.create(targets, new Shape(rows, 1));
        }
        int batch = Math.min(batchSize, rows);
        int batches = EpochBudget.stepsPerEpoch(rows, batch);
        batchStarts = new long[batches - 1];
        for (int i = 1; i < batches; i++) {
            batchStarts[i - 1] = (long) i * batch;
        }
        order = new long[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        shuffle = new Random(seed);
    }

    /** One pass over the rows in a new seeded order. */
    Epoch run() {
        shuffle();
        long start = System.nanoTime();
        try (NDManager epoch = manager.newSubManager()) {
            NDArray index = epoch.create(order);
            NDArray shuffledX = x.get(index);
            NDArray shuffledY = y.get(index);
            // Results belong to their first operand's manager: move them into this epoch's.
            shuffledX.attach(epoch);
            shuffledY.attach(epoch);
            NDList xs = shuffledX.split(batchStarts);
            NDList ys = shuffledY.split(batchStarts);
            NDArray lossSum = epoch.zeros(new Shape(), DataType.FLOAT32);
            NDArray correct = epoch.zeros(new Shape(), DataType.INT64);
            for (int b = 0; b < xs.size(); b++) {
                try (NDManager step = epoch.newSubManager()) {
                    NDArray features = xs.get(b);
                    NDArray labels = ys.get(b);
                    features.attach(step);
                    labels.attach(step);
                    NDArray out;
                    NDArray l;
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        out = trainer.forward(new NDList(features)).singletonOrThrow();
                        l = loss.evaluate(new NDList(labels), new NDList(out));
                        gc.backward(l);
                    }
                    optimizer.step();
                    lossSum.addi(l.stopGradient());
                    if (classification) {
                        correct.addi(out.argMax(1).eq(labels).sum());
                    }
                }
            }
            double meanLoss = lossSum.getFloat() / xs.size();
            Double accuracy = classification ? (double) correct.getLong() / rows : null;
            return new Epoch(meanLoss, accuracy, (System.nanoTime() - start) / 1e9);
        }
    }

    private void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            long t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
