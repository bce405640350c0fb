package io.edgemlops.store;

/** Content read from the store does not match its recorded SHA-256: it was tampered with or corrupted. */
public class IntegrityException extends StoreException {

    public IntegrityException(String message) {
        super(message);
    }
}
