package io.edgemlops.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The answers of real servers that the embedded one never gives, played by a scripted HTTP server:
 * Ceph RGW's quoted ETags that its own If-Match refuses, its HTTP 500 to the loser of a conditional
 * write, and AWS's 404 for If-Match on a missing key. SDK retries are off (one attempt per call) so
 * each scripted answer is seen by the store's own logic.
 */
class ServerQuirksTest {

    private HttpServer server;
    private S3ObjectStore store;
    /** Statuses for the next PUTs (200 when empty). */
    private final Deque<Integer> putAnswers = new ArrayDeque<>();
    /** What HEAD answers: the current ETag (bare), or null for 404. */
    private volatile String currentEtag = "cur";
    /** If-Match / If-None-Match headers of the PUTs received, in order. */
    private final List<String> conditions = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        StoreLocation location = StoreLocation.parse("s3://quirks/p", endpoint.toString());
        store = new S3ObjectStore(location, endpoint, EmbeddedS3Server.localCredentials(),
                new StoreTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30), 1),
                S3ObjectStore.DEFAULT_PART_SIZE);
    }

    @AfterEach
    void stop() {
        store.close();
        server.stop(0);
    }

    /** Keys of each DeleteObjects request received, in order. */
    private final List<List<String>> deleteRequests = new ArrayList<>();
    /** The {@code <Error>} entries a DeleteObjects answer lists (quiet mode: only the failures). */
    private volatile String deleteErrors = "";

    private synchronized void handle(HttpExchange x) throws IOException {
        byte[] request = x.getRequestBody().readAllBytes();
        String method = x.getRequestMethod();
        if (method.equals("POST") && String.valueOf(x.getRequestURI().getQuery()).startsWith("delete")) {
            Matcher keys = Pattern.compile("<Key>([^<]*)</Key>").matcher(new String(request, StandardCharsets.UTF_8));
            List<String> batch = new ArrayList<>();
            while (keys.find()) {
                batch.add(keys.group(1));
            }
            deleteRequests.add(batch);
            byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><DeleteResult>" + deleteErrors
                    + "</DeleteResult>").getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/xml");
            x.sendResponseHeaders(200, body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
            return;
        }
        if (method.equals("HEAD")) {
            if (currentEtag == null) {
                x.sendResponseHeaders(404, -1);
            } else {
                x.getResponseHeaders().add("ETag", "\"" + currentEtag + "\"");
                x.getResponseHeaders().add("Content-Length", "1");
                x.sendResponseHeaders(200, -1);
            }
            x.close();
            return;
        }
        String ifMatch = x.getRequestHeaders().getFirst("If-Match");
        String ifNoneMatch = x.getRequestHeaders().getFirst("If-None-Match");
        conditions.add(ifMatch != null ? "If-Match: " + ifMatch : "If-None-Match: " + ifNoneMatch);
        int status = putAnswers.isEmpty() ? 200 : putAnswers.poll();
        if (status == 200 && ifMatch != null && ifMatch.startsWith("\"")) {
            status = 412; // Ceph RGW 16: a quoted If-Match never matches
        }
        if (status == 200) {
            currentEtag = "new" + conditions.size();
            x.getResponseHeaders().add("ETag", "\"" + currentEtag + "\"");
            x.sendResponseHeaders(200, -1);
            x.close();
            return;
        }
        String code = status == 412 ? "PreconditionFailed" : status == 404 ? "NoSuchKey" : "UnknownError";
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message></Message>"
                + "</Error>").getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/xml");
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void etagsAreReturnedBareAndSentBareInIfMatch() {
        assertEquals("cur", store.head("k").orElseThrow().etag());
        String etag = store.compareAndSwap("k", new byte[1], "\"cur\"");
        assertEquals("new1", etag);
        assertEquals(List.of("If-Match: cur"), conditions);
        assertEquals("new2", store.compareAndSwap("k", new byte[1], "W/\"new1\""));
    }

    @Test
    void http500ToAConditionalUpdateIsAConflictWhenTheObjectMovedOn() {
        putAnswers.add(500);
        currentEtag = "someone-else";
        ConflictException e = assertThrows(ConflictException.class, () -> store.compareAndSwap("k", new byte[1], "cur"));
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertEquals(1, conditions.size(), "no blind re-send");
    }

    @Test
    void http500ToAConditionalUpdateIsRetriedWhileTheObjectIsUnchanged() {
        putAnswers.add(500);
        putAnswers.add(503);
        assertEquals("new3", store.compareAndSwap("k", new byte[1], "cur"));
        assertEquals(3, conditions.size());
    }

    @Test
    void persistent500IsAnErrorNotAConflictAndNotASuccess() {
        for (int i = 0; i < S3ObjectStore.CONDITIONAL_ATTEMPTS; i++) {
            putAnswers.add(500);
        }
        long counted = S3ObjectStore.unsettledConditionalAnswers();
        StoreException e = assertThrows(StoreException.class, () -> store.compareAndSwap("k", new byte[1], "cur"));
        assertFalse(e instanceof ConflictException, e.toString());
        assertEquals(S3ObjectStore.CONDITIONAL_ATTEMPTS, conditions.size(), "bounded");
        assertTrue(S3ObjectStore.unsettledConditionalAnswers() - counted >= S3ObjectStore.CONDITIONAL_ATTEMPTS,
                "counted for the figures");
        assertEquals("cur", currentEtag, "nothing written");
    }

    @Test
    void ifMatchOnAMissingKeyIsAConflictWhetherTheServerSays404Or412() {
        currentEtag = null;
        putAnswers.add(404);
        assertThrows(ConflictException.class, () -> store.compareAndSwap("gone", new byte[1], "cur"));
        putAnswers.add(412);
        assertThrows(ConflictException.class, () -> store.compareAndSwap("gone", new byte[1], "cur"));
        putAnswers.add(500);
        assertThrows(ConflictException.class, () -> store.compareAndSwap("gone", new byte[1], "cur"));
    }

    @Test
    void http500ToAConditionalCreateIsALostRaceWhenTheKeyExists() {
        putAnswers.add(500);
        assertFalse(store.createIfAbsent("k", new byte[1]));
        assertEquals(List.of("If-None-Match: *"), conditions);
    }

    @Test
    void http500ToAConditionalCreateIsRetriedWhileTheKeyIsAbsent() {
        currentEtag = null;
        putAnswers.add(500);
        putAnswers.add(409);
        assertTrue(store.createIfAbsent("k", new byte[1]));
        assertEquals(3, conditions.size());
    }

    @Test
    void deleteAllSendsAtMostAThousandKeysPerRequestUnderThePrefix() {
        store.deleteAll(IntStream.range(0, 2500).mapToObj(i -> "t/" + i).toList());
        assertEquals(List.of(1000, 1000, 500), deleteRequests.stream().map(List::size).toList());
        assertEquals("p/t/0", deleteRequests.get(0).get(0));
        assertEquals("p/t/2499", deleteRequests.get(2).get(499));
    }

    @Test
    void aKeyTheServerRefusesToDeleteFailsNamingItAndAMissingKeyIsNoError() {
        deleteErrors = "<Error><Key>p/t/1</Key><Code>NoSuchKey</Code><Message>gone</Message></Error>";
        store.deleteAll(List.of("t/1", "t/2"));
        deleteErrors += "<Error><Key>p/t/2</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error>";
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> store.deleteAll(List.of("t/1", "t/2")));
        assertTrue(e.getMessage().contains("s3://quirks/p/t/2"), e.getMessage());
        deleteErrors = "<Error><Key>p/t/3</Key><Code>InternalError</Code><Message>try again</Message></Error>";
        StoreException other = assertThrows(StoreException.class, () -> store.deleteAll(List.of("t/3")));
        assertTrue(other.getMessage().contains("s3://quirks/p/t/3: InternalError try again"), other.getMessage());
    }
}
