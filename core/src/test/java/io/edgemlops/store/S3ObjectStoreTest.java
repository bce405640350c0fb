package io.edgemlops.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is specific to the embedded server and to the client: prefixes and a store that is down.
 * The behaviour every server must have is in {@link ObjectStoreContract}.
 */
class S3ObjectStoreTest {

    @TempDir
    static Path dir;
    static OpenStore open;
    static ObjectStore store;

    @BeforeAll
    static void start() {
        open = Stores.open(StoreLocation.parse("local:" + dir.resolve("store"), null));
        store = open.store();
    }

    @AfterAll
    static void stop() {
        open.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void prefixIsAppliedToEveryKey() {
        StoreLocation prefixed = StoreLocation.parse("s3://edge-mlops/team-a/", open.localEndpoint().toString());
        try (S3ObjectStore teamA = new S3ObjectStore(prefixed, open.localEndpoint(),
                EmbeddedS3Server.localCredentials(), StoreTimeouts.defaults(),
                S3ObjectStore.DEFAULT_PART_SIZE)) {
            teamA.putBytes("models/x.json", utf8("{}"));
            assertEquals(List.of("models/x.json"), teamA.list("models/").stream().map(ObjectInfo::key).toList());
            assertTrue(store.head("team-a/models/x.json").isPresent(), "stored under the prefix");
            assertTrue(teamA.createIfAbsent("m", utf8("1")));
            assertTrue(store.head("team-a/m").isPresent());
        }
    }

    @Test
    void storeThatIsDownFailsFastWithAClearError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        StoreLocation location = StoreLocation.parse("s3://some-bucket/p", endpoint.toString());
        long start = System.nanoTime();
        try (S3ObjectStore down = new S3ObjectStore(location, endpoint, EmbeddedS3Server.localCredentials(),
                StoreTimeouts.defaults(), S3ObjectStore.DEFAULT_PART_SIZE)) {
            // Generous bound only to turn a hang into a failure; the measured time is printed.
            StoreUnavailableException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> assertThrows(StoreUnavailableException.class, () -> down.getBytes("models/pump/x.json")));
            System.err.printf("store down: failed after %d ms: %s%n", (System.nanoTime() - start) / 1_000_000, e.getMessage());
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
            assertTrue(e.getMessage().contains("s3://some-bucket/p/models/pump/x.json"), e.getMessage());
        }
    }
}
