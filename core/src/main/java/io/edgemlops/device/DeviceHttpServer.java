package io.edgemlops.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.edgemlops.store.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The device's local inference endpoint, on 127.0.0.1 only (applications on the device call it;
 * nothing outside does): {@code POST /predict} with one JSON object of feature values, or an array
 * of them, answers with the served version and each row's scores and class; {@code GET /health}
 * answers with the device status. Uses the JDK's own HTTP server: nothing to add to a device.
 */
public final class DeviceHttpServer implements AutoCloseable {

    /** Largest request body accepted, so a runaway client cannot exhaust a small device's memory. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private final HttpServer server;

    private DeviceHttpServer(HttpServer server) {
        this.server = server;
    }

    /** Starts serving {@code agent} on 127.0.0.1:{@code port} (0 picks a free port). */
    public static DeviceHttpServer start(DeviceAgent agent, int port) {
        // Without TCP_NODELAY the JDK server's replies on a kept-alive connection wait for the client's delayed
        // acknowledgement: 47.8 ms per POST /predict instead of 3.8 ms (bench/README.md). Read once, at first use.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.createContext("/predict", exchange -> handle(exchange, "POST", () -> predict(agent, exchange)));
            server.createContext("/health", exchange -> handle(exchange, "GET", () -> Json.toBytes(agent.status())));
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "edge-mlops-device-http");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return new DeviceHttpServer(server);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    private interface Body {
        byte[] get() throws IOException;
    }

    private static void handle(HttpExchange exchange, String method, Body body) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals(method)) {
                reply(exchange, 405, error(exchange.getRequestURI().getPath() + " takes " + method));
                return;
            }
            try {
                reply(exchange, 200, body.get());
            } catch (IllegalArgumentException e) {
                reply(exchange, 400, error(e.getMessage()));
            } catch (IllegalStateException e) {
                reply(exchange, 503, error(e.getMessage()));
            }
        }
    }

    private static byte[] predict(DeviceAgent agent, HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("request body larger than " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
        }
        List<JsonNode> rows = new ArrayList<>();
        if (body != null && body.isArray()) {
            body.forEach(rows::add);
        } else if (body != null && body.isObject()) {
            rows.add(body);
        } else {
            throw new IllegalArgumentException("send a JSON object of feature values, or an array of them");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        Integer version = null;
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).isObject()) {
                throw new IllegalArgumentException("row " + i + " is not a JSON object");
            }
            Map<String, Object> raw = new LinkedHashMap<>();
            rows.get(i).fields().forEachRemaining(f -> raw.put(f.getKey(), f.getValue().isNumber()
                    ? (Object) f.getValue().doubleValue() : f.getValue().isNull() ? null : f.getValue().asText()));
            DeviceAgent.Prediction p;
            try {
                p = agent.predict(raw);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("row " + i + ": " + e.getMessage());
            }
            version = p.version();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scores", p.scores());
            if (p.label() != null) {
                row.put("class", p.label());
            }
            out.add(row);
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("version", version);
        reply.put("predictions", out);
        return Json.toBytes(reply);
    }

    private static byte[] error(String message) {
        return Json.toBytes(Map.of("error", message));
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
