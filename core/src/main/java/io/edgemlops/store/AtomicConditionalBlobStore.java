package io.edgemlops.store;

import java.io.InputStream;
import java.nio.file.Path;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Makes s3proxy's conditional writes atomic. s3proxy checks If-None-Match / If-Match and then
 * writes, without holding anything in between, so two racing writers can both pass the check
 * (measured: 8 threads x 50 compare-and-swap increments ended at 184 of 400). This wrapper
 * re-checks the condition and writes while holding the key's lock (in-process and OS file lock,
 * see {@link ConditionalWriteLocks}); unconditional writes are not serialized. It also answers flat listings
 * itself, a page at a time ({@link OrderedDirectoryListing}): s3proxy's own walks the whole prefix for every page.
 */
final class AtomicConditionalBlobStore extends ForwardingBlobStore {

    private final ConditionalWriteLocks locks;
    private final OrderedDirectoryListing listing;

    AtomicConditionalBlobStore(BlobStore delegate, Path baseDir) {
        super(delegate);
        this.locks = ConditionalWriteLocks.forDirectory(baseDir);
        this.listing = new OrderedDirectoryListing(baseDir, delegate);
    }

    /** A flat listing page in time proportional to the page, not to the prefix (see {@link OrderedDirectoryListing}). */
    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        return listing.list(request).orElseGet(() -> super.list(request));
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
        if (request.ifNoneMatch() == null && request.ifMatch() == null) {
            return super.putBlob(request, input);
        }
        return locks.withLock(request.bucket(), request.key(), () -> {
            try {
                check(request.bucket(), request.key(), request.ifNoneMatch(), request.ifMatch());
            } catch (S3ProxyException e) {
                // Read the unread request body before answering 412: otherwise Jetty closes the connection
                // and the client's next request on that pooled connection fails with "broken pipe".
                drain(input);
                throw e;
            }
            // Our check is authoritative; the delegate's own (non-atomic) check is not needed.
            PutObjectRequest plain = request.toBuilder().ifNoneMatch(null).ifMatch(null).build();
            return super.putBlob(plain, input);
        });
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
                                                                   CompleteMultipartUploadRequest request) {
        if (request.ifNoneMatch() == null && request.ifMatch() == null) {
            return super.completeMultipartUpload(upload, request);
        }
        return locks.withLock(request.bucket(), request.key(), () -> {
            check(request.bucket(), request.key(), request.ifNoneMatch(), request.ifMatch());
            return super.completeMultipartUpload(upload,
                    request.toBuilder().ifNoneMatch(null).ifMatch(null).build());
        });
    }

    private void check(String bucket, String key, String ifNoneMatch, String ifMatch) {
        HeadObjectResponse current = delegate().blobMetadataIfPresent(bucket, key);
        if (ifNoneMatch != null) {
            if (!"*".equals(ifNoneMatch.trim())) {
                throw new S3ProxyException(S3ErrorCode.NOT_IMPLEMENTED, "only If-None-Match: * is supported on writes");
            }
            if (current != null) {
                throw new S3ProxyException(S3ErrorCode.PRECONDITION_FAILED, bucket + "/" + key + " already exists");
            }
        }
        if (ifMatch != null) {
            boolean any = "*".equals(ifMatch.trim());
            if (current == null || !(any || bare(ifMatch).equals(bare(current.eTag())))) {
                throw new S3ProxyException(S3ErrorCode.PRECONDITION_FAILED, bucket + "/" + key + " does not have ETag " + ifMatch);
            }
        }
    }

    private static void drain(InputStream input) {
        try {
            input.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (java.io.IOException ignored) {
            // the connection is gone anyway
        }
    }

    private static String bare(String etag) {
        return etag == null ? "" : S3ObjectStore.normalizeEtag(etag);
    }
}
