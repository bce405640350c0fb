package io.edgemlops.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import io.edgemlops.data.CompactDataset;
import io.edgemlops.onnx.MlpParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains an MLP with DJL's PyTorch engine on a {@link CompactDataset}.
 *
 * <p>The steps: standardise inputs (and a regression target) with the training split's statistics
 * ({@link Standardiser}); set a validation slice of the training split aside
 * ({@link ValidationSlice}); build the network ({@link MlpNetwork}); run epochs
 * ({@link EpochRunner}) up to the limit from {@link EpochBudget}, stopping early when the
 * validation loss stops improving ({@link EarlyStopping}). The slice only decides how many epochs
 * to train: a new network with the same initial weights is then trained for the best epoch's
 * count on the whole training split, slice included, and that network is the model. (Without a
 * slice, on tiny data, every epoch already trains on all rows and the last epoch's weights are
 * kept.) The holdout split is evaluated once, on the final network, for the metrics and the export
 * check: never during training, so it decides nothing and costs no time per epoch.
 *
 * <p>Why refit: on small data the slice is a tenth of few rows, and leaving it out of the fit
 * costs accuracy (measured in {@code bench/sklearn-compare.sh}, see bench/README.md); training
 * again for the chosen epoch count costs at most as many epochs as the first run kept, without the
 * per-epoch evaluation.
 *
 * <p>The seed fixes the initial weights, the validation slice and every epoch's shuffle, so the
 * same data, options and seed give the same weights on the same machine.
 */
final class DjlMlpTrainer {

    /** The trained network, DJL's own outputs on the holdout (for the export check) and how training went. */
    record Trained(MlpParameters parameters, float[] holdoutOutputs, List<EpochStats> history, TrainingStop stop) {
    }

    /** The network kept as the model: how many epochs trained it, its weights, and DJL's holdout outputs (row-major). */
    private record Snapshot(int epoch, List<MlpParameters.Dense> layers, float[] holdoutOutputs) {
    }

    /** Rows per engine call when evaluating (the validation slice, the holdout). */
    private static final int EVALUATION_CHUNK = 8192;

    private DjlMlpTrainer() {
    }

