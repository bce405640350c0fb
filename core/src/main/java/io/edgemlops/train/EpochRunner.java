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
 * Runs training epochs: a seeded shuffle, then forward, loss, backward and an Adam step per batch.
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
 * and the optimizer updates all values in one call.
 * For classification the softmax cross-entropy is log-softmax, a gather of each row's true class
 * and a mean, and the backward pass starts from -1 instead of negating: the same values and
 * gradients as DJL's {@code SoftmaxCrossEntropyLoss} (log-softmax, reshape, gather, neg, mean,
 * then backward from a new array of ones) with three native ops instead of six. The seeded backward
 * call is the PyTorch engine's own ({@code JniUtils.backward}, what DJL's gradient collector calls
 * with its array of ones). Per batch only the mean loss (its graph already freed by the backward
 * pass) and the predicted classes are kept; they are summed and compared with the labels once per
 * chunk. Each step's other arrays live in a sub-manager closed right after the step.
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
        // d(loss)/d(mean log-probability of the true class): the loss is its negation.
        this.backwardSeed = manager.create(classification ? -1f : 1f);
        this.batch = Math.min(batchSize, rows.count());
        this.chunkRows = batch * Math.max(1, CHUNK_ROWS / batch);
        int buffered = Math.min(chunkRows, rows.count());
        this.x = new float[buffered * rows.width()];
        this.labels = classification ? new long[buffered] : null;
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
        double meanLoss = (classification ? -lossSum : lossSum) / batches;
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
        NDArray answers = classification
                ? chunk.create(count == labels.length ? labels : Arrays.copyOf(labels, count), new Shape(count, 1))
                : chunk.create(count == targets.length ? targets : Arrays.copyOf(targets, count), new Shape(count, 1));
        int batches = (count + batch - 1) / batch;
        long[] starts = new long[batches - 1];
        for (int i = 1; i < batches; i++) {
            starts[i - 1] = (long) i * batch;
        }
        NDList xs = features.split(starts);
        NDList ys = answers.split(starts);
        NDList losses = new NDList(batches);
        NDList predictions = new NDList(classification ? batches : 0);
        for (int b = 0; b < batches; b++) {
            try (NDManager step = chunk.newSubManager()) {
                NDArray in = xs.get(b);
                NDArray expected = ys.get(b);
                in.attach(step);
                expected.attach(step);
                NDArray out;
                NDArray l;
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    out = weights.forward(in);
                    l = classification
                            ? meanTrueClassLogProbability(out, expected)
                            : loss.evaluate(new NDList(expected), new NDList(out));
                    JniUtils.backward((PtNDArray) l, (PtNDArray) backwardSeed, false, false);
                }
                optimizer.step();
                l.attach(chunk);
                losses.add(l);
                if (classification) {
                    NDArray predicted = out.argMax(1);
                    predicted.attach(chunk);
                    predictions.add(predicted);
                }
            }
        }
        // Outside the gradient collector: no graph is recorded for these.
        double lossSum = NDArrays.stack(losses).sum().getFloat();
        long correct = 0;
        if (classification) {
            correct = NDArrays.concat(predictions).eq(answers.reshape(count)).sum().getLong();
        }
        return new Chunk(lossSum, correct, batches);
    }

    /**
     * The mean log-probability of each row's true class: softmax cross-entropy, negated. The
     * gradient of the cross-entropy is this array's backward pass from -1.
     *
     * @param logits {@code rows x classes}
     * @param labelColumn class per row, int64, {@code rows x 1}
     */
    static NDArray meanTrueClassLogProbability(NDArray logits, NDArray labelColumn) {
        return logits.logSoftmax(1).gather(labelColumn, 1).mean();
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
