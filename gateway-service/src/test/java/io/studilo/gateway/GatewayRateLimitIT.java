package io.studilo.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Buckets in the tests: 5 requests at once, then 1 per second, per user and per client address. Each case
 * sends a burst of {@link #BURST} requests at the same moment, so at most 5 (plus one refilled token) pass
 * however slow the machine is.
 */
class GatewayRateLimitIT extends GatewayTestSupport {

    private static final int BURST = 12;
    private static final ExecutorService CLIENTS = Executors.newFixedThreadPool(BURST);

    @AfterAll
    static void stopClients() {
        CLIENTS.shutdownNow();
    }

    @Test
    void throttlesOneUserWith429AndRetryAfter() {
        String token = JWKS.token();

        List<HttpResponse<String>> responses = IntStream.range(0, BURST)
                .mapToObj(i ->
                        HTTP.sendAsync(authorized("/api/mastery", token).build(), HttpResponse.BodyHandlers.ofString()))
                .toList()
                .stream()
                .map(CompletableFuture::join)
                .toList();

        // Past the limiter means anything but 429 (the test bulkhead may shed some of the burst with 503).
        List<HttpResponse<String>> throttled =
                responses.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(BURST - throttled.size()).isBetween(5, 7);
        assertProblem(throttled.get(0), 429, "too-many-requests");
        assertThat(throttled.get(0).headers().firstValue("Retry-After")).hasValue("1");
        // Another user still gets through.
        assertThat(send(authorized("/api/mastery", JWKS.token())).statusCode()).isEqualTo(200);
    }

    @Test
    void throttlesLoginPerClientAddress() {
        String address = randomLoopbackAddress();

        List<String> statusLines = IntStream.range(0, BURST)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> postLoginFrom(address), CLIENTS))
                .toList()
                .stream()
                .map(CompletableFuture::join)
                .toList();

        // Past the limiter means anything but 429 (the test bulkhead may shed some of the burst with 503).
        long throttled = statusLines.stream().filter(s -> s.contains(" 429 ")).count();
        assertThat(BURST - throttled).isBetween(5L, 7L);
        // Another address still gets through.
        assertThat(postLoginFrom(randomLoopbackAddress())).contains(" 200 ");
    }

    private static String randomLoopbackAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 255) + "." + random.nextInt(2, 255);
    }

    /** The JDK client cannot choose its source address (before Java 19), so this one speaks HTTP/1.1 itself. */
    private String postLoginFrom(String sourceAddress) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(sourceAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            String request = "POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n\r\n{}";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return response.lines().findFirst().orElse("") + " ";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
