package io.edgemlops.store;

/**
 * A conditional write lost: the object changed (If-Match) or already existed (If-None-Match)
 * since it was read. The caller re-reads and decides; nothing was overwritten.
 */
public class ConflictException extends StoreException {

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