    static Trained train(CompactDataset data, TrainingOptions options, TrainingListener listener) {
        DjlSetup.ensure();
        boolean cls = data.isClassification();
        int width = data.schema().inputWidth();
        int outputs = cls ? data.schema().classes().size() : 1;
        int[] train = data.trainRows();
        Standardiser inputs = Standardiser.fit(data, train);
        Standardiser.Target target = cls ? Standardiser.Target.IDENTITY : Standardiser.Target.fit(data.targets(), train);
        int[][] slice = ValidationSlice.split(train.length, cls ? classesOf(data, train) : null, options.seed());
        TrainingRows fit = new TrainingRows(data, rowsAt(train, slice[0]), inputs, target);
        TrainingRows validation = new TrainingRows(data, rowsAt(train, slice[1]), inputs, target);
        TrainingRows holdout = new TrainingRows(data, data.holdoutRows(), inputs, target);

        int batch = Math.min(options.batchSize(), fit.count());
        int maxEpochs = EpochBudget.maxEpochs(fit.count(), batch, options.epochs());
        EarlyStopping stopping = validation.count() > 0
                ? new EarlyStopping(EpochBudget.patience(fit.count(), batch)) : null;

        Engine engine = Engine.getEngine("PyTorch");
        int engineSeed = (int) (options.seed() ^ (options.seed() >>> 32));
        engine.setRandomSeed(engineSeed);
        SequentialBlock block = MlpNetwork.build(options.hidden(), outputs);
        Loss loss = cls ? Loss.softmaxCrossEntropyLoss() : Loss.l2Loss();
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss).optDevices(new Device[] {Device.cpu()});
        List<EpochStats> history = new ArrayList<>();
        Snapshot best = null;
        int epoch = 0;
        TrainingStop.Reason reason = TrainingStop.Reason.EPOCH_LIMIT;
        try (Network net = Network.open(block, config, width, loss, options, fit, batch)) {
            while (epoch < maxEpochs) {
                epoch++;
                String pass = "epoch " + epoch + "/" + maxEpochs;
                EpochRunner.Epoch e = net.runner().run((done, rows, seconds) -> listener.onProgress(pass, done, rows, seconds));
                Double validationLoss = validation.count() > 0 ? loss(net, loss, validation) : null;
                EpochStats stats = describe(epoch, maxEpochs, e, validationLoss, fit.count());
                history.add(stats);
                listener.onEpoch(stats);
                if (stopping != null) {
                    stopping.record(epoch, validationLoss);
                    if (stopping.shouldStop()) {
                        reason = TrainingStop.Reason.NO_IMPROVEMENT;
                        break;
                    }
                }
            }
            if (stopping == null) {
                // No slice (tiny data): the last epoch's weights are the model.
                best = new Snapshot(epoch, net.weights().layers(), predict(net, holdout, cls, target));
            }
        }
        int refitRows = 0;
        if (validation.count() > 0) {
            // The slice has chosen the epoch count; now let its rows count too.
            TrainingRows everything = new TrainingRows(data, train, inputs, target);
            engine.setRandomSeed(engineSeed);
            best = refit(everything, stopping.bestEpoch(), options, outputs, config, loss, width, holdout, cls, target,
                    listener);
            refitRows = everything.count();
        }
        TrainingStop stop = new TrainingStop(epoch, maxEpochs, best.epoch(),
                stopping == null ? 0 : stopping.patience(), reason, refitRows);
        listener.onStop(stop);
        MlpParameters params = new MlpParameters(inputs.mean(), inputs.scale(), best.layers(), cls,
                target.scale(), target.mean());
        return new Trained(params, best.holdoutOutputs(), history, stop);
    }

    /**
     * Trains a new network, with the same initial weights and options as the first run, on all
     * rows of the training split for exactly {@code epochs} epochs.
     */
    private static Snapshot refit(TrainingRows rows, int epochs, TrainingOptions options, int outputs,
                                  DefaultTrainingConfig config, Loss loss, int width, TrainingRows holdout,
                                  boolean cls, Standardiser.Target target, TrainingListener listener) {
        SequentialBlock block = MlpNetwork.build(options.hidden(), outputs);
        try (Network net = Network.open(block, config, width, loss, options, rows,
                Math.min(options.batchSize(), rows.count()))) {
            for (int i = 1; i <= epochs; i++) {
                String pass = "refit epoch " + i + "/" + epochs;
                net.runner().run((done, all, seconds) -> listener.onProgress(pass, done, all, seconds));
            }
            return new Snapshot(epochs, net.weights().layers(), predict(net, holdout, cls, target));
        }
    }

    /**
     * A network in training: DJL's model and trainer, which initialise the block's weights (seeded
     * by the engine's random seed) and collect gradients; the weights' values as trained; the epoch loop.
     */
    private record Network(Model model, Trainer trainer, MlpWeights weights, EpochRunner runner)
            implements AutoCloseable {

        static Network open(SequentialBlock block, DefaultTrainingConfig config, int width, Loss loss,
                            TrainingOptions options, TrainingRows rows, int batch) {
            Model model = Model.newInstance("mlp", Device.cpu(), "PyTorch");
            model.setBlock(block);
            Trainer trainer = model.newTrainer(config);
            trainer.initialize(new Shape(1, width));
            MlpWeights weights = MlpWeights.copyOf(block, trainer.getManager());
            EpochRunner runner = new EpochRunner(trainer, loss, weights,
                    new AdamOptimizer(weights.values(), (float) options.learningRate(), 0f), rows, batch,
                    options.seed());
            return new Network(model, trainer, weights, runner);
        }

        /** A manager for arrays of one evaluation, closed by the caller. */
        NDManager newManager() {
            return trainer.getManager().newSubManager();
        }

        @Override
        public void close() {
            runner.close();
            trainer.close();
            model.close();
        }
    }

    /** Mean loss of the network on rows it does not train on, a chunk of rows per engine call. */
    private static double loss(Network net, Loss loss, TrainingRows rows) {
        int width = rows.width();
        double[] sum = {0};
        rows.forEachChunk(EVALUATION_CHUNK, (from, count, x, classes, targets) -> {
            try (NDManager m = net.newManager()) {
                NDArray out = net.weights().forward(m.create(x, new Shape(count, width)));
                NDArray labels = classes != null
                        ? m.create(classes, new Shape(count))
                        : m.create(targets, new Shape(count, 1));
                // The loss is a mean over the chunk: weigh it by the chunk's rows.
                sum[0] += (double) loss.evaluate(new NDList(labels), new NDList(out)).getFloat() * count;
            }
        });
        return sum[0] / rows.count();
    }

    /** One epoch's progress: training loss and accuracy, the validation slice's loss, speed. */
    private static EpochStats describe(int epoch, int maxEpochs, EpochRunner.Epoch e, Double validationLoss,
                                       int fitRows) {
        return new EpochStats(epoch, maxEpochs, e.meanLoss(), validationLoss, e.accuracy(), fitRows / e.seconds(),
                e.seconds());
    }

    /** DJL's output, row-major: softmax probabilities, or the de-standardised regression value. */
    private static float[] predict(Network net, TrainingRows rows, boolean cls, Standardiser.Target target) {
        int width = rows.width();
        float[][] result = {new float[0]};
        rows.forEachChunk(EVALUATION_CHUNK, (from, count, x, classes, targets) -> {
            try (NDManager m = net.newManager()) {
                NDArray out = net.weights().forward(m.create(x, new Shape(count, width)));
                if (cls) {
                    out = out.softmax(1);
                }
                int k = (int) out.getShape().get(1);
                if (from == 0) {
                    result[0] = new float[rows.count() * k];
                }
                float[] flat = out.toFloatArray();
                for (int i = 0; i < flat.length; i++) {
                    // Same float operations as the exported graph's Mul and Add.
                    result[0][from * k + i] = cls ? flat[i] : flat[i] * target.scale() + target.mean();
                }
            }
        });
        return result[0];
    }

    private static int[] rowsAt(int[] rows, int[] positions) {
        int[] out = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            out[i] = rows[positions[i]];
        }
        return out;
    }

    private static int[] classesOf(CompactDataset data, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = data.classes()[rows[i]];
        }
        return out;
    }
}
