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

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
