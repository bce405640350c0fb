package io.edgemlops.telemetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.store.EmbeddedS3Server;
import io.edgemlops.store.Json;
import io.edgemlops.store.ObjectInfo;
import io.edgemlops.store.ObjectStore;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.S3ObjectStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.StoreTimeouts;
import io.edgemlops.store.StoreUnavailableException;
import io.edgemlops.store.Stores;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads against the real embedded store. */
class TelemetryUploaderTest {

    @TempDir
    static Path storeDir;
    static OpenStore open;
    static ObjectStore store;

    @TempDir
    Path bufferDir;

    @BeforeAll
    static void start() {
        open = Stores.open(StoreLocation.parse("local:" + storeDir, null));
        store = open.store();
    }

    @AfterAll
    static void stop() {
        open.close();
    }

    /** A buffer holding {@code n} records of device {@code device}. */
    TelemetryBuffer bufferWith(String device, int n) {
        TelemetryBuffer buffer = TelemetryBuffer.open(bufferDir, 100);
        for (int i = 0; i < n; i++) {
            long seq = buffer.nextSeq();
            TelemetryRecord r = TelemetryBufferTest.record(seq);
            buffer.append(new TelemetryRecord(r.schemaVersion(), r.fleet(), r.model(), r.modelVersion(), r.rolloutId(),
                    device, r.target(), seq, r.windowStart(), r.windowSeconds(), r.role(), r.inferences(), r.errors(),
                    r.features(), r.predictedClassCounts(), r.latency(), r.health(), null, null, null, 0));
        }
        return buffer;
    }

    static List<String> keysOf(String device) {
        return store.list("telemetry/").stream().map(ObjectInfo::key)
                .filter(k -> TelemetryKeys.parse(k).deviceId().equals(device)).toList();
    }

    @Test
    void pendingRecordsGoUpUnderTheirKeysAndLeaveTheBuffer() {
        TelemetryBuffer buffer = bufferWith("pi-up", 3);
        List<TelemetryRecord> records = buffer.pending();
        UploadResult result = new TelemetryUploader(store, buffer).upload();
        assertEquals(new UploadResult(3, 0, 0, null), result);
        assertEquals(0, buffer.size());
        List<String> keys = keysOf("pi-up");
        assertEquals(3, keys.size());
        for (TelemetryRecord r : records) {
            byte[] stored = store.getBytes(TelemetryKeys.recordKey(r)).orElseThrow();
            assertEquals(r, Json.fromBytes(stored, TelemetryRecord.class, "stored"));
        }
        assertEquals(new UploadResult(0, 0, 0, null), new TelemetryUploader(store, buffer).upload());
    }

    @Test
    void anUploadInterruptedAfterThePutIsNotDuplicatedOnRetry() {
        TelemetryBuffer buffer = bufferWith("pi-flaky", 3);
        byte[] second = Json.toBytes(buffer.pending().get(1));
        String secondKey = TelemetryKeys.recordKey(buffer.pending().get(1));
        // The second write reaches the store, then the connection drops before the answer: not acknowledged.
        AtomicInteger creates = new AtomicInteger();
        ObjectStore lostAnswer = (ObjectStore) Proxy.newProxyInstance(ObjectStore.class.getClassLoader(),
                new Class<?>[] {ObjectStore.class}, (proxy, method, args) -> {
                    Object answer;
                    try {
                        answer = method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("createIfAbsent") && creates.incrementAndGet() == 2) {
                        throw new StoreUnavailableException("connection reset after the write", null);
                    }
                    return answer;
                });
        UploadResult first = new TelemetryUploader(lostAnswer, buffer).upload();
        assertEquals(1, first.uploaded());
        assertEquals(2, first.remaining());
        assertEquals("connection reset after the write", first.error());
        assertEquals(List.of(2L, 3L), buffer.pending().stream().map(TelemetryRecord::seq).toList());

        UploadResult retry = new TelemetryUploader(store, TelemetryBuffer.open(bufferDir, 100)).upload();
        assertEquals(new UploadResult(1, 1, 0, null), retry, "seq 2 was already there");
        assertEquals(3, keysOf("pi-flaky").size(), "one object per (device, seq)");
        assertArrayEquals(second, store.getBytes(secondKey).orElseThrow());
    }

    @Test
    void anUnreachableStoreLeavesEveryRecordPending() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        StoreTimeouts quick = new StoreTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(10), 1);
        TelemetryBuffer buffer = bufferWith("pi-offline", 4);
        try (S3ObjectStore down = new S3ObjectStore(StoreLocation.parse("s3://telemetry-bucket", endpoint.toString()),
                endpoint, EmbeddedS3Server.localCredentials(), quick, S3ObjectStore.DEFAULT_PART_SIZE)) {
            UploadResult result = new TelemetryUploader(down, buffer).upload();
            assertEquals(0, result.uploaded());
            assertEquals(4, result.remaining());
            assertTrue(result.error().contains("127.0.0.1:" + port), result.error());
        }
        assertEquals(4, TelemetryBuffer.open(bufferDir, 100).size(), "still pending after a restart");
        UploadResult later = new TelemetryUploader(store, TelemetryBuffer.open(bufferDir, 100)).upload();
        assertEquals(new UploadResult(4, 0, 0, null), later, "uploaded once the store is back");
        assertNull(later.error());
    }
}
