package io.edgemlops.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.edgemlops.onnx.MlpParameters;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Training on all values in one array, from the directly computed loss gradient, gives the network
 * DJL's own trainer gives: the same outputs, and the same weights (to float rounding) after the
 * same Adam steps.
 */
class MlpWeightsTest {

    private static final int ROWS = 64;
    private static final int WIDTH = 7;
    private static final int CLASSES = 3;
    private static final List<Integer> HIDDEN = List.of(16, 8);
    private static final float LEARNING_RATE = 0.01f;

    /** A seeded, initialised network; the trainer steps with DJL's Adam at {@link #LEARNING_RATE}. */
    private static Trainer newTrainer(Model model) {
        Engine.getEngine("PyTorch").setRandomSeed(3);
        SequentialBlock block = MlpNetwork.build(HIDDEN, CLASSES);
        model.setBlock(block);
        Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optDevices(new Device[] {Device.cpu()})
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(LEARNING_RATE)).build()));
        trainer.initialize(new Shape(1, WIDTH));
        return trainer;
    }

    private static float[] concat(List<MlpParameters.Dense> layers) {
        int n = layers.stream().mapToInt(l -> l.weight().length + l.bias().length).sum();
        float[] out = new float[n];
        int at = 0;
        for (MlpParameters.Dense l : layers) {
            System.arraycopy(l.weight(), 0, out, at, l.weight().length);
            at += l.weight().length;
            System.arraycopy(l.bias(), 0, out, at, l.bias().length);
            at += l.bias().length;
        }
        return out;
    }

    private static float[] blockValues(SequentialBlock block) {
        NDArray[] arrays = MlpNetwork.parameterArrays(block);
        int n = 0;
        for (NDArray a : arrays) {
            n += (int) a.size();
        }
        float[] out = new float[n];
        int at = 0;
        for (NDArray a : arrays) {
            float[] v = a.toFloatArray();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    @Test
    void holdsTheBlocksValuesAndGivesItsOutputs() {
        DjlSetup.ensure();
        try (Model model = Model.newInstance("mlp", Device.cpu(), "PyTorch");
             Trainer trainer = newTrainer(model);
             NDManager m = trainer.getManager().newSubManager()) {
            SequentialBlock block = (SequentialBlock) model.getBlock();
            MlpWeights weights = MlpWeights.copyOf(block, trainer.getManager());
            NDArray x = m.create(SeededArrays.gaussian(ROWS * WIDTH, 5), new Shape(ROWS, WIDTH));

            assertArrayEquals(trainer.evaluate(new NDList(x)).singletonOrThrow().toFloatArray(),
                    weights.forward(x).toFloatArray());
            List<MlpParameters.Dense> layers = weights.layers();
            assertEquals(List.of(WIDTH, 16, 8), layers.stream().map(MlpParameters.Dense::inputs).toList());
            assertEquals(List.of(16, 8, CLASSES), layers.stream().map(MlpParameters.Dense::outputs).toList());
            assertArrayEquals(blockValues(block), concat(layers));
        }
    }

    @Test
    void adamStepsOnOneArrayGiveTheWeightsOfDjlsTrainer() {
        DjlSetup.ensure();
        float[][] batches = new float[5][];
        long[][] labels = new long[5][];
        for (int b = 0; b < batches.length; b++) {
            batches[b] = SeededArrays.gaussian(ROWS * WIDTH, 100 + b);
            labels[b] = SeededArrays.classes(ROWS, CLASSES, 200 + b);
        }
        float[] viaDjl;
        float[] initial;
        try (Model model = Model.newInstance("djl", Device.cpu(), "PyTorch");
             Trainer trainer = newTrainer(model)) {
            initial = blockValues((SequentialBlock) model.getBlock());
            for (int b = 0; b < batches.length; b++) {
                try (NDManager m = trainer.getManager().newSubManager();
                     GradientCollector gc = trainer.newGradientCollector()) {
                    NDArray out = trainer.forward(new NDList(m.create(batches[b], new Shape(ROWS, WIDTH))))
                            .singletonOrThrow();
                    NDArray l = trainer.getLoss().evaluate(new NDList(m.create(labels[b], new Shape(ROWS))),
                            new NDList(out));
                    gc.backward(l);
                }
                trainer.step();
            }
            viaDjl = blockValues((SequentialBlock) model.getBlock());
        }
        float[] viaOneArray;
        try (Model model = Model.newInstance("ours", Device.cpu(), "PyTorch");
             Trainer trainer = newTrainer(model)) {
            MlpWeights weights = MlpWeights.copyOf((SequentialBlock) model.getBlock(), trainer.getManager());
            assertArrayEquals(initial, concat(weights.layers()));
            AdamOptimizer adam = new AdamOptimizer(weights.values(), LEARNING_RATE, 0f);
            for (int b = 0; b < batches.length; b++) {
                try (NDManager m = trainer.getManager().newSubManager()) {
                    NDArray out;
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        out = weights.forward(m.create(batches[b], new Shape(ROWS, WIDTH)));
                    }
                    float[] oneHot = new float[ROWS * CLASSES];
                    for (int i = 0; i < ROWS; i++) {
                        oneHot[i * CLASSES + (int) labels[b][i]] = 1f / ROWS;
                    }
                    NDArray gradient = EpochRunner.crossEntropyGradient(out,
                            m.create(oneHot, new Shape(ROWS, CLASSES)), ROWS);
                    JniUtils.backward((PtNDArray) out, (PtNDArray) gradient, false, false);
                    adam.step();
                }
            }
            viaOneArray = concat(weights.layers());
        }
        assertNotEquals(initial[0], viaOneArray[0], "the steps changed the weights");
        assertArrayEquals(viaDjl, viaOneArray, 1e-6f);
    }
}
