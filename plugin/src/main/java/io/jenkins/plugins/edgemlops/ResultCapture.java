package io.jenkins.plugins.edgemlops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Collects the engine's stdout (the JSON result) in the controller's memory, up to a limit, so a misbehaving engine
 * cannot exhaust the controller's heap.
 */
public final class ResultCapture extends OutputStream {

    /** Results are small maps; 8 MiB is far beyond any real one. */
    public static final int DEFAULT_LIMIT = 8 * 1024 * 1024;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final int limit;
    private boolean overflowed;

    public ResultCapture(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] data, int offset, int length) {
        int room = limit - bytes.size();
        if (length > room) {
            overflowed = true;
        }
        bytes.write(data, offset, Math.max(0, Math.min(length, room)));
    }

    /** True when the engine printed more than the limit; the text is then truncated. */
    public synchronized boolean overflowed() {
        return overflowed;
    }

    public synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
