package io.jenkins.plugins.edgemlops;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Receives the engine's stderr and copies it, line by line, to the build log, replacing any secret value with
 * {@code ****}. It keeps the last lines so that a failure can quote the engine's own error message.
 * Closing it flushes a final partial line but never closes the build log.
 */
public final class EngineLogStream extends OutputStream {

    static final String MASK = "****";
    private static final int MAX_LINE_BYTES = 64 * 1024;

    private final PrintStream log;
    private final List<String> secrets;
    private final int tailSize;
    private final Deque<String> tail = new ArrayDeque<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /**
     * @param log      where lines go (the build log)
     * @param secrets  values to mask
     * @param tailSize how many of the last lines to keep for error messages
     */
    public EngineLogStream(PrintStream log, List<String> secrets, int tailSize) {
        this.log = log;
        this.secrets = secrets.stream().filter(s -> !s.isEmpty()).toList();
        this.tailSize = tailSize;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emitLine();
        } else {
            line.write(b);
            if (line.size() >= MAX_LINE_BYTES) {
                emitLine();
            }
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    @Override
    public synchronized void flush() {
        log.flush();
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            emitLine();
        }
        log.flush();
    }

    /** The last lines written (masked, without line terminators), oldest first. */
    public synchronized List<String> tail() {
        return new ArrayList<>(tail);
    }

    private void emitLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        text = mask(text);
        log.println(text);
        tail.addLast(text);
        while (tail.size() > tailSize) {
            tail.removeFirst();
        }
    }

    private String mask(String text) {
        for (String secret : secrets) {
            text = text.replace(secret, MASK);
        }
        return text;
    }
}
