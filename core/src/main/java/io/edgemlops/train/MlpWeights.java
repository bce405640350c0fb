package io.edgemlops.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import io.edgemlops.onnx.MlpParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * The trainable values of a {@link MlpNetwork#build} network (weight and bias of each layer, in
 * order) held in one engine array, which the optimizer updates and the gradients land in.
 *
 * <p>Why one array: Adam treats every value alike, element by element, so a single fused update
 * over all values gives exactly the weights that one update per layer array gives, and DJL's
 * native Adam update is about a dozen tensor operations whatever the array's size. Per layer that
 * was 95 µs of a 275 µs step for the [64, 32] network at batch 64; over one array it is 23 µs
 * ({@code bench/step-profile.sh}, bench/README.md).
 *
 * <p>Each forward pass takes the layers' arrays as views of this array: one split and a reshape
 * per weight matrix. They cannot be taken once and kept, because PyTorch refuses to differentiate
 * through views of an array that the optimizer has since changed in place. Taken inside a gradient
 * collector, the views carry each layer's gradient back into this array's gradient.
 */
final class MlpWeights {

    private final NDArray values;
    private final Shape[] shapes;
    private final long[] cuts;

    private MlpWeights(NDArray values, Shape[] shapes, long[] cuts) {
        this.values = values;
        this.shapes = shapes;
        this.cuts = cuts;
    }

    /**
     * A copy of an initialised block's values, in {@code manager}, that records gradients; the
     * block's own arrays are not trained from then on.
     */
    static MlpWeights copyOf(SequentialBlock block, NDManager manager) {
        NDArray[] layers = MlpNetwork.parameterArrays(block);
        Shape[] shapes = new Shape[layers.length];
        long[] cuts = new long[layers.length - 1];
        int total = 0;
        for (int i = 0; i < layers.length; i++) {
            shapes[i] = layers[i].getShape();
            total = Math.addExact(total, Math.toIntExact(shapes[i].size()));
            if (i < cuts.length) {
                cuts[i] = total;
            }
        }
        float[] all = new float[total];
        int at = 0;
        for (NDArray layer : layers) {
            float[] v = layer.toFloatArray();
            System.arraycopy(v, 0, all, at, v.length);
            at += v.length;
        }
        NDArray values = manager.create(all);
        values.setRequiresGradient(true);
        return new MlpWeights(values, shapes, cuts);
    }

    /** The array of all values: what the optimizer updates. */
    NDArray values() {
        return values;
    }

    /**
     * The network's output for {@code x}; every array it creates belongs to {@code x}'s manager.
     * Inside a gradient collector the backward pass fills {@link #values()}'s gradient.
     */
    NDArray forward(NDArray x) {
        NDList pieces = values.split(cuts);
        pieces.attach(x.getManager());
        NDArray[] layers = new NDArray[shapes.length];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = shapes[i].dimension() == 1 ? pieces.get(i) : pieces.get(i).reshape(shapes[i]);
        }
        return MlpNetwork.forward(layers, x);
    }

    /** Weights and biases of each layer, in order, copied out of the engine. */
    List<MlpParameters.Dense> layers() {
        float[] all = values.toFloatArray();
        List<MlpParameters.Dense> out = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < shapes.length; i += 2) {
            int outputs = (int) shapes[i].get(0);
            int inputs = (int) shapes[i].get(1);
            float[] w = new float[outputs * inputs];
            System.arraycopy(all, at, w, 0, w.length);
            at += w.length;
            float[] b = new float[outputs];
            System.arraycopy(all, at, b, 0, b.length);
            at += b.length;
            out.add(new MlpParameters.Dense(inputs, outputs, w, b));
        }
        return out;
    }
}
