package io.studilo.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Buckets in the tests: 5 requests at once, then 1 per second, per user and per client address. */
class GatewayRateLimitIT extends GatewayTestSupport {

    @Test
    void throttlesOneUserWith429AndRetryAfter() {
        String token = JWKS.token();

        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            responses.add(send(authorized("/api/mastery", token)));
        }

        assertThat(responses.subList(0, 5))
                .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        HttpResponse<String> throttled = responses.get(responses.size() - 1);
        assertProblem(throttled, 429, "too-many-requests");
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
        // Another user still gets through.
        assertThat(send(authorized("/api/mastery", JWKS.token())).statusCode()).isEqualTo(200);
    }

    @Test
    void throttlesLoginPerClientAddress() throws IOException {
        String address = randomLoopbackAddress();

        List<String> statusLines = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statusLines.add(postLoginFrom(address));
        }

        assertThat(statusLines.subList(0, 5)).allSatisfy(s -> assertThat(s).contains(" 200 "));
        assertThat(statusLines.get(statusLines.size() - 1)).contains(" 429 ");
        // Another address still gets through.
        assertThat(postLoginFrom(randomLoopbackAddress())).contains(" 200 ");
    }

    private static String randomLoopbackAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 255) + "." + random.nextInt(2, 255);
    }

    /** The JDK client cannot choose its source address (before Java 19), so this one speaks HTTP/1.1 itself. */
    private String postLoginFrom(String sourceAddress) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(sourceAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            String request = "POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n\r\n{}";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return response.lines().findFirst().orElse("") + " ";
        }
    }
}
