package io.edgemlops.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.util.Arrays;
import java.util.Random;

/**
 * Runs training epochs: a seeded shuffle, then forward, loss gradient, backward and an Adam step
 * per batch.
 *
 * <p>Rows reach the engine a chunk at a time: about {@value #CHUNK_ROWS} shuffled rows are encoded
 * and standardised into a reused Java buffer ({@link TrainingRows#fill}), copied into the engine in
 * one call, and split there into batch views. So memory holds one chunk, whatever the data size
 * (the whole training split as one engine array, plus its shuffled copy every epoch, took three
 * times the data's size), and a chunk is a whole number of batches, so the batches are the ones a
 * single shuffled array would give.
 *
 * <p>Every DJL call on a small batch costs a native crossing and a Java wrapper, so a step makes
 * as few as it can. The forward pass calls the native linear and relu ops on views of the
 * network's values ({@link MlpWeights#forward}), without the block tree and parameter store walk,
 * and the optimizer updates all values in one call. For classification the backward pass starts
 * at the logits, from the softmax cross-entropy's gradient computed directly
 * ({@link #crossEntropyGradient}: three ops, no graph), instead of recording log-softmax, gather
 * and mean and differentiating back through them; the batch losses and correct predictions are
 * computed once per chunk from the logits kept. For regression the L2 loss is recorded and
 * differentiated. The backward call is the PyTorch engine's own ({@code JniUtils.backward}, what
 * DJL's gradient collector calls). Each step's other arrays live in a sub-manager closed right
 * after the step.
 */
final class EpochRunner implements AutoCloseable {

    /** Rows per chunk handed to the engine (rounded to whole batches). */
    static final int CHUNK_ROWS = 4096;

    /** What one epoch did. */
    record Epoch(double meanLoss, Double accuracy, double seconds) {
    }

    private final Trainer trainer;
    private final Loss loss;
    private final AdamOptimizer optimizer;
    private final boolean classification;
    private final NDManager manager;
    private final MlpWeights weights;
    private final TrainingRows rows;
    private final NDArray backwardSeed;
    private final int batch;
    private final int chunkRows;
    private final int[] order;
    private final float[] x;
    private final long[] labels;
    private final float[] oneHot;
    private final float[] targets;
    private final Random shuffle;

