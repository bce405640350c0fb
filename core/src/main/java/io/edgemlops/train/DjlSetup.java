package io.edgemlops.train;

/**
 * Configures DJL before its first use: offline (the PyTorch natives come from the
 * pytorch-native-cpu jar, nothing is downloaded) and one intra-op and inter-op thread, which
 * trains small MLPs faster on the few cores of a build agent than PyTorch's default. Values
 * already set by the user (e.g. {@code -Dai.djl.pytorch.num_threads=4}) are kept.
 */
final class DjlSetup {

    private DjlSetup() {
    }

    static synchronized void ensure() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    }

    /** Loads the PyTorch engine (unpacking its natives on the first run on a machine); returns where they live. */
    static synchronized String loadEngine() {
        ensure();
        ai.djl.engine.Engine.getEngine("PyTorch");
        String dir = System.getenv("DJL_CACHE_DIR");
        return dir != null && !dir.isBlank() ? dir
                : java.nio.file.Path.of(System.getProperty("user.home"), ".djl.ai").toString();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
