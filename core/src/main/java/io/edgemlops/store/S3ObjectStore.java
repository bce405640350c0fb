package io.edgemlops.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link ObjectStore} over the AWS SDK v2 S3 client (Apache HTTP client), for AWS S3 and any
 * S3-compatible server (MinIO, Ceph, the embedded server).
 *
 * <p>Checksums are only computed/validated when the operation requires them: the SDK's default
 * {@code aws-chunked} uploads stall on several S3-compatible servers. Integrity of content is
 * instead guaranteed end to end by SHA-256 content addressing ({@link #putBlob}/{@link #getBlob}).
 *
 * <p>Servers differ in how they answer conditional writes; this class makes them alike (see
 * docs/storage.md): ETags are handed out and sent in If-Match without quotes, a lost race is a
 * {@link ConflictException} (or {@code false} from {@link #createIfAbsent}) whether the server said
 * 412, 409 or 500, and If-Match on a missing key is a conflict whether it said 404 or 412.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {

    /** Files larger than this are uploaded in parts of this size. */
    public static final int DEFAULT_PART_SIZE = 16 * 1024 * 1024;

    private static final AtomicLong UNSETTLED = new AtomicLong();
    /** Counts every attempt (the SDK's own retries included) of a conditional write answered 409 or 5xx. */
    private static final ExecutionInterceptor UNSETTLED_COUNTER = new ExecutionInterceptor() {
        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            int status = context.httpResponse().statusCode();
            var request = context.httpRequest();
            if ((status == 409 || status >= 500) && (request.firstMatchingHeader("If-Match").isPresent()
                    || request.firstMatchingHeader("If-None-Match").isPresent())) {
                UNSETTLED.incrementAndGet();
            }
        }
    };

    private final StoreLocation location;
    private final URI endpoint;
    private final S3Client s3;
    private final int partSize;
    private final boolean ownsClient;

    /**
     * @param location bucket and prefix
     * @param endpoint effective endpoint (the embedded server's for local stores), or null for AWS
     * @param credentials credentials provider
     * @param timeouts network bounds
     * @param partSize multipart threshold and part size in bytes (at least 5 MiB)
     */
    public S3ObjectStore(StoreLocation location, URI endpoint, AwsCredentialsProvider credentials,
                         StoreTimeouts timeouts, int partSize) {
        if (partSize < 5 * 1024 * 1024) {
            throw new IllegalArgumentException("part size " + partSize + " is below the S3 minimum of 5 MiB");
        }
        this.location = location;
        this.endpoint = endpoint;
        this.partSize = partSize;
        var builder = S3Client.builder()
                .region(Region.of(location.region()))
                .credentialsProvider(credentials)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(timeouts.connect())
                        .socketTimeout(timeouts.socket())
                        // Drop pooled connections idle for 10 s, before a server's own idle timeout closes them
                        // (Jetty's default, used by the embedded server, is 30 s; the SDK's is 60 s): reusing a
                        // connection the server closed fails with "broken pipe".
                        .connectionMaxIdleTime(Duration.ofSeconds(10))
                        .maxConnections(32))
                .overrideConfiguration(c -> c
                        .addExecutionInterceptor(UNSETTLED_COUNTER)
                        .apiCallTimeout(timeouts.apiCall())
                        // Standard strategy: exponential backoff with jitter on throttling, 5xx and I/O errors.
                        // Without its client-wide retry quota ("circuit breaker"): each call is already bounded by
                        // maxAttempts, and the quota, once drained by a burst of lost conditional writes (a server
                        // may close the connection after answering 412), made later I/O errors fail at once.
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(timeouts.maxAttempts()).circuitBreakerEnabled(false).build()));
        if (endpoint != null) {
            builder.endpointOverride(endpoint).forcePathStyle(true);
        } else if (location.pathStyle()) {
            builder.forcePathStyle(true);
        }
        this.s3 = builder.build();
        this.ownsClient = true;
    }

    private S3ObjectStore(StoreLocation location, URI endpoint, S3Client s3, int partSize) {
        this.location = location;
        this.endpoint = endpoint;
        this.s3 = s3;
        this.partSize = partSize;
        this.ownsClient = false;
    }

    @Override
    public ObjectStore at(String bucket, String prefix) {
        String p = prefix == null ? "" : prefix;
        StoreLocation view = new StoreLocation("s3://" + bucket + (p.isEmpty() ? "" : "/" + p), bucket, p,
                location.endpoint(), location.pathStyle(), location.region(), location.localDir());
        return new S3ObjectStore(view, endpoint, s3, partSize);
    }

    @Override
    public StoreLocation location() {
        return location;
    }

    @Override
    public PutResult putBytes(String key, byte[] bytes) {
        String sha = Sha256.of(bytes);
        PutObjectResponse r = call("write", key, () -> s3.putObject(putRequest(key, bytes.length).build(),
                RequestBody.fromBytes(bytes)));
        return new PutResult(key, bytes.length, normalizeEtag(r.eTag()), sha);
    }

    @Override
    public PutResult putFile(String key, Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (size <= partSize) {
            String sha = Sha256.of(file);
            PutObjectResponse r = call("write", key, () -> s3.putObject(putRequest(key, size).build(),
                    RequestBody.fromFile(file)));
            return new PutResult(key, size, normalizeEtag(r.eTag()), sha);
        }
        return putMultipart(key, file, size);
    }

    // Parts are invisible until CompleteMultipartUpload: a failure aborts and leaves nothing under the key.
    private PutResult putMultipart(String key, Path file, long size) {
        String full = location.fullKey(key);
        String uploadId = call("start upload of", key, () -> s3.createMultipartUpload(b -> b
                .bucket(location.bucket()).key(full).contentType("application/octet-stream"))).uploadId();
        MessageDigest digest = Sha256.newDigest();
        List<CompletedPart> parts = new ArrayList<>();
        boolean done = false;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[partSize];
            int partNumber = 1;
            while (true) {
                int n = in.readNBytes(buf, 0, partSize);
                if (n == 0) {
                    break;
                }
                digest.update(buf, 0, n);
                int pn = partNumber++;
                RequestBody body = RequestBody.fromByteBuffer(ByteBuffer.wrap(buf, 0, n));
                String etag = call("upload part " + pn + " of", key, () -> s3.uploadPart(b -> b
                        .bucket(location.bucket()).key(full).uploadId(uploadId).partNumber(pn)
                        .contentLength((long) n), body)).eTag();
                parts.add(CompletedPart.builder().partNumber(pn).eTag(etag).build());
                if (n < partSize) {
                    break;
                }
            }
            String etag = call("complete upload of", key, () -> s3.completeMultipartUpload(b -> b
                    .bucket(location.bucket()).key(full).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)))).eTag();
            done = true;
            return new PutResult(key, size, normalizeEtag(etag), Sha256.hex(digest));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } finally {
            if (!done) {
                try {
                    s3.abortMultipartUpload(b -> b.bucket(location.bucket()).key(full).uploadId(uploadId));
                } catch (SdkException ignored) {
                    // Best effort: an orphaned upload is invisible and expires by bucket policy.
                }
            }
        }
    }

    @Override
    public Optional<byte[]> getBytes(String key) {
        return getVersioned(key).map(VersionedBytes::bytes);
    }

    @Override
    public Optional<VersionedBytes> getIfChanged(String key, String knownEtag) {
        if (knownEtag == null) {
            return getVersioned(key);
        }
        try {
            var r = s3.getObjectAsBytes(b -> b.bucket(location.bucket()).key(location.fullKey(key))
                    .ifNoneMatch(quoted(knownEtag)));
            String etag = normalizeEtag(r.response().eTag());
            // A server that ignores If-None-Match answers 200 with the same ETag: still unchanged.
            return Optional.of(knownEtag.equals(etag) ? VersionedBytes.UNCHANGED : new VersionedBytes(r.asByteArray(),
                    etag));
        } catch (SdkException e) {
            if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException ase
                    && ase.statusCode() == 304) {
                return Optional.of(VersionedBytes.UNCHANGED);
            }
            if (isMissingKey(e)) {
                return Optional.empty();
            }
            throw translate("read", key, e);
        }
    }

    private static String quoted(String etag) {
        return etag.startsWith("\"") ? etag : "\"" + etag + "\"";
    }

    @Override
    public Optional<VersionedBytes> getVersioned(String key) {
        try {
            var r = s3.getObjectAsBytes(b -> b.bucket(location.bucket()).key(location.fullKey(key)));
            return Optional.of(new VersionedBytes(r.asByteArray(), normalizeEtag(r.response().eTag())));
        } catch (SdkException e) {
            if (isMissingKey(e)) {
                return Optional.empty();
            }
            throw translate("read", key, e);
        }
    }

    @Override
    public Optional<ObjectInfo> getToFile(String key, Path target) {
        return download(key, target, null);
    }

    /** Streams to a temp file next to target, optionally verifying a SHA-256, then moves it into place. */
    private Optional<ObjectInfo> download(String key, Path target, String expectedSha) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
            MessageDigest digest = Sha256.newDigest();
            GetObjectResponse response;
            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b
                    .bucket(location.bucket()).key(location.fullKey(key)));
                 OutputStream out = Files.newOutputStream(tmp)) {
                response = in.response();
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    digest.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            }
            if (expectedSha != null) {
                String actual = Sha256.hex(digest);
                if (!actual.equals(expectedSha)) {
                    throw corrupt(key, actual);
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            return Optional.of(new ObjectInfo(key, response.contentLength(), normalizeEtag(response.eTag()),
                    response.lastModified()));
        } catch (SdkException e) {
            if (isMissingKey(e)) {
                return Optional.empty();
            }
            throw translate("read", key, e);
        } catch (IOException e) {
            throw new StoreException("cannot download " + location.describe(key) + " to " + target + ": " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do; the temp name never collides with a final name
                }
            }
        }
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        try {
            HeadObjectResponse r = s3.headObject(b -> b.bucket(location.bucket()).key(location.fullKey(key)));
            return Optional.of(new ObjectInfo(key, r.contentLength(), normalizeEtag(r.eTag()), r.lastModified()));
        } catch (SdkException e) {
            if (isMissingKey(e)) {
                return Optional.empty();
            }
            throw translate("inspect", key, e);
        }
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        String fullPrefix = location.fullKey(prefix);
        int strip = location.prefix().isEmpty() ? 0 : location.prefix().length() + 1;
        List<ObjectInfo> out = new ArrayList<>();
        call("list", prefix, () -> {
            ListObjectsV2Request req = ListObjectsV2Request.builder().bucket(location.bucket()).prefix(fullPrefix).build();
            for (S3Object o : s3.listObjectsV2Paginator(req).contents()) {
                out.add(new ObjectInfo(o.key().substring(strip), o.size(), normalizeEtag(o.eTag()), o.lastModified()));
            }
            return null;
        });
        return out;
    }

    /** Keys per ListObjectsV2 and per DeleteObjects request: the S3 maximum. */
    static final int KEYS_PER_REQUEST = 1000;

    @Override
    public List<ObjectInfo> listPage(String prefix, String startAfter, int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, got " + maxKeys);
        }
        String fullPrefix = location.fullKey(prefix);
        int strip = location.prefix().isEmpty() ? 0 : location.prefix().length() + 1;
        List<ObjectInfo> out = new ArrayList<>();
        return call("list", prefix, () -> {
            String token = null;
            // A server may answer a truncated page shorter than asked (S3 allows it): go on until the page is full
            // or the listing ends, so that a short page always means the end.
            while (out.size() < maxKeys) {
                ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(location.bucket())
                        .prefix(fullPrefix).maxKeys(Math.min(KEYS_PER_REQUEST, maxKeys - out.size()));
                if (token != null) {
                    req.continuationToken(token);
                } else if (startAfter != null) {
                    req.startAfter(location.fullKey(startAfter));
                }
                ListObjectsV2Response r = s3.listObjectsV2(req.build());
                for (S3Object o : r.contents()) {
                    if (out.size() < maxKeys) {
                        out.add(new ObjectInfo(o.key().substring(strip), o.size(), normalizeEtag(o.eTag()),
                                o.lastModified()));
                    }
                }
                if (!Boolean.TRUE.equals(r.isTruncated()) || r.nextContinuationToken() == null) {
                    break;
                }
                token = r.nextContinuationToken();
            }
            return out;
        });
    }

    @Override
    public List<String> listPrefixes(String prefix) {
        String fullPrefix = location.fullKey(prefix);
        int strip = location.prefix().isEmpty() ? 0 : location.prefix().length() + 1;
        List<String> out = new ArrayList<>();
        call("list", prefix, () -> {
            ListObjectsV2Request req = ListObjectsV2Request.builder().bucket(location.bucket())
                    .prefix(fullPrefix).delimiter("/").build();
            for (CommonPrefix p : s3.listObjectsV2Paginator(req).commonPrefixes()) {
                out.add(p.prefix().substring(strip));
            }
            return null;
        });
        return out;
    }

    @Override
    public void delete(String key) {
        try {
            s3.deleteObject(b -> b.bucket(location.bucket()).key(location.fullKey(key)));
        } catch (SdkException e) {
            if (!isMissingKey(e)) {
                throw translate("delete", key, e);
            }
        }
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        for (int from = 0; from < distinct.size(); from += KEYS_PER_REQUEST) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + KEYS_PER_REQUEST));
            List<ObjectIdentifier> ids = chunk.stream()
                    .map(k -> ObjectIdentifier.builder().key(location.fullKey(k)).build()).toList();
            // Multi-object delete works on every server the contract suite runs on (the embedded s3proxy 4.1.0 and
            // Ceph RGW 16.2, both with the SDK's CRC32 request checksum), so there is no fallback to one DELETE per
            // key. Quiet: the answer lists only the keys that could not be deleted. A missing key is deleted as far as
            // S3 is concerned (no error), like a single DELETE.
            DeleteObjectsResponse r = call("delete", chunk.get(0) + " (and " + (chunk.size() - 1) + " more keys)",
                    () -> s3.deleteObjects(b -> b.bucket(location.bucket()).delete(d -> d.objects(ids).quiet(true))));
            for (S3Error e : r.errors()) {
                if ("NoSuchKey".equals(e.code())) {
                    continue;
                }
                String key = e.key() != null && e.key().startsWith(location.fullKey("")) ? e.key()
                        .substring(location.fullKey("").length()) : String.valueOf(e.key());
                String what = "cannot delete " + location.describe(key) + ": " + e.code() + " " + e.message()
                        + " (" + r.errors().size() + " of " + chunk.size() + " keys of one request refused)";
                throw "AccessDenied".equals(e.code())
                        ? new AccessDeniedException(what + ": check the AWS credentials and the bucket policy", null)
                        : new StoreException(what);
            }
        }
    }

    /**
     * Calls the store makes for one conditional write while the server answers 409 or 5xx and the key
     * shows no winner; each call includes the SDK's own retries of a 5xx.
     */
    static final int CONDITIONAL_ATTEMPTS = 6;

    @Override
    public boolean createIfAbsent(String key, byte[] bytes) {
        for (int attempt = 1; ; attempt++) {
            try {
                s3.putObject(putRequest(key, bytes.length).ifNoneMatch("*").build(), RequestBody.fromBytes(bytes));
                return true;
            } catch (SdkException e) {
                int status = status(e);
                if (status == 412) {
                    return false;
                }
                if (!isUnsettledConditionalWrite(e)) {
                    throw translate("create", key, e);
                }
                // 409: another conditional write to this key is in flight. 5xx: some servers (Ceph RGW) answer
                // 500 to the loser of a race and apply nothing. Either way the key tells who won.
                if (head(key).isPresent()) {
                    return false;
                }
                if (attempt >= CONDITIONAL_ATTEMPTS) {
                    throw translate("create", key, e);
                }
                backoff(attempt);
            }
        }
    }

    @Override
    public String compareAndSwap(String key, byte[] bytes, String expectedEtag) {
        String expected = normalizeEtag(expectedEtag);
        if (expected == null || expected.isBlank()) {
            throw new IllegalArgumentException("compare-and-swap of " + location.describe(key) + " needs an expected ETag");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                // The bare value: Ceph RGW refuses a quoted If-Match even when it is the current ETag; AWS S3,
                // MinIO and the embedded server accept both.
                return normalizeEtag(s3.putObject(putRequest(key, bytes.length).ifMatch(expected).build(),
                        RequestBody.fromBytes(bytes)).eTag());
            } catch (SdkException e) {
                int status = status(e);
                // 412 when it changed; for a key that no longer exists AWS answers 404, Ceph and the embedded
                // server 412: both are the same conflict here.
                if (status == 412 || (status == 404 && isMissingKey(e))) {
                    throw conflict(key, expected, e);
                }
                if (!isUnsettledConditionalWrite(e)) {
                    throw translate("update", key, e);
                }
                // 409 or 5xx: the server did not say whether the condition held. If the object is no longer at
                // the expected ETag, someone else's write won: a conflict, never a success.
                Optional<ObjectInfo> now = head(key);
                if (now.isEmpty() || !expected.equals(now.get().etag())) {
                    throw conflict(key, expected, e);
                }
                if (attempt >= CONDITIONAL_ATTEMPTS) {
                    throw translate("update", key, e);
                }
                backoff(attempt);
            }
        }
    }

    private ConflictException conflict(String key, String expectedEtag, SdkException e) {
        return new ConflictException(location.describe(key) + " was changed or deleted by someone else (expected ETag "
                + expectedEtag + ", server answered HTTP " + status(e) + "); re-read and retry", e);
    }

    /** A conditional write the server neither applied nor refused outright: 409 or 5xx. */
    private static boolean isUnsettledConditionalWrite(SdkException e) {
        int status = status(e);
        return status == 409 || status >= 500;
    }

    /**
     * How many attempts of conditional writes, in this JVM so far, the server answered with 409 or
     * 5xx instead of success or 412 (Ceph RGW answers 500 to the loser of a race): a diagnostic figure.
     */
    public static long unsettledConditionalAnswers() {
        return UNSETTLED.get();
    }

    /**
     * An ETag as compared and sent in If-Match: without surrounding quotes and without a weak
     * {@code W/} prefix (servers differ: Ceph RGW and AWS return {@code "abc"}, and Ceph accepts only
     * {@code abc} in If-Match).
     */
    public static String normalizeEtag(String etag) {
        if (etag == null) {
            return null;
        }
        String e = etag.trim();
        if (e.startsWith("W/") || e.startsWith("w/")) {
            e = e.substring(2);
        }
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            e = e.substring(1, e.length() - 1);
        }
        return e;
    }

    @Override
    public BlobRef putBlob(byte[] bytes) {
        BlobRef ref = new BlobRef(Sha256.of(bytes), bytes.length);
        if (!existsWithSize(ref)) {
            putBytes(ref.key(), bytes);
        }
        return ref;
    }

    @Override
    public BlobRef putBlob(Path file) {
        String sha = Sha256.of(file);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        BlobRef ref = new BlobRef(sha, size);
        if (!existsWithSize(ref)) {
            PutResult r = putFile(ref.key(), file);
            if (!r.sha256().equals(sha)) {
                // The file changed while uploading: the stored content does not match its address.
                delete(ref.key());
                throw new StoreException("file " + file + " changed while it was uploaded to " + location.describe(ref.key()));
            }
        }
        return ref;
    }

    private boolean existsWithSize(BlobRef ref) {
        return head(ref.key()).map(i -> i.size() == ref.size()).orElse(false);
    }

    @Override
    public byte[] getBlob(String sha256) {
        String key = BlobRef.keyOf(sha256);
        byte[] bytes = getBytes(key).orElseThrow(() -> missingBlob(key));
        String actual = Sha256.of(bytes);
        if (!actual.equals(sha256.toLowerCase())) {
            throw corrupt(key, actual);
        }
        return bytes;
    }

    @Override
    public void getBlobToFile(String sha256, Path target) {
        String key = BlobRef.keyOf(sha256);
        if (download(key, target, sha256.toLowerCase()).isEmpty()) {
            throw missingBlob(key);
        }
    }

    @Override
    public void close() {
        if (ownsClient) {
            s3.close();
        }
    }

    private NotFoundException missingBlob(String key) {
        return new NotFoundException("blob " + location.describe(key) + " does not exist");
    }

    private IntegrityException corrupt(String key, String actual) {
        return new IntegrityException("blob " + location.describe(key) + " is corrupt or was tampered with: its content hashes to "
                + actual);
    }

    private PutObjectRequest.Builder putRequest(String key, long length) {
        return PutObjectRequest.builder().bucket(location.bucket()).key(location.fullKey(key))
                .contentLength(length).contentType(key.endsWith(".json") ? "application/json" : "application/octet-stream");
    }

    private <T> T call(String op, String key, Supplier<T> action) {
        try {
            return action.get();
        } catch (SdkException e) {
            throw translate(op, key, e);
        }
    }

    private static int status(SdkException e) {
        return e instanceof AwsServiceException s ? s.statusCode() : -1;
    }

    private boolean isMissingKey(SdkException e) {
        return status(e) == 404 && !(e instanceof NoSuchBucketException) && !"NoSuchBucket".equals(errorCode(e));
    }

    private static String errorCode(SdkException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null && s.awsErrorDetails().errorCode() != null) {
            return s.awsErrorDetails().errorCode();
        }
        return "";
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(Math.min(1000, 20L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted", e);
        }
    }

    /** Maps SDK failures to store exceptions whose message names the store, bucket and key. */
    private StoreException translate(String op, String key, SdkException e) {
        String where = location.describe(key);
        if (e instanceof S3Exception || e instanceof AwsServiceException) {
            int status = status(e);
            String code = errorCode(e);
            if (status == 403) {
                return new AccessDeniedException("access denied to " + op + " " + where + " (HTTP 403 " + code
                        + "): check the AWS credentials and the bucket policy", e);
            }
            if (status == 404 && (e instanceof NoSuchBucketException || "NoSuchBucket".equals(code))) {
                return new NotFoundException("bucket '" + location.bucket() + "' does not exist" + endpointText()
                        + " (while trying to " + op + " " + where + ")", e);
            }
            if (status == 404) {
                return new NotFoundException(where + " does not exist", e);
            }
            if (status == 412) {
                return new ConflictException("cannot " + op + " " + where + ": precondition failed (it was changed concurrently)", e);
            }
            String msg = e instanceof AwsServiceException s && s.awsErrorDetails() != null
                    ? s.awsErrorDetails().errorMessage() : e.getMessage();
            return new StoreException("cannot " + op + " " + where + ": HTTP " + status + " " + code
                    + (msg == null ? "" : " " + msg), e);
        }
        if (e instanceof SdkClientException && String.valueOf(e.getMessage()).contains("Unable to load credentials")) {
            return new AccessDeniedException("no AWS credentials found to " + op + " " + where
                    + ": set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE)", e);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException || hasIoCause(e)) {
            return new StoreUnavailableException("cannot reach the object store" + endpointText() + " to " + op + " "
                    + where + ": " + rootMessage(e), e);
        }
        return new StoreException("cannot " + op + " " + where + ": " + rootMessage(e), e);
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private String endpointText() {
        return endpoint != null ? " at " + endpoint : "";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        String msg = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                msg = t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return msg;
    }
}
