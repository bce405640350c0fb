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
import io.edgemlops.data.PreparedDataset;
import io.edgemlops.onnx.MlpParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains an MLP with DJL's PyTorch engine on a {@link PreparedDataset}.
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
    record Trained(MlpParameters parameters, float[][] holdoutOutputs, List<EpochStats> history, TrainingStop stop) {
    }

    /** Standardised rows handed to the engine. */
    private record Rows(float[] x, int[] classes, float[] targets, int count) {

        static Rows select(PreparedDataset data, int[] rows, Standardiser inputs, Standardiser.Target target) {
            float[][] x = new float[rows.length][];
            int[] classes = data.isClassification() ? new int[rows.length] : null;
            float[] targets = data.isClassification() ? null : new float[rows.length];
            for (int i = 0; i < rows.length; i++) {
                x[i] = data.trainX()[rows[i]];
                if (classes != null) {
                    classes[i] = data.trainClasses()[rows[i]];
                } else {
                    targets[i] = target.toNetwork(data.trainTargets()[rows[i]]);
                }
            }
            return new Rows(inputs.applyFlat(x), classes, targets, rows.length);
        }
    }

    /** The network kept as the model: how many epochs trained it, its weights, and DJL's holdout outputs. */
    private record Snapshot(int epoch, List<MlpParameters.Dense> layers, float[][] holdoutOutputs) {
    }

    private DjlMlpTrainer() {
    }

    static Trained train(PreparedDataset data, TrainingOptions options, TrainingListener listener) {
        DjlSetup.ensure();
        boolean cls = data.isClassification();
        int width = data.schema().inputWidth();
        int outputs = cls ? data.schema().classes().size() : 1;
        Standardiser inputs = Standardiser.fit(data.trainX());
        Standardiser.Target target = cls ? Standardiser.Target.IDENTITY : Standardiser.Target.fit(data.trainTargets());
        int[][] slice = ValidationSlice.split(data.trainX().length, data.trainClasses(), options.seed());
        Rows fit = Rows.select(data, slice[0], inputs, target);
        Rows validation = Rows.select(data, slice[1], inputs, target);
        float[] holdoutX = inputs.applyFlat(data.holdoutX());
        int holdoutRows = data.holdoutX().length;

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
        try (Model model = Model.newInstance("mlp", Device.cpu(), "PyTorch");
             Trainer trainer = newTrainer(model, block, config, width);
             EpochRunner runner = new EpochRunner(trainer, loss,
                     new AdamOptimizer(block, (float) options.learningRate(), 0f), fit.x(), fit.count(), width,
                     fit.classes(), fit.targets(), batch, options.seed())) {
            while (epoch < maxEpochs) {
                epoch++;
                EpochRunner.Epoch e = runner.run();
                Double validationLoss = validation.count() > 0 ? loss(trainer, loss, validation, width) : null;
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
                best = new Snapshot(epoch, MlpNetwork.layers(block),
                        predict(trainer, holdoutX, holdoutRows, width, cls, target));
            }
        }
        int refitRows = 0;
        if (validation.count() > 0) {
            // The slice has chosen the epoch count; now let its rows count too.
            int[] all = new int[data.trainX().length];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            Rows everything = Rows.select(data, all, inputs, target);
            engine.setRandomSeed(engineSeed);
            best = refit(everything, stopping.bestEpoch(), options, outputs, config, loss, width, holdoutX,
                    holdoutRows, cls, target);
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
    private static Snapshot refit(Rows rows, int epochs, TrainingOptions options, int outputs,
                                  DefaultTrainingConfig config, Loss loss, int width, float[] holdoutX,
                                  int holdoutRows, boolean cls, Standardiser.Target target) {
        SequentialBlock block = MlpNetwork.build(options.hidden(), outputs);
        try (Model model = Model.newInstance("mlp", Device.cpu(), "PyTorch");
             Trainer trainer = newTrainer(model, block, config, width);
             EpochRunner runner = new EpochRunner(trainer, loss,
                     new AdamOptimizer(block, (float) options.learningRate(), 0f), rows.x(), rows.count(), width,
                     rows.classes(), rows.targets(), Math.min(options.batchSize(), rows.count()), options.seed())) {
            for (int i = 0; i < epochs; i++) {
                runner.run();
            }
            return new Snapshot(epochs, MlpNetwork.layers(block),
                    predict(trainer, holdoutX, holdoutRows, width, cls, target));
        }
    }

    private static Trainer newTrainer(Model model, SequentialBlock block, DefaultTrainingConfig config, int width) {
        model.setBlock(block);
        Trainer trainer = model.newTrainer(config);
        trainer.initialize(new Shape(1, width));
        return trainer;
    }

    /** Mean loss of the network on rows it does not train on. */
    private static double loss(Trainer trainer, Loss loss, Rows rows, int width) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDArray out = trainer.evaluate(new NDList(m.create(rows.x(), new Shape(rows.count(), width))))
                    .singletonOrThrow();
            NDArray labels;
            if (rows.classes() != null) {
                long[] c = new long[rows.count()];
                for (int i = 0; i < c.length; i++) {
                    c[i] = rows.classes()[i];
                }
                labels = m.create(c, new Shape(c.length));
            } else {
                labels = m.create(rows.targets(), new Shape(rows.count(), 1));
            }
            return loss.evaluate(new NDList(labels), new NDList(out)).getFloat();
        }
    }

    /** One epoch's progress: training loss and accuracy, the validation slice's loss, speed. */
    private static EpochStats describe(int epoch, int maxEpochs, EpochRunner.Epoch e, Double validationLoss,
                                       int fitRows) {
        return new EpochStats(epoch, maxEpochs, e.meanLoss(), validationLoss, e.accuracy(), fitRows / e.seconds(),
                e.seconds());
    }

    /** DJL's output: softmax probabilities, or the de-standardised regression value. */
    private static float[][] predict(Trainer trainer, float[] x, int rows, int width, boolean cls,
                                     Standardiser.Target target) {
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
                    result[i][j] = cls ? v : v * target.scale() + target.mean();
                }
            }
            return result;
        }
    }
}
