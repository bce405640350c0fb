package io.edgemlops.store;

/** An object, bucket or registry entry that was required does not exist. */
public class NotFoundException extends StoreException {

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
