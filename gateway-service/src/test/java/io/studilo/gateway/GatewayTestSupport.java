package io.studilo.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.studilo.testing.LocalServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway on random ports with real Redis, in front of stub services: auth, ingestion and exam each one
 * stub, rag two instances (load-balanced), planner a port nobody listens on. Tokens come from {@link TestJwks}.
 * Every IT class extends this, so they share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class GatewayTestSupport {

    static final Duration EXAM_TIMEOUT = Duration.ofSeconds(1);
    static final int MAX_CONCURRENT_CALLS = 4;

    static final TestJwks JWKS = new TestJwks();
    static final StubService AUTH = new StubService("auth");
    static final StubService INGESTION = new StubService("ingestion");
    static final StubService RAG_1 = new StubService("rag-1");
    static final StubService RAG_2 = new StubService("rag-2");
    static final StubService EXAM = new StubService("exam");
    static final String NOBODY = "http://127.0.0.1:" + freePort();

    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        LocalServers.registerRedis(registry);
        registry.add("management.server.port", () -> 0);
        registry.add("studilo.gateway.jwt.jwks-uri", JWKS::jwksUri);
        registry.add("studilo.gateway.services.auth.uris", AUTH::uri);
        registry.add("studilo.gateway.services.ingestion.uris", INGESTION::uri);
        registry.add("studilo.gateway.services.rag.uris", () -> RAG_1.uri() + "," + RAG_2.uri());
        registry.add("studilo.gateway.services.exam.uris", EXAM::uri);
        registry.add("studilo.gateway.services.exam.timeout", EXAM_TIMEOUT::toString);
        registry.add("studilo.gateway.services.planner.uris", () -> NOBODY);
        // Fresh buckets for every run, so earlier runs never throttle this one.
        registry.add("studilo.gateway.rate-limit.key-prefix", () -> "studilo:gateway:test-" + UUID.randomUUID() + ":");
        registry.add("studilo.gateway.rate-limit.user.replenish-rate", () -> 1);
        registry.add("studilo.gateway.rate-limit.user.burst-capacity", () -> 5);
        registry.add("studilo.gateway.rate-limit.anonymous.replenish-rate", () -> 1);
        registry.add("studilo.gateway.rate-limit.anonymous.burst-capacity", () -> 5);
        registry.add("studilo.gateway.cors.allowed-origins", () -> "https://app.studilo.test");
        registry.add("studilo.gateway.resilience.retry-after", () -> "7s");
        registry.add("studilo.gateway.resilience.max-concurrent-calls", () -> MAX_CONCURRENT_CALLS);
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpRequest.Builder request(String path) {
        // Generous: a loaded CI machine must not turn a fast 503 into a client-side timeout.
        return HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30));
    }

    HttpRequest.Builder authorized(String path, String token) {
        return request(path).header("Authorization", "Bearer " + token);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Asserts the response is an RFC 9457 problem of the given type and status. */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("type").asString()).isEqualTo("https://studilo.io/problems/" + slug);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        return problem;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
