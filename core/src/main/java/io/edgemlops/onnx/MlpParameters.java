package io.edgemlops.onnx;

import java.util.List;

/**
 * A trained multilayer perceptron as plain numbers, independent of the framework that trained it:
 * input standardisation, dense layers (ReLU between them) and the output transform.
 *
 * <p>The network computes {@code z = (x - inputMean) * inputScale}, then for each layer
 * {@code z = z · Wᵀ + b} with ReLU after every layer but the last. Classification applies softmax
 * to the last layer; regression returns {@code z * targetScale + targetMean} (undoing a target
 * standardisation; scale 1 and mean 0 if the target was not standardised).
 *
 * @param inputMean per input column mean subtracted first
 * @param inputScale per input column factor applied after centring (1/std)
 * @param layers dense layers in order
 * @param softmax whether the output is a probability distribution (classification)
 * @param targetScale regression output scale
 * @param targetMean regression output offset
 */
public record MlpParameters(float[] inputMean, float[] inputScale, List<Dense> layers, boolean softmax,
                            float targetScale, float targetMean) {

    public MlpParameters {
        if (inputMean.length != inputScale.length) {
            throw new IllegalArgumentException("inputMean and inputScale differ in length");
        }
        layers = List.copyOf(layers);
        int in = inputMean.length;
        for (Dense d : layers) {
            if (d.inputs() != in) {
                throw new IllegalArgumentException("layer expects " + d.inputs() + " inputs, previous gives " + in);
            }
            in = d.outputs();
        }
    }

    /** Input width. */
    public int inputs() {
        return inputMean.length;
    }

    /** Output width. */
    public int outputs() {
        return layers.get(layers.size() - 1).outputs();
    }

    /**
     * One fully connected layer.
     *
     * @param inputs input width
     * @param outputs output width
     * @param weight row-major {@code [outputs][inputs]} (the PyTorch/DJL layout)
     * @param bias {@code [outputs]}
     */
    public record Dense(int inputs, int outputs, float[] weight, float[] bias) {
        public Dense {
            if (weight.length != inputs * outputs || bias.length != outputs) {
                throw new IllegalArgumentException("dense layer " + inputs + "->" + outputs + " has "
                        + weight.length + " weights and " + bias.length + " biases");
            }
        }
    }
}
