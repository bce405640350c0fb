package io.edgemlops.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * An S3 server on 127.0.0.1 (free port) serving a directory, so the whole loop runs without any
 * cloud: s3proxy with its filesystem blob store, wrapped so conditional writes are atomic even when
 * several processes serve the same directory. Starts in about half a second.
 */
public final class EmbeddedS3Server implements AutoCloseable {

    /** Fixed credentials of the embedded server; it listens on loopback only. */
    public static final String ACCESS_KEY = "edge-mlops-local";
    public static final String SECRET_KEY = "edge-mlops-local-secret";

    private final Path baseDir;
    private final S3Proxy proxy;
    private final BlobStore blobStore;
    private final URI endpoint;

    private EmbeddedS3Server(Path baseDir, S3Proxy proxy, BlobStore blobStore, URI endpoint) {
        this.baseDir = baseDir;
        this.proxy = proxy;
        this.blobStore = blobStore;
        this.endpoint = endpoint;
    }

    /**
     * Starts a server on {@code baseDir} (created if missing) with bucket {@link StoreLocation#LOCAL_BUCKET}.
     *
     * @throws StoreException if the server cannot start
     */
    public static EmbeddedS3Server start(Path baseDir) {
        Path dir = baseDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create local store directory " + dir + ": " + e.getMessage(), e);
        }
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", dir.toString());
        BlobStore blobStore = new AtomicConditionalBlobStore(BlobStores.create("filesystem", props), dir);
        if (!blobStore.containerExists(StoreLocation.LOCAL_BUCKET)) {
            try {
                blobStore.createContainer(StoreLocation.LOCAL_BUCKET);
            } catch (RuntimeException e) {
                // Another process created it at the same moment.
                if (!blobStore.containerExists(StoreLocation.LOCAL_BUCKET)) {
                    throw new StoreException("cannot create bucket in local store " + dir + ": " + e.getMessage(), e);
                }
            }
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new StoreException("embedded S3 server for " + dir + " did not start (state " + proxy.getState() + ")");
                }
                Thread.sleep(5);
            }
        } catch (StoreException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreException("cannot start the embedded S3 server for " + dir + ": " + e.getMessage(), e);
        }
        return new EmbeddedS3Server(dir, proxy, blobStore, URI.create("http://127.0.0.1:" + proxy.getPort()));
    }

    /** The server's HTTP endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The directory served. */
    public Path baseDir() {
        return baseDir;
    }

    /** The fixed credentials every embedded server accepts. */
    public static AwsCredentialsProvider localCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** The server's fixed credentials. */
    public AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new StoreException("cannot stop the embedded S3 server for " + baseDir + ": " + e.getMessage(), e);
        } finally {
            blobStore.close();
        }
    }
}
