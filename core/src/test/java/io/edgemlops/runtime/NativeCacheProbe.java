package io.edgemlops.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Run in a fresh JVM by {@link OnnxRuntimeNativesTest}: one inference through the engine's ORT entry
 * point, then prints where ORT's libraries came from and how many {@code onnxruntime-java*} folders
 * are in {@code java.io.tmpdir} while the JVM still runs.
 */
public final class NativeCacheProbe {

    public static void main(String[] args) throws Exception {
        MlpFixture mlp = MlpFixture.classifier(7);
        try (OnnxPredictor predictor = new OnnxPredictor(mlp.onnx())) {
            float[][] scores = predictor.predict(new float[2][mlp.width()]);
            System.out.println("scores=" + scores.length + "x" + scores[0].length);
        }
        System.out.println("cache=" + OnnxRuntimeNatives.cacheInUse());
        System.out.println("ortPath=" + System.getProperty(OnnxRuntimeNatives.ORT_PATH_PROPERTY));
        try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            System.out.println("ortTempFolders=" + tmp.filter(p -> p.getFileName().toString().startsWith("onnxruntime-java")).count());
        }
    }
}
