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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What both rag benches share: a JWKS endpoint and ES256 tokens shaped like auth-service's, the rag-service jar
 * (and optionally the gateway jar in front of it) started as child processes on a given index directory, JSON over
 * HTTP, percentiles and the QASC split.
 */
final class RagBench implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String MODEL_NAME = "all-minilm-l6-v2-q";

    /** The services run on the bench's own JVM, with the flags of the launcher ({@code ./studilo up}). */
    static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    private final ECKey key;
    private final HttpServer jwks;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade offer on every request
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private Process service;
    private Process gateway;
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
        List<String> command = javaJar(
                "rag-service",
                "--studilo.rag.cache.key-prefix=studilo:rag:bench-" + UUID.randomUUID() + ":",
                "--studilo.rag.messaging.listen=false",
                "--logging.level.root=WARN");
        command.addAll(Arrays.asList(extraArgs));
        service = start(
                command,
                "rag-service",
                port,
                Map.of("STUDILO_INDEX_DIR", indexDir.toAbsolutePath().toString(), "STUDILO_JWKS_URI", jwksUri()));
    }

    /**
     * Starts the gateway jar in front of the service (started first), with the bench's JWKS and a per-user rate
     * limit that never throttles the load (the limiter and its Redis round trip still run).
     */
    void startGateway(int gatewayPort, String... extraArgs) throws Exception {
        List<String> command = javaJar(
                "gateway-service",
                "--studilo.gateway.rate-limit.key-prefix=studilo:gateway:bench-" + UUID.randomUUID() + ":",
                "--logging.level.root=WARN");
        command.addAll(Arrays.asList(extraArgs));
        gateway = start(
                command,
                "gateway-service",
                gatewayPort,
                Map.of(
                        "STUDILO_RAG_URI", "http://127.0.0.1:" + port,
                        "STUDILO_JWKS_URI", jwksUri(),
                        "STUDILO_RATE_LIMIT_REPLENISH_RATE", "1000000",
                        "STUDILO_RATE_LIMIT_BURST_CAPACITY", "1000000",
                        "STUDILO_RAG_TIMEOUT", "60s"));
    }

    private String jwksUri() {
        return "http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json";
    }

    /** A copy of the module's jar, so a rebuild during the run cannot swap it under the live JVM. */
    private static Path jar(String module) throws IOException {
        Path built;
        try (var files = Files.list(Path.of(module, "target"))) {
            built = files.filter(p -> p.getFileName().toString().matches(module + "-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "build " + module + " first: ./mvnw -o -q -pl " + module + " package -DskipTests"));
        }
        Path copy = Path.of("bench", "target", "jars", module + ".jar");
        Files.createDirectories(copy.getParent());
        return Files.copy(built, copy, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Starts a service jar on {@code port} (management on port + 1000), logging to bench/target/<name>-bench.log;
     * {@code STUDILO_BENCH_JFR=<dir>} records a JFR profile of it there. Waits until its health answers.
     */
    /** A service jar of this build on the launcher's JVM flags, with its arguments; more can be added. */
    private static List<String> javaJar(String module, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                JAVA,
                "-XX:+UseSerialGC",
                "-Xss512k",
                "-Xmx512m",
                "-jar",
                jar(module).toString()));
        command.addAll(Arrays.asList(args));
        return command;
    }

    private Process start(List<String> command, String name, int port, Map<String, String> env) throws Exception {
        String jfr = System.getenv("STUDILO_BENCH_JFR");
        if (jfr != null) {
            command.add(
                    1,
                    "-XX:StartFlightRecording=settings=profile,filename="
                            + Path.of(jfr, name + ".jfr").toAbsolutePath());
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(Path.of("bench", "target", name + "-bench.log").toFile());
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("MANAGEMENT_PORT", Integer.toString(port + 1000));
        builder.environment().putAll(env);
        Process process = builder.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see bench/target/" + name + "-bench.log");
            }
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (port + 1000) + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return process;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        process.destroy();
        throw new IllegalStateException(name + " did not start in 3 minutes");
    }

    /** CPU time so far of the service and gateway children (zero when not started) and of this process. */
    record Cpu(Duration service, Duration gateway, Duration self) {}

    static Cpu cpu(@Nullable RagBench bench) {
        return new Cpu(
                bench == null ? Duration.ZERO : cpu(bench.service),
                bench == null ? Duration.ZERO : cpu(bench.gateway),
                cpu(ProcessHandle.current()));
    }

    private static Duration cpu(@Nullable Process process) {
        return process == null ? Duration.ZERO : cpu(process.toHandle());
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    record Reply(int status, JsonNode body, long nanos) {}

    /** A POST straight to the service. */
    Reply post(String path, String token, Object body) throws Exception {
        return post(port, path, token, body);
    }

    /** A POST to whichever local port: the service's or the gateway's. */
    Reply post(int port, String path, String token, Object body) throws Exception {
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
        for (Process process : Arrays.asList(gateway, service)) {
            if (process != null) {
                process.destroy();
                try {
                    process.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        jwks.stop(0);
    }
}
