package io.edgemlops.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import io.edgemlops.onnx.MlpParameters;
import java.util.ArrayList;
import java.util.List;

/** The DJL block of an MLP (Linear and ReLU layers) and the reading of its trained weights. */
final class MlpNetwork {

    private MlpNetwork() {
    }

    /** Linear+ReLU per hidden size, then a Linear layer with {@code outputs} units (logits or the value). */
    static SequentialBlock build(List<Integer> hidden, int outputs) {
        SequentialBlock block = new SequentialBlock();
        for (int h : hidden) {
            block.add(Linear.builder().setUnits(h).build());
            block.add(Activation::relu);
        }
        block.add(Linear.builder().setUnits(outputs).build());
        return block;
    }

    /** Weights and biases of each Linear layer, in order, copied out of the engine. */
    static List<MlpParameters.Dense> layers(SequentialBlock block) {
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
}
