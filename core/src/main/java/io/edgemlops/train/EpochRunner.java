package io.edgemlops.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.util.Random;

/**
 * Runs training epochs: a seeded shuffle, then forward, loss, backward and an Adam step per batch.
 *
 * <p>The training rows are copied into the engine once. Each epoch then costs one native gather
 * (the shuffled copy) and one native split into batch views, instead of building every batch in
 * Java and copying it over.
 *
 * <p>Every DJL call on a small batch costs a native crossing and a Java wrapper, so a step makes
 * as few as it can. The forward pass calls the native linear and relu ops on the block's own
 * parameter arrays ({@link MlpNetwork#forward}), without the block tree and parameter store walk.
 * For classification the softmax cross-entropy is log-softmax, a gather of each row's true class
 * and a mean, and the backward pass starts from -1 instead of negating: the same values and
 * gradients as DJL's {@code SoftmaxCrossEntropyLoss} (log-softmax, reshape, gather, neg, mean,
 * then backward from a new array of ones) with three native ops instead of six. The seeded backward
 * call is the PyTorch engine's own ({@code JniUtils.backward}, what DJL's gradient collector calls
 * with its array of ones). Per batch only the mean loss (its graph already freed by the backward
 * pass) and the predicted classes are kept; they are summed and compared with the labels once per
 * epoch. Each step's other arrays live in a sub-manager closed right after the step.
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
    private final NDArray[] parameters;
    private final NDArray x;
    private final NDArray y;
    private final NDArray backwardSeed;
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
        this.parameters = MlpNetwork.parameterArrays((SequentialBlock) trainer.getModel().getBlock());
        this.x = manager.create(x, new Shape(rows, width));
        if (classification) {
            long[] labels = new long[rows];
            for (int i = 0; i < rows; i++) {
                labels[i] = classes[i];
            }
            // A column, as gather along the class axis wants its index.
            this.y = manager.create(labels, new Shape(rows, 1));
            // d(loss)/d(mean log-probability of the true class): the loss is its negation.
            this.backwardSeed = manager.create(-1f);
        } else {
            this.y = manager.create(targets, new Shape(rows, 1));
            this.backwardSeed = manager.create(1f);
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
            NDList losses = new NDList(xs.size());
            NDList predictions = new NDList(classification ? xs.size() : 0);
            for (int b = 0; b < xs.size(); b++) {
                try (NDManager step = epoch.newSubManager()) {
                    NDArray features = xs.get(b);
                    NDArray labels = ys.get(b);
                    features.attach(step);
                    labels.attach(step);
                    NDArray out;
                    NDArray l;
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        out = MlpNetwork.forward(parameters, features);
                        l = classification
                                ? meanTrueClassLogProbability(out, labels)
                                : loss.evaluate(new NDList(labels), new NDList(out));
                        JniUtils.backward((PtNDArray) l, (PtNDArray) backwardSeed, false, false);
                    }
                    optimizer.step();
                    l.attach(epoch);
                    losses.add(l);
                    if (classification) {
                        NDArray predicted = out.argMax(1);
                        predicted.attach(epoch);
                        predictions.add(predicted);
                    }
                }
            }
            // Outside the gradient collector: no graph is recorded for these.
            double lossSum = NDArrays.stack(losses).sum().getFloat();
            double meanLoss = (classification ? -lossSum : lossSum) / xs.size();
            Double accuracy = null;
            if (classification) {
                NDArray predicted = NDArrays.concat(predictions);
                long correct = predicted.eq(shuffledY.reshape(rows)).sum().getLong();
                accuracy = (double) correct / rows;
            }
            return new Epoch(meanLoss, accuracy, (System.nanoTime() - start) / 1e9);
        }
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
