package io.edgemlops.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import io.edgemlops.data.PreparedDataset;
import io.edgemlops.onnx.MlpParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains an MLP with DJL's PyTorch engine on a {@link PreparedDataset}.
 *
 * <p>Inputs are standardised with the training split's mean and standard deviation (columns with
 * zero spread keep scale 1); a regression target is standardised the same way. Batches are drawn
 * from a seeded shuffle each epoch and the engine's random seed fixes the initial weights, so the
 * same data, options and seed give the same weights on the same machine.
 */
final class DjlMlpTrainer {

    /** The trained network and DJL's own outputs on the holdout, for the export check. */
    record Trained(MlpParameters parameters, float[][] holdoutOutputs, List<EpochStats> history) {
    }

    private DjlMlpTrainer() {
    }

    static Trained train(PreparedDataset data, TrainingOptions options, TrainingListener listener) {
        DjlSetup.ensure();
        boolean cls = data.isClassification();
        int width = data.schema().inputWidth();
        int k = cls ? data.schema().classes().size() : 1;
        float[][] stats = standardisation(data.trainX());
        float[] mean = stats[0];
        float[] scale = stats[1];
        float targetMean = 0;
        float targetScale = 1;
        if (!cls) {
            double[] ms = meanStd(data.trainTargets());
            targetMean = (float) ms[0];
            targetScale = (float) (ms[1] > 0 ? ms[1] : 1);
        }
        int n = data.trainX().length;
        float[] x = flattenStandardised(data.trainX(), mean, scale);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = cls ? data.trainClasses()[i] : (float) ((data.trainTargets()[i] - targetMean) / targetScale);
        }
        float[] holdoutX = flattenStandardised(data.holdoutX(), mean, scale);

        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) (options.seed() ^ (options.seed() >>> 32)));
        SequentialBlock block = new SequentialBlock();
        for (int h : options.hidden()) {
            block.add(Linear.builder().setUnits(h).build());
            block.add(Activation::relu);
        }
        block.add(Linear.builder().setUnits(k).build());

        Loss loss = cls ? Loss.softmaxCrossEntropyLoss() : Loss.l2Loss();
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                .optDevices(new Device[] {Device.cpu()})
                .optOptimizer(Adam.builder().optLearningRateTracker(Tracker.fixed((float) options.learningRate()))
                        .build());
        List<EpochStats> history = new ArrayList<>();
        try (Model model = Model.newInstance("mlp", Device.cpu(), "PyTorch")) {
            model.setBlock(block);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, width));
                Random shuffle = new Random(options.seed());
                int[] order = new int[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                int batch = Math.min(options.batchSize(), n);
                for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                    shuffle(order, shuffle);
                    double lossSum = 0;
                    long correct = 0;
                    int batches = 0;
                    long start = System.nanoTime();
                    for (int from = 0; from < n; from += batch) {
                        int b = Math.min(batch, n - from);
                        float[] bx = new float[b * width];
                        float[] by = new float[b];
                        for (int i = 0; i < b; i++) {
                            int row = order[from + i];
                            System.arraycopy(x, row * width, bx, i * width, width);
                            by[i] = y[row];
                        }
                        try (NDManager m = trainer.getManager().newSubManager()) {
                            NDArray features = m.create(bx, new Shape(b, width));
                            NDArray labels = cls ? m.create(by, new Shape(b)) : m.create(by, new Shape(b, 1));
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDArray out = trainer.forward(new NDList(features)).singletonOrThrow();
                                NDArray l = loss.evaluate(new NDList(labels), new NDList(out));
                                gc.backward(l);
                                lossSum += l.getFloat();
                                if (cls) {
                                    correct += out.argMax(1).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                                            .eq(labels).sum().getLong();
                                }
                            }
                            trainer.step();
                        }
                        batches++;
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    float[][] holdoutOut = predict(trainer, holdoutX, data.holdoutX().length, width, cls,
                            targetScale, targetMean);
                    Double holdoutAcc = null;
                    Double holdoutRmse = null;
                    if (cls) {
                        int[] pred = io.edgemlops.runtime.OnnxPredictor.argmax(holdoutOut);
                        long ok = 0;
                        for (int i = 0; i < pred.length; i++) {
                            ok += pred[i] == data.holdoutClasses()[i] ? 1 : 0;
                        }
                        holdoutAcc = (double) ok / pred.length;
                    } else {
                        double sse = 0;
                        for (int i = 0; i < holdoutOut.length; i++) {
                            double e = holdoutOut[i][0] - data.holdoutTargets()[i];
                            sse += e * e;
                        }
                        holdoutRmse = Math.sqrt(sse / holdoutOut.length);
                    }
                    EpochStats s = new EpochStats(epoch, options.epochs(), lossSum / batches,
                            cls ? (double) correct / n : null, holdoutAcc, holdoutRmse, n / seconds, seconds);
                    history.add(s);
                    listener.onEpoch(s);
                }
                float[][] holdoutOut = predict(trainer, holdoutX, data.holdoutX().length, width, cls,
                        targetScale, targetMean);
                MlpParameters params = new MlpParameters(mean, scale, layers(block), cls, targetScale, targetMean);
                return new Trained(params, holdoutOut, history);
            }
        }
    }

    /** DJL's output: softmax probabilities, or the de-standardised regression value. */
    private static float[][] predict(Trainer trainer, float[] x, int rows, int width, boolean cls,
                                     float targetScale, float targetMean) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDArray out = trainer.evaluate(new NDList(m.create(x, new Shape(rows, width)))).singletonOrThrow();
            if (cls) {
                out = out.softmax(1);
            }
            int k = (int) out.getShape().get(1);
            float[] flat = out.toFloatArray();
            float[][] result = new float[rows][k];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < k; j++) {
                    float v = flat[i * k + j];
                    // Same float operations as the exported graph's Mul and Add.
                    result[i][j] = cls ? v : v * targetScale + targetMean;
                }
            }
            return result;
        }
    }

    /** Weights and biases of each Linear layer, in order. */
    private static List<MlpParameters.Dense> layers(SequentialBlock block) {
        List<MlpParameters.Dense> out = new ArrayList<>();
        for (Block child : block.getChildren().values()) {
            if (child instanceof Linear linear) {
                NDArray w = linear.getParameters().get("weight").getArray();
                NDArray b = linear.getParameters().get("bias").getArray();
                int outputs = (int) w.getShape().get(0);
                int inputs = (int) w.getShape().get(1);
                out.add(new MlpParameters.Dense(inputs, outputs, w.toFloatArray(), b.toFloatArray()));
            }
        }
        return out;
    }

    /** Per column {mean, 1/std} of the training matrix; zero-spread columns get scale 1. */
    static float[][] standardisation(float[][] x) {
        int width = x.length == 0 ? 0 : x[0].length;
        float[] mean = new float[width];
        float[] scale = new float[width];
        for (int c = 0; c < width; c++) {
            double[] col = new double[x.length];
            for (int r = 0; r < x.length; r++) {
                col[r] = x[r][c];
            }
            double[] ms = meanStd(col);
            mean[c] = (float) ms[0];
            scale[c] = ms[1] > 1e-12 ? (float) (1 / ms[1]) : 1f;
        }
        return new float[][] {mean, scale};
    }

    /** Mean and population standard deviation. */
    static double[] meanStd(double[] v) {
        double sum = 0;
        for (double d : v) {
            sum += d;
        }
        double mean = v.length == 0 ? 0 : sum / v.length;
        double ss = 0;
        for (double d : v) {
            ss += (d - mean) * (d - mean);
        }
        return new double[] {mean, v.length == 0 ? 0 : Math.sqrt(ss / v.length)};
    }

    /** Row-major standardised copy, computed as the exported graph does: (x - mean) * scale in float. */
    static float[] flattenStandardised(float[][] x, float[] mean, float[] scale) {
        int width = mean.length;
        float[] out = new float[x.length * width];
        for (int r = 0; r < x.length; r++) {
            for (int c = 0; c < width; c++) {
                out[r * width + c] = (x[r][c] - mean[c]) * scale[c];
            }
        }
        return out;
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
