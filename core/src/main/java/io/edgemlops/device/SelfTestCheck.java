package io.edgemlops.device;

import ai.onnxruntime.OrtException;
import io.edgemlops.rollout.SelfTest;
import io.edgemlops.runtime.OnnxPredictor;
import java.util.List;
import java.util.Optional;

/** Runs a desired state's self-test on a loaded model: empty when it passes, else the first difference. */
final class SelfTestCheck {

    private SelfTestCheck() {
    }

    static Optional<String> run(OnnxPredictor predictor, SelfTest test, String target) {
        if (test == null || test.expected().get(target) == null) {
            return Optional.empty();
        }
        List<float[]> expected = test.expected().get(target);
        float[][] actual;
        try {
            actual = predictor.predict(test.inputs().toArray(new float[0][]));
        } catch (OrtException | RuntimeException e) {
            return Optional.of("self-test: the model failed to run: " + e.getMessage());
        }
        for (int r = 0; r < expected.size(); r++) {
            float[] want = expected.get(r);
            float[] got = actual[r];
            if (got.length != want.length) {
                return Optional.of("self-test: row " + r + " has " + got.length + " outputs, expected " + want.length);
            }
            for (int j = 0; j < want.length; j++) {
                double tolerance = test.tolerance() * Math.max(1.0, Math.abs(want[j]));
                if (!(Math.abs(got[j] - want[j]) <= tolerance)) {
                    return Optional.of("self-test: row " + r + " output " + j + " is " + got[j] + ", expected " + want[j]
                            + " ± " + (float) tolerance);
                }
            }
            if (want.length > 1 && OnnxPredictor.argmax(got) != OnnxPredictor.argmax(want)) {
                return Optional.of("self-test: row " + r + " predicts class " + OnnxPredictor.argmax(got)
                        + ", expected " + OnnxPredictor.argmax(want));
            }
        }
        return Optional.empty();
    }

}
