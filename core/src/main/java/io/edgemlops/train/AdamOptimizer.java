package io.edgemlops.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam on the block's parameters with one fused native update per parameter.
 *
 * <p>Same update as DJL's {@code Adam} optimizer, which {@code Trainer.step()} reaches through the
 * parameter store and parameter server; that path additionally wraps every gradient in a new
 * NDArray, duplicates it and closes both on every step, i.e. several extra native calls and a copy
 * per parameter and step. Here each parameter's gradient handle is looked up once and reused
 * (PyTorch accumulates into and zeroes the same gradient tensor), and the moment estimates live as
 * long as the optimizer.
 */
final class AdamOptimizer {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final float learningRate;
    private final float weightDecay;
    private final List<Slot> slots = new ArrayList<>();
    private int steps;

    private static final class Slot {
        final NDArray weight;
        final NDArray mean;
        final NDArray variance;
        NDArray gradient;

        Slot(NDArray weight) {
            this.weight = weight;
            this.mean = weight.zerosLike();
            this.variance = weight.zerosLike();
        }
    }

    /**
     * @param block an initialised block; its parameters that require gradients are optimised
     * @param learningRate Adam's step size
     * @param weightDecay L2 penalty added to the gradient (0 for none)
     */
    AdamOptimizer(Block block, float learningRate, float weightDecay) {
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                slots.add(new Slot(p.getValue().getArray()));
            }
        }
    }

    /** Applies one update from the gradients of the last backward pass and zeroes them. */
    void step() {
        steps++;
        double coef1 = 1 - Math.pow(BETA1, steps);
        double coef2 = 1 - Math.pow(BETA2, steps);
        float corrected = (float) (learningRate * Math.sqrt(coef2) / coef1);
        for (Slot s : slots) {
            if (s.gradient == null) {
                s.gradient = s.weight.getGradient();
            }
            s.weight.getNDArrayInternal().adamUpdate(new NDList(s.weight, s.gradient, s.mean, s.variance),
                    new NDList(s.weight), learningRate, corrected, weightDecay, 1f, -1f, BETA1, BETA2, EPSILON,
                    true, false);
        }
    }
}
