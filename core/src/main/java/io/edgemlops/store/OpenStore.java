package io.edgemlops.store;

/**
 * An open store and whatever it owns (the embedded server of a {@code local:} store). Close it when
 * done; closing stops the server.
 */
public final class OpenStore implements AutoCloseable {

    private final S3ObjectStore store;
    private final EmbeddedS3Server server;

    OpenStore(S3ObjectStore store, EmbeddedS3Server server) {
        this.store = store;
        this.server = server;
    }

    /** The store. */
    public ObjectStore store() {
        return store;
    }

    /** The location opened. */
    public StoreLocation location() {
        return store.location();
    }

    /** The embedded server's endpoint for a local store (e.g. to hand to a child process), or null. */
    public java.net.URI localEndpoint() {
        return server == null ? null : server.endpoint();
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }
}
