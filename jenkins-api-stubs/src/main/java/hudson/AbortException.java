package hudson;

import java.io.IOException;

/** Stub: an expected failure; Jenkins prints {@code ERROR: <message>} without a stack trace. */
public class AbortException extends IOException {
    public AbortException(String message) {
        throw new UnsupportedOperationException("stub");
    }
}
