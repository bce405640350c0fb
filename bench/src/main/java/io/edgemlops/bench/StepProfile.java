package io.edgemlops.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Per-phase cost of one training step of the benchmark MLP in DJL, for finding where the time
 * goes ({@code bench/step-profile.sh}; {@code bench/step_profile.py} is the PyTorch side).
 *
 * <p>Four step variants on the same network and random data, alternated epoch by epoch:
 * {@code trainer} is the step before the fast path (DJL's {@code Trainer.forward},
 * {@code SoftmaxCrossEntropyLoss}, {@code GradientCollector.backward}, loss and correct
 * predictions summed per batch in the engine); {@code direct} is the fast path on the layers' own
 * arrays (native linear/relu on the parameter arrays, log-softmax + gather + mean with a backward
 * seed of -1, predictions and batch losses reduced once per epoch) with one fused Adam update per
 * layer array; {@code flat} is the same step on views of one array holding all values
 * ({@code MlpWeights}), taken per step, and one fused Adam update over that array;
 * {@code flat-ce} is what {@code EpochRunner} does now: {@code flat} with the backward pass started
 * at the logits from the cross-entropy gradient computed directly (softmax, divide, subtract the
 * scaled one-hot), the loss and predictions computed once from the kept logits. Prints the
 * median, 10th percentile and mean of each phase in µs, and the Java heap allocated per batch (what
 * drives the garbage collector's pauses).
 */
public final class StepProfile {

    private static final String[] PHASES = {"forward", "loss", "backward", "optimizer", "bookkeeping", "total"};

    private StepProfile() {
    }

    public static void main(String[] args) {
        int rows = 16000;
        int width = 16;
        int classes = 3;
        int batch = 64;
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        Random random = new Random(1);
        float[] x = new float[rows * width];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        long[] y = new long[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = random.nextInt(classes);
        }
        Engine.getEngine("PyTorch").setRandomSeed(1);
        SequentialBlock block = new SequentialBlock();
        block.add(Linear.builder().setUnits(64).build());
        block.add(Activation::relu);
        block.add(Linear.builder().setUnits(32).build());
        block.add(Activation::relu);
        block.add(Linear.builder().setUnits(classes).build());
        Loss loss = Loss.softmaxCrossEntropyLoss();
        try (Model model = Model.newInstance("mlp", Device.cpu(), "PyTorch")) {
            model.setBlock(block);
            try (Trainer trainer = model.newTrainer(
                    new DefaultTrainingConfig(loss).optDevices(new Device[] {Device.cpu()}))) {
                trainer.initialize(new Shape(1, width));
                Adam adam = new Adam(block);
                NDArray[] params = adam.weights.toArray(new NDArray[0]);
                NDManager m = trainer.getManager();
                NDArray xs = m.create(x, new Shape(rows, width));
                NDArray ys = m.create(y, new Shape(rows, 1));
                NDArray ysFlat = m.create(y, new Shape(rows));
                NDArray seed = m.create(-1f);
                long[] starts = new long[rows / batch - 1];
                for (int i = 0; i < starts.length; i++) {
                    starts[i] = (long) (i + 1) * batch;
                }
                List<long[]> before = new ArrayList<>();
                List<long[]> after = new ArrayList<>();
                List<long[]> flatTimes = new ArrayList<>();
                FlatAdam flat = new FlatAdam(m, params);
                FlatAdam flat2 = new FlatAdam(m, params);
                List<long[]> crossEntropyTimes = new ArrayList<>();
                float[] oneHot = new float[rows * classes];
                for (int i = 0; i < rows; i++) {
                    oneHot[i * classes + (int) y[i]] = 1f / batch;
                }
                NDArray targets = m.create(oneHot, new Shape(rows, classes));
                long[] allocated = new long[4];
                for (int e = 0; e < epochs; e++) {
                    boolean warm = e >= 2;
                    long a0 = allocatedBytes();
                    epochTrainer(trainer, loss, adam, m, xs, ysFlat, starts, warm ? before : null);
                    long a1 = allocatedBytes();
                    epochDirect(trainer, step -> params, adam::step, m, xs, ys, seed, starts, warm ? after : null);
                    long a2 = allocatedBytes();
                    epochDirect(trainer, flat::views, flat::step, m, xs, ys, seed, starts, warm ? flatTimes : null);
                    long a3 = allocatedBytes();
                    epochCrossEntropyGradient(trainer, flat2, m, xs, targets, batch, starts,
                            warm ? crossEntropyTimes : null);
                    if (warm) {
                        allocated[0] += a1 - a0;
                        allocated[1] += a2 - a1;
                        allocated[2] += a3 - a2;
                        allocated[3] += allocatedBytes() - a3;
                    }
                }
                report("trainer", before, allocated[0]);
                report("direct", after, allocated[1]);
                report("flat", flatTimes, allocated[2]);
                report("flat-ce", crossEntropyTimes, allocated[3]);
            }
        }
    }

    private static void epochTrainer(Trainer trainer, Loss loss, Adam adam, NDManager m, NDArray x, NDArray y,
                                     long[] starts, List<long[]> times) {
        try (NDManager epoch = m.newSubManager()) {
            NDList xs = x.split(starts);
            NDList ys = y.split(starts);
            xs.attach(epoch);
            ys.attach(epoch);
            NDArray lossSum = epoch.zeros(new Shape(), DataType.FLOAT32);
            NDArray correct = epoch.zeros(new Shape(), DataType.INT64);
            for (int b = 0; b < xs.size(); b++) {
                long[] t = new long[6];
                t[0] = System.nanoTime();
                try (NDManager step = epoch.newSubManager()) {
                    NDArray features = xs.get(b);
                    NDArray labels = ys.get(b);
                    features.attach(step);
                    labels.attach(step);
                    NDArray out;
                    NDArray l;
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        out = trainer.forward(new NDList(features)).singletonOrThrow();
                        t[1] = System.nanoTime();
                        l = loss.evaluate(new NDList(labels), new NDList(out));
                        t[2] = System.nanoTime();
                        gc.backward(l);
                    }
                    t[3] = System.nanoTime();
                    adam.step();
                    t[4] = System.nanoTime();
                    lossSum.addi(l.stopGradient());
                    correct.addi(out.argMax(1).eq(labels).sum());
                }
                t[5] = System.nanoTime();
                record(times, t);
            }
            lossSum.getFloat();
            correct.getLong();
        }
    }

    /**
     * The fast-path step; {@code weights} gives the layers' arrays for one step (inside the
     * gradient collector), {@code optimizer} applies the update.
     */
    private static void epochDirect(Trainer trainer, Function<NDManager, NDArray[]> weights, Runnable optimizer,
                                    NDManager m, NDArray x, NDArray y, NDArray seed, long[] starts,
                                    List<long[]> times) {
        try (NDManager epoch = m.newSubManager()) {
            NDList xs = x.split(starts);
            NDList ys = y.split(starts);
            xs.attach(epoch);
            ys.attach(epoch);
            NDList losses = new NDList(xs.size());
            NDList predictions = new NDList(xs.size());
            for (int b = 0; b < xs.size(); b++) {
                long[] t = new long[6];
                t[0] = System.nanoTime();
                try (NDManager step = epoch.newSubManager()) {
                    NDArray features = xs.get(b);
                    NDArray labels = ys.get(b);
                    features.attach(step);
                    labels.attach(step);
                    NDArray out;
                    NDArray l;
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        out = forward(weights.apply(step), features);
                        t[1] = System.nanoTime();
                        l = out.logSoftmax(1).gather(labels, 1).mean();
                        t[2] = System.nanoTime();
                        JniUtils.backward((PtNDArray) l, (PtNDArray) seed, false, false);
                    }
                    t[3] = System.nanoTime();
                    optimizer.run();
                    t[4] = System.nanoTime();
                    l.attach(epoch);
                    losses.add(l);
                    NDArray predicted = out.argMax(1);
                    predicted.attach(epoch);
                    predictions.add(predicted);
                }
                t[5] = System.nanoTime();
                record(times, t);
            }
            NDArrays.stack(losses).sum().getFloat();
            NDArrays.concat(predictions).eq(y.reshape(-1).get("0:" + (long) xs.size() * 64)).sum().getLong();
        }
    }

    /** Native linear and relu calls on the layers' arrays, as {@code MlpNetwork.forward} makes them. */
    private static NDArray forward(NDArray[] params, NDArray x) {
        NDArray h = x;
        for (int i = 0; i < params.length; i += 2) {
            if (i > 0) {
                h = Activation.relu(h);
            }
            h = Linear.linear(h, params[i], params[i + 1]).singletonOrThrow();
        }
        return h;
    }

    private static void epochCrossEntropyGradient(Trainer trainer, FlatAdam flat, NDManager m, NDArray x,
                                                  NDArray targets, int batch, long[] starts, List<long[]> times) {
        try (NDManager epoch = m.newSubManager()) {
            NDList xs = x.split(starts);
            NDList ts = targets.split(starts);
            xs.attach(epoch);
            ts.attach(epoch);
            NDList outs = new NDList(xs.size());
            for (int b = 0; b < xs.size(); b++) {
                long[] t = new long[6];
                t[0] = System.nanoTime();
                try (NDManager step = epoch.newSubManager()) {
                    NDArray features = xs.get(b);
                    NDArray target = ts.get(b);
                    features.attach(step);
                    target.attach(step);
                    NDArray out;
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        out = forward(flat.views(step), features);
                    }
                    t[1] = System.nanoTime();
                    NDArray g = out.softmax(1).divi(batch).subi(target);
                    t[2] = System.nanoTime();
                    JniUtils.backward((PtNDArray) out, (PtNDArray) g, false, false);
                    t[3] = System.nanoTime();
                    flat.step();
                    t[4] = System.nanoTime();
                    out.attach(epoch);
                    outs.add(out);
                }
                t[5] = System.nanoTime();
                record(times, t);
            }
            NDArray all = NDArrays.concat(outs);
            all.logSoftmax(1).toFloatArray();
            all.argMax(1).toLongArray();
        }
    }

    /** All parameters in one leaf array, split into views per step, one fused Adam update per step. */
    private static final class FlatAdam {
        final NDArray all;
        final NDArray mean;
        final NDArray variance;
        final Shape[] shapes;
        final long[] cuts;
        NDArray gradient;
        int steps;

        FlatAdam(NDManager m, NDArray[] params) {
            shapes = new Shape[params.length];
            cuts = new long[params.length - 1];
            int total = 0;
            for (int i = 0; i < params.length; i++) {
                shapes[i] = params[i].getShape();
                total += (int) shapes[i].size();
                if (i < cuts.length) {
                    cuts[i] = total;
                }
            }
            float[] values = new float[total];
            int at = 0;
            for (NDArray p : params) {
                float[] v = p.toFloatArray();
                System.arraycopy(v, 0, values, at, v.length);
                at += v.length;
            }
            all = m.create(values);
            all.setRequiresGradient(true);
            mean = all.zerosLike();
            variance = all.zerosLike();
        }

        NDArray[] views(NDManager step) {
            NDList pieces = all.split(cuts);
            pieces.attach(step);
            NDArray[] out = new NDArray[shapes.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = shapes[i].dimension() == 1 ? pieces.get(i) : pieces.get(i).reshape(shapes[i]);
            }
            return out;
        }

        void step() {
            steps++;
            float lr = 0.001f;
            float corrected = (float) (lr * Math.sqrt(1 - Math.pow(0.999, steps)) / (1 - Math.pow(0.9, steps)));
            if (gradient == null) {
                gradient = all.getGradient();
            }
            all.getNDArrayInternal().adamUpdate(new NDList(all, gradient, mean, variance), new NDList(all), lr,
                    corrected, 0f, 1f, -1f, 0.9f, 0.999f, 1e-8f, true, false);
        }
    }

    private static void record(List<long[]> times, long[] t) {
        if (times != null) {
            long[] d = new long[6];
            for (int i = 0; i < 5; i++) {
                d[i] = t[i + 1] - t[i];
            }
            d[5] = t[5] - t[0];
            times.add(d);
        }
    }

    /** Java heap bytes this thread allocated so far. */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    private static void report(String name, List<long[]> times, long allocated) {
        StringBuilder line = new StringBuilder(String.format("%-9s µs/batch median (p10) [mean]:", name));
        for (int p = 0; p < PHASES.length; p++) {
            long[] v = new long[times.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = times.get(i)[p];
            }
            Arrays.sort(v);
            line.append(String.format("  %s %.1f (%.1f) [%.1f]", PHASES[p], v[v.length / 2] / 1e3,
                    v[v.length / 10] / 1e3, Arrays.stream(v).average().orElse(0) / 1e3));
        }
        line.append(String.format("  Java heap %.1f KB/batch", allocated / 1024.0 / times.size()));
        System.out.println(line);
    }

    /** The fused Adam update of {@code AdamOptimizer}, on public DJL API. */
    private static final class Adam {
        final List<NDArray> weights = new ArrayList<>();
        final List<NDArray[]> state = new ArrayList<>();
        int steps;

        Adam(SequentialBlock block) {
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray w = p.getValue().getArray();
                weights.add(w);
                state.add(new NDArray[] {null, w.zerosLike(), w.zerosLike()});
            }
        }

        void step() {
            steps++;
            float lr = 0.001f;
            float corrected = (float) (lr * Math.sqrt(1 - Math.pow(0.999, steps)) / (1 - Math.pow(0.9, steps)));
            for (int i = 0; i < weights.size(); i++) {
                NDArray w = weights.get(i);
                NDArray[] s = state.get(i);
                if (s[0] == null) {
                    s[0] = w.getGradient();
                }
                w.getNDArrayInternal().adamUpdate(new NDList(w, s[0], s[1], s[2]), new NDList(w), lr, corrected, 0f,
                        1f, -1f, 0.9f, 0.999f, 1e-8f, true, false);
            }
        }
    }
}
