package io.edgemlops.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Adam on one array of values, one fused native update per step.
 *
 * <p>Same update as DJL's {@code Adam} optimizer, which {@code Trainer.step()} reaches through the
 * parameter store and parameter server; that path additionally wraps every gradient in a new
 * NDArray, duplicates it and closes both on every step, and runs once per parameter array. Here
 * all of the network's values are one array ({@link MlpWeights}), its gradient handle is looked up
 * once and reused (PyTorch accumulates into and the update zeroes the same gradient tensor), and
 * the moment estimates live as long as the optimizer.
 */
final class AdamOptimizer {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final float learningRate;
    private final float weightDecay;
    private final NDArray weights;
    private final NDArray mean;
    private final NDArray variance;
    private NDArray gradient;
    private int steps;

    /**
     * @param weights the values to optimise; they record gradients
     * @param learningRate Adam's step size
     * @param weightDecay L2 penalty added to the gradient (0 for none)
     */
    AdamOptimizer(NDArray weights, float learningRate, float weightDecay) {
        this.weights = weights;
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
        this.mean = weights.zerosLike();
        this.variance = weights.zerosLike();
    }

    /** Applies one update from the gradient of the last backward pass and zeroes it. */
    void step() {
        steps++;
        double coef1 = 1 - Math.pow(BETA1, steps);
        double coef2 = 1 - Math.pow(BETA2, steps);
        float corrected = (float) (learningRate * Math.sqrt(coef2) / coef1);
        if (gradient == null) {
            gradient = weights.getGradient();
        }
        weights.getNDArrayInternal().adamUpdate(new NDList(weights, gradient, mean, variance),
                new NDList(weights), learningRate, corrected, weightDecay, 1f, -1f, BETA1, BETA2, EPSILON,
                true, false);
    }
}
