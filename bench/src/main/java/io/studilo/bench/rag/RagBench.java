package io.studilo.bench.rag;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What both rag benches share: a JWKS endpoint and ES256 tokens shaped like auth-service's, the rag-service jar
 * started as a child process on a given index directory, JSON over HTTP, percentiles and the QASC split.
 */
final class RagBench implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String MODEL_NAME = "all-minilm-l6-v2-q";

    private final ECKey key;
    private final HttpServer jwks;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process service;
    private int port;

    RagBench() throws Exception {
        key = new ECKeyGenerator(Curve.P_256).keyID("bench").generate();
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwks.start();
    }

    String token(UUID user) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder()
                        .issuer("studilo-auth")
                        .audience("studilo-api")
                        .subject(user.toString())
                        .issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(2))))
                        .build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    /** Starts the rag-service jar on the index directory and waits until it answers. */
    void startService(Path indexDir, int port, String... extraArgs) throws Exception {
        this.port = port;
        Path jar = Files.list(Path.of("rag-service", "target"))
                .filter(p -> p.getFileName().toString().matches("rag-service-.*\\.jar"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "build rag-service first: ./mvnw -o -q -pl rag-service package -DskipTests"));
        List<String> command = new ArrayList<>(List.of(
                "java",
                "-Xmx1g",
                "-jar",
                jar.toString(),
                "--studilo.rag.cache.key-prefix=studilo:rag:bench-" + UUID.randomUUID() + ":",
                "--studilo.rag.messaging.listen=false",
                "--logging.level.root=WARN"));
        command.addAll(Arrays.asList(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        Path.of("bench", "target", "rag-service-bench.log").toFile());
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("MANAGEMENT_PORT", Integer.toString(port + 1000));
        builder.environment().put("STUDILO_INDEX_DIR", indexDir.toAbsolutePath().toString());
        builder.environment()
                .put("STUDILO_JWKS_URI", "http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json");
        service = builder.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("rag-service exited; see bench/target/rag-service-bench.log");
            }
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (port + 1000) + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("rag-service did not start in 3 minutes");
    }

    record Reply(int status, JsonNode body, long nanos) {}

    Reply post(String path, String token, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long nanos = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return new Reply(response.statusCode(), JSON.readTree(response.body()), nanos);
    }

    static double percentile(List<Long> nanos, double p) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }

    /** One QASC question: its two facts and the text of the correct option. */
    record Question(String text, String fact1, String fact2, String answer) {}

    static List<Question> qasc() throws Exception {
        String shared = System.getenv().getOrDefault("STUDILO_SHARED_DATA", "../shared/data");
        JsonNode root = JSON.readTree(Files.readString(Path.of(shared, "qa", "qasc_dev_split.json")));
        List<Question> questions = new ArrayList<>();
        for (JsonNode item : root) {
            questions.add(new Question(
                    item.get("question").asString(),
                    item.get("fact 1").asString(),
                    item.get("fact 2").asString(),
                    item.get("answer").asString().replaceFirst("^\\([A-H]\\)\\s*", "")));
        }
        return questions;
    }

    @Override
    public void close() {
        if (service != null) {
            service.destroy();
            try {
                service.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        jwks.stop(0);
    }
}
