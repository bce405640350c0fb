package io.edgemlops.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;

/** The DJL block of an MLP (Linear and ReLU layers) and its forward pass on given layer arrays. */
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

    /**
     * The arrays the block trains: weight and bias of each Linear layer, in order. Checks that the
     * block has the shape {@link #build} gives it, which {@link #forward} relies on.
     */
    static NDArray[] parameterArrays(SequentialBlock block) {
        List<Linear> linears = new ArrayList<>();
        boolean expectLinear = true;
        for (Block child : block.getChildren().values()) {
            boolean fits = expectLinear ? child instanceof Linear : child instanceof LambdaBlock;
            if (!fits) {
                throw new IllegalArgumentException("not a Linear/ReLU block from MlpNetwork.build: " + block);
            }
            if (child instanceof Linear linear) {
                linears.add(linear);
            }
            expectLinear = !expectLinear;
        }
        if (expectLinear) {
            throw new IllegalArgumentException("block does not end with a Linear layer: " + block);
        }
        NDArray[] out = new NDArray[2 * linears.size()];
        for (int i = 0; i < linears.size(); i++) {
            out[2 * i] = linears.get(i).getParameters().get("weight").getArray();
            out[2 * i + 1] = linears.get(i).getParameters().get("bias").getArray();
        }
        return out;
    }

    /**
     * The training forward pass of a {@link #build} block on its {@link #parameterArrays}: the
     * same native linear and relu calls as the block's own forward, without the block tree and
     * parameter store walk around them. The arrays it creates belong to {@code x}'s manager.
     */
    static NDArray forward(NDArray[] parameters, NDArray x) {
        NDArray h = x;
        for (int i = 0; i < parameters.length; i += 2) {
            if (i > 0) {
                h = Activation.relu(h);
            }
            h = Linear.linear(h, parameters[i], parameters[i + 1]).singletonOrThrow();
        }
        return h;
    }
}
