package io.edgemlops.store;

/** The store could not be reached (connection refused, timeout, DNS) within the bounded retries. */
public class StoreUnavailableException extends StoreException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
