package io.studilo.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A downstream service on a local port that records every request it receives. By path: {@code .../slow}
 * answers after {@link #SLOW}, {@code .../flaky...} answers 503 to the first request and 200 afterwards, anything
 * else answers 200 with a small JSON body naming this stub.
 */
final class StubService implements AutoCloseable {

    static final Duration SLOW = Duration.ofSeconds(4);

    /** What the stub saw. Header names are lower case. */
    record Received(String method, String path, Map<String, List<String>> headers) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    StubService(String name) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, List<String>> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), List.copyOf(v)));
        exchange.getRequestBody().readAllBytes();
        received.add(new Received(exchange.getRequestMethod(), path, headers));
        int count = hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        if (path.endsWith("/slow")) {
            try {
                Thread.sleep(SLOW.toMillis()); // a service that is too slow, not a test waiting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Like every STUDILO service (common-lib's RequestIds), echo the request id.
        String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
        if (requestId != null) {
            exchange.getResponseHeaders().set("X-Request-Id", requestId);
        }
        if (path.contains("/flaky") && count == 1) {
            respond(exchange, 503, "{\"status\":503}");
            return;
        }
        respond(exchange, 200, "{\"service\":\"" + name + "\",\"path\":\"" + path + "\"}");
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
