package io.edgemlops.store;

/**
 * Any failure talking to the object store. Messages name the bucket and key involved so a user
 * can tell which store and which object went wrong without a stack trace.
 */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
