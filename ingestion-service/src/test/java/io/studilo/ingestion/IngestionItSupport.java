package io.studilo.ingestion;

import static org.awaitility.Awaitility.await;

import io.studilo.testing.LocalServers;
import io.studilo.testing.TestTokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running service against real PostgreSQL (own schema), RabbitMQ (behind a {@link TcpProxy} a test can
 * cut), an S3Proxy child process, and tokens from {@link TestTokens}. Queue names are unique per run so a
 * dev stack on the same broker never takes these jobs; the broker deletes them 10 minutes after the run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class IngestionItSupport {

    static final TcpProxy RABBIT =
            new TcpProxy(LocalServers.rabbitmq().host(), LocalServers.rabbitmq().port());
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A system property that raises both per-student limits (the throughput bench uploads without end). */
    static final String STUDENT_LIMITS = "studilo.it.student-limits";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        registry.add("spring.datasource.url", () -> LocalServers.postgresJdbcUrl() + "?currentSchema=ingestion_it");
        registry.add("spring.datasource.username", () -> env("POSTGRES_USER", "postgres"));
        registry.add("spring.datasource.password", () -> env("POSTGRES_PASSWORD", ""));
        registry.add("spring.flyway.schemas", () -> "ingestion_it");
        registry.add("spring.flyway.default-schema", () -> "ingestion_it");
        registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
        registry.add("spring.rabbitmq.port", RABBIT::port);
        registry.add("spring.rabbitmq.username", () -> env("RABBITMQ_USER", "guest"));
        registry.add("spring.rabbitmq.password", () -> env("RABBITMQ_PASSWORD", "guest"));
        registry.add("spring.rabbitmq.connection-timeout", () -> "2s");
        TestTokens.shared().register(registry);
        S3ProxyServer s3 = S3ProxyServer.shared();
        registry.add("studilo.ingestion.storage.endpoint", s3::endpoint);
        registry.add("studilo.ingestion.storage.access-key", () -> S3ProxyServer.ACCESS_KEY);
        registry.add("studilo.ingestion.storage.secret-key", () -> S3ProxyServer.SECRET_KEY);
        registry.add("studilo.ingestion.storage.bucket", () -> "studilo-it");
        Path index = Files.createTempDirectory("studilo-it-index-");
        registry.add("studilo.knowledge.index-dir", index::toString);
        registry.add("studilo.ingestion.messaging.jobs-exchange", () -> "studilo.ingestion.it-" + RUN);
        registry.add("studilo.ingestion.messaging.jobs-queue", () -> "studilo.ingestion.jobs.it-" + RUN);
        registry.add("studilo.ingestion.messaging.dead-letter-queue", () -> "studilo.ingestion.jobs.dlq.it-" + RUN);
        registry.add("studilo.ingestion.messaging.queue-expiry", () -> "10m"); // the broker drops this run's queues
        registry.add("studilo.ingestion.messaging.relay-interval", () -> "200ms");
        registry.add("studilo.ingestion.messaging.initial-backoff", () -> "200ms");
        registry.add("studilo.ingestion.messaging.max-backoff", () -> "1s");
        // A replica pushes its own changes to the progress streams; with a poll this slow, a stream that ends
        // promptly proves it (ProgressStreams).
        registry.add("studilo.ingestion.progress.poll-interval", () -> "10m");
        registry.add("studilo.ingestion.worker.document-timeout", () -> "90s");
        registry.add("studilo.ingestion.worker.stall-check-interval", () -> "1s");
        registry.add("studilo.ingestion.upload.max-file-size", () -> "5MB");
        registry.add("studilo.ingestion.upload.max-documents-per-user", () -> System.getProperty(STUDENT_LIMITS, "30"));
        registry.add(
                "studilo.ingestion.upload.max-in-progress-per-user", () -> System.getProperty(STUDENT_LIMITS, "20"));
        registry.add("spring.servlet.multipart.max-file-size", () -> "6MB");
        registry.add("spring.servlet.multipart.max-request-size", () -> "7MB");
        registry.add("management.server.port", () -> "0");
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    JsonMapper json;

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static final Map<UUID, IssuedToken> TOKENS = new ConcurrentHashMap<>();

    private record IssuedToken(String bearer, Instant issuedAt) {}

    /** A client reuses its access token (valid 15 minutes) for its calls; so do the tests and the benchmark. */
    static String bearer(UUID user) {
        Instant now = Instant.now();
        IssuedToken held = TOKENS.get(user);
        if (held == null || held.issuedAt().isBefore(now.minus(Duration.ofMinutes(5)))) {
            held = new IssuedToken("Bearer " + TestTokens.shared().token(user), now);
            TOKENS.put(user, held);
        }
        return held.bearer();
    }

    HttpResponse<String> upload(UUID user, String fileName, byte[] content, @Nullable String title) {
        String boundary = "studilo" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        if (title != null) {
            body.writeBytes(
                    ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n" + title + "\r\n")
                            .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri("/api/documents"))
                .header("Authorization", bearer(user))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    }

    HttpResponse<String> get(UUID user, String path) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", bearer(user))
                .GET()
                .build());
    }

    HttpResponse<String> delete(UUID user, String path) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", bearer(user))
                .DELETE()
                .build());
    }

    JsonNode json(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    UUID uploaded(UUID user, String fileName, byte[] content) {
        HttpResponse<String> response = upload(user, fileName, content, null);
        if (response.statusCode() != 202) {
            throw new AssertionError("upload answered " + response.statusCode() + ": " + response.body());
        }
        return UUID.fromString(json(response).get("id").asString());
    }

    /** Waits until the document is READY or FAILED and returns it. */
    JsonNode awaitFinal(UUID user, UUID id, Duration timeout) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(timeout).pollInterval(Duration.ofMillis(300)).until(() -> {
            last[0] = json(get(user, "/api/documents/" + id));
            String status = last[0].get("status").asString();
            return status.equals("READY") || status.equals("FAILED");
        });
        return last[0];
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
