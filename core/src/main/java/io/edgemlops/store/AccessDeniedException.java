package io.edgemlops.store;

/** The store refused the credentials or the operation (HTTP 403). */
public class AccessDeniedException extends StoreException {

    public AccessDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
