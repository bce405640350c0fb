package io.edgemlops.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The training step's shortcuts give exactly what DJL's block forward and loss give. */
class EpochRunnerStepTest {

    private static final int ROWS = 64;
    private static final int WIDTH = 7;
    private static final int CLASSES = 3;

    @Test
    void forwardOnParameterArraysMatchesTheBlock() {
        DjlSetup.ensure();
        Engine.getEngine("PyTorch").setRandomSeed(3);
        SequentialBlock block = MlpNetwork.build(List.of(16, 8), CLASSES);
        try (Model model = Model.newInstance("mlp", Device.cpu(), "PyTorch")) {
            model.setBlock(block);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optDevices(new Device[] {Device.cpu()}));
                 NDManager m = trainer.getManager().newSubManager()) {
                trainer.initialize(new Shape(1, WIDTH));
                NDArray x = m.create(SeededArrays.gaussian(ROWS * WIDTH, 5), new Shape(ROWS, WIDTH));
                float[] viaBlock;
                float[] direct;
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    viaBlock = trainer.forward(new NDList(x)).singletonOrThrow().toFloatArray();
                    direct = MlpNetwork.forward(MlpNetwork.parameterArrays(block), x).toFloatArray();
                }
                assertArrayEquals(viaBlock, direct);
                assertEquals(6, MlpNetwork.parameterArrays(block).length);
            }
        }
    }

    @Test
    void parameterArraysRejectsOtherBlocks() {
        SequentialBlock block = new SequentialBlock();
        block.add(Linear.builder().setUnits(4).build());
        block.add(Activation::relu);
        assertThrows(IllegalArgumentException.class, () -> MlpNetwork.parameterArrays(block));
    }

    @Test
    void crossEntropyGradientMatchesDjlsSoftmaxCrossEntropyLoss() {
        DjlSetup.ensure();
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            float[] values = SeededArrays.gaussian(ROWS * CLASSES, 9);
            long[] labels = SeededArrays.classes(ROWS, CLASSES, 11);

            NDArray logits = m.create(values, new Shape(ROWS, CLASSES));
            logits.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                gc.backward(Loss.softmaxCrossEntropyLoss()
                        .evaluate(new NDList(m.create(labels, new Shape(ROWS))), new NDList(logits)));
            }

            float[] oneHot = new float[ROWS * CLASSES];
            for (int i = 0; i < ROWS; i++) {
                oneHot[i * CLASSES + (int) labels[i]] = 1f / ROWS;
            }
            float[] direct = EpochRunner.crossEntropyGradient(m.create(values, new Shape(ROWS, CLASSES)),
                    m.create(oneHot, new Shape(ROWS, CLASSES)), ROWS).toFloatArray();

            float[] viaDjl = logits.getGradient().toFloatArray();
            // Gradients are about 1/64 here; float rounding of the two formulas differs far below that.
            assertArrayEquals(viaDjl, direct, 1e-8f);
            assertEquals(0, sum(direct), 1e-7, "each row's gradient sums to zero");
        }
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f;
        }
        return s;
    }
}