    /**
     * @param trainer the gradient collector and the manager of the epoch's arrays
     * @param weights the network's values, which {@code optimizer} updates
     */
    EpochRunner(Trainer trainer, Loss loss, MlpWeights weights, AdamOptimizer optimizer, TrainingRows rows,
                int batchSize, long seed) {
        this.trainer = trainer;
        this.loss = loss;
        this.weights = weights;
        this.optimizer = optimizer;
        this.classification = rows.classification();
        this.rows = rows;
        this.manager = trainer.getManager().newSubManager();
        this.backwardSeed = classification ? null : manager.create(1f);
        this.batch = Math.min(batchSize, rows.count());
        this.chunkRows = batch * Math.max(1, CHUNK_ROWS / batch);
        int buffered = Math.min(chunkRows, rows.count());
        this.x = new float[buffered * rows.width()];
        this.labels = classification ? new long[buffered] : null;
        this.oneHot = classification ? new float[buffered * rows.outputs()] : null;
        this.targets = classification ? null : new float[buffered];
        order = new int[rows.count()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        shuffle = new Random(seed);
    }

    /** Told after each chunk of an epoch: rows done, rows in the epoch, seconds since it began. */
    @FunctionalInterface
    interface Progress {
        Progress NONE = (done, rows, seconds) -> { };

        void chunkDone(long rowsDone, long rows, double seconds);
    }

    /** One pass over the rows in a new seeded order. */
    Epoch run() {
        return run(Progress.NONE);
    }

    /** One pass over the rows in a new seeded order, telling {@code progress} after each chunk. */
    Epoch run(Progress progress) {
        shuffle();
        long start = System.nanoTime();
        double lossSum = 0;
        long correct = 0;
        int batches = 0;
        try (NDManager epoch = manager.newSubManager()) {
            for (int from = 0; from < order.length; from += chunkRows) {
                int count = Math.min(chunkRows, order.length - from);
                try (NDManager chunk = epoch.newSubManager()) {
                    Chunk c = chunk(chunk, from, count);
                    lossSum += c.lossSum;
                    correct += c.correct;
                    batches += c.batches;
                }
                progress.chunkDone(from + count, order.length, (System.nanoTime() - start) / 1e9);
            }
        }
        double meanLoss = lossSum / batches;
        Double accuracy = classification ? (double) correct / order.length : null;
        return new Epoch(meanLoss, accuracy, (System.nanoTime() - start) / 1e9);
    }

    private record Chunk(double lossSum, long correct, int batches) {
    }

    private Chunk chunk(NDManager chunk, int from, int count) {
        rows.fill(order, from, count, x, labels, targets);
        int width = rows.width();
        NDArray features = chunk.create(count == x.length / width ? x : Arrays.copyOf(x, count * width),
                new Shape(count, width));
        int batches = (count + batch - 1) / batch;
        long[] starts = new long[batches - 1];
        for (int i = 1; i < batches; i++) {
            starts[i - 1] = (long) i * batch;
        }
        NDList xs = features.split(starts);
        return classification
                ? classificationSteps(chunk, count, batches, xs, starts)
                : regressionSteps(chunk, count, batches, xs, starts);
    }

    private Chunk classificationSteps(NDManager chunk, int count, int batches, NDList xs, long[] starts) {
        int classes = rows.outputs();
        Arrays.fill(oneHot, 0f);
        for (int i = 0; i < count; i++) {
            oneHot[i * classes + (int) labels[i]] = 1f / rowsInBatch(i / batch, count);
        }
        NDList truth = chunk.create(count * classes == oneHot.length ? oneHot : Arrays.copyOf(oneHot,
                count * classes), new Shape(count, classes)).split(starts);
        NDList logits = new NDList(batches);
        for (int b = 0; b < batches; b++) {
            try (NDManager step = chunk.newSubManager()) {
                NDArray in = xs.get(b);
                NDArray expected = truth.get(b);
                in.attach(step);
                expected.attach(step);
                NDArray out;
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    out = weights.forward(in);
                }
                // Outside the collector: the gradient's own ops record no graph.
                NDArray gradient = crossEntropyGradient(out, expected, rowsInBatch(b, count));
                JniUtils.backward((PtNDArray) out, (PtNDArray) gradient, false, false);
                optimizer.step();
                out.attach(chunk);
                logits.add(out);
            }
        }
        // The logits each batch had before its update: the batch losses and predictions, once per chunk.
        NDArray all = NDArrays.concat(logits);
        NDArray answers = chunk.create(count == labels.length ? labels : Arrays.copyOf(labels, count),
                new Shape(count, 1));
        float[] logProbability = all.logSoftmax(1).gather(answers, 1).toFloatArray();
        double lossSum = 0;
        for (int b = 0; b < batches; b++) {
            int first = b * batch;
            int size = rowsInBatch(b, count);
            double sum = 0;
            for (int i = first; i < first + size; i++) {
                sum -= logProbability[i];
            }
            lossSum += sum / size;
        }
        long correct = all.argMax(1).eq(answers.reshape(count)).sum().getLong();
        return new Chunk(lossSum, correct, batches);
    }

    private Chunk regressionSteps(NDManager chunk, int count, int batches, NDList xs, long[] starts) {
        NDList ys = chunk.create(count == targets.length ? targets : Arrays.copyOf(targets, count),
                new Shape(count, 1)).split(starts);
        NDList losses = new NDList(batches);
        for (int b = 0; b < batches; b++) {
            try (NDManager step = chunk.newSubManager()) {
                NDArray in = xs.get(b);
                NDArray expected = ys.get(b);
                in.attach(step);
                expected.attach(step);
                NDArray l;
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    l = loss.evaluate(new NDList(expected), new NDList(weights.forward(in)));
                    JniUtils.backward((PtNDArray) l, (PtNDArray) backwardSeed, false, false);
                }
                optimizer.step();
                l.attach(chunk);
                losses.add(l);
            }
        }
        // Outside the gradient collector: no graph is recorded for this.
        return new Chunk(NDArrays.stack(losses).sum().getFloat(), 0, batches);
    }

    /** Rows in batch {@code b} of a chunk of {@code count} rows: the last batch may be short. */
    private int rowsInBatch(int b, int count) {
        return Math.min(batch, count - b * batch);
    }

    /**
     * The gradient of the mean softmax cross-entropy over a batch with respect to its logits:
     * (softmax − one-hot) / rows, computed directly rather than by differentiating log-softmax,
     * gather and mean, which gives the same values up to float rounding with fewer native ops.
     *
     * @param logits {@code rows x classes}
     * @param oneHotOverRows {@code 1 / rows} at each row's true class, 0 elsewhere
     * @param rows the batch's rows
     */
    static NDArray crossEntropyGradient(NDArray logits, NDArray oneHotOverRows, int rows) {
        return logits.softmax(1).divi(rows).subi(oneHotOverRows);
    }

    private void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
