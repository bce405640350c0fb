package io.edgemlops.store;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** Opens a {@link StoreLocation}: the S3 client, plus the embedded server for {@code local:} stores. */
public final class Stores {

    private Stores() {
    }

    /** Opens with default timeouts and part size. */
    public static OpenStore open(StoreLocation location) {
        return open(location, StoreTimeouts.defaults());
    }

    /**
     * Opens a store. For {@code local:DIR} this starts an embedded server on DIR that lives until the
     * returned handle is closed. For S3, credentials come from the standard AWS chain (environment
     * variables, system properties, profile, container/instance role).
     */
    public static OpenStore open(StoreLocation location, StoreTimeouts timeouts) {
        if (location.isLocal()) {
            EmbeddedS3Server server = EmbeddedS3Server.start(location.localDir());
            try {
                S3ObjectStore store = new S3ObjectStore(location, server.endpoint(), server.credentials(), timeouts,
                        S3ObjectStore.DEFAULT_PART_SIZE);
                return new OpenStore(store, server);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }
        AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        return new OpenStore(new S3ObjectStore(location, location.endpoint(), credentials, timeouts,
                S3ObjectStore.DEFAULT_PART_SIZE), null);
    }
}
