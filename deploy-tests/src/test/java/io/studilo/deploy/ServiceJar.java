package io.studilo.deploy;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * One service's real boot jar (built by the reactor before deploy-tests), started as its own process on free
 * ports against the local servers, the way {@code ./studilo up} runs it. Missing jar: a failure in CI, a skip
 * on a laptop that has not built the services.
 */
final class ServiceJar implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String module;
    final int httpPort;
    final int managementPort;
    private final Process process;
    private final Path log;

    private ServiceJar(String module, int httpPort, int managementPort, Process process, Path log) {
        this.module = module;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.process = process;
        this.log = log;
    }

    static ServiceJar start(String module, Path workDir, Map<String, String> extraEnv) throws IOException {
        return launch(module, workDir, extraEnv, false);
    }

    /**
     * The way the container image runs it: the jar extracted into its layers with the Dockerfile's command, the
     * layers copied into one directory in the Dockerfile's order, and the Boot launcher started from there.
     */
    static ServiceJar startLayered(String module, Path workDir, Map<String, String> extraEnv) throws IOException {
        return launch(module, workDir, extraEnv, true);
    }

    private static ServiceJar launch(String module, Path workDir, Map<String, String> extraEnv, boolean layered)
            throws IOException {
        Path jar = jarOf(module).orElseGet(() -> {
            String message = module + "/target has no boot jar: build it first (./mvnw -pl " + module
                    + " -am package -DskipTests) or run the whole reactor";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
            return null;
        });
        Path state = Files.createDirectories(workDir.resolve(module));
        // Run a private copy: a developer or another build may rebuild the module's jar while this one runs.
        Path copy = stableCopy(jar, state.resolve(module + ".jar"));
        int http = freePort();
        int management = freePort();
        Path log = state.resolve("service.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command =
                new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m"));
        Path workingDir = state;
        if (layered) {
            workingDir = extractLayers(java, copy, state);
            command.add(LAUNCHER);
        } else {
            command.addAll(List.of("-jar", copy.toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("SERVER_PORT", String.valueOf(http));
        env.put("MANAGEMENT_PORT", String.valueOf(management));
        env.put("STUDILO_STATE_DIR", state.toString());
        env.put("STUDILO_KEYS_DIR", state.resolve("keys").toString());
        env.put("STUDILO_INDEX_DIR", state.resolve("index").toString());
        env.put("STUDILO_LOG_FORMAT", "console");
        env.putAll(extraEnv);
        Process process = builder.start();
        // Never outlive the test JVM, whatever happens to the test.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        ServiceJar service = new ServiceJar(module, http, management, process, log);
        service.awaitReady();
        return service;
    }

    /** The layers, in the order the Dockerfile copies them into /app. */
    static final List<String> LAYERS =
            List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");

    static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

    private static Path extractLayers(String javaBin, Path jar, Path state) throws IOException {
        Path layers = state.resolve("layers");
        Process extract = new ProcessBuilder(
                        javaBin,
                        "-Djarmode=tools",
                        "-jar",
                        jar.toString(),
                        "extract",
                        "--layers",
                        "--launcher",
                        "--destination",
                        layers.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(extract.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!extract.waitFor(2, TimeUnit.MINUTES) || extract.exitValue() != 0) {
                throw new AssertionError("layer extraction failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Path app = Files.createDirectories(state.resolve("app"));
        for (String layer : LAYERS) {
            Path from = layers.resolve(layer);
            if (!Files.isDirectory(from)) {
                throw new AssertionError("no layer " + layer + " in " + layers + ": " + output);
            }
            try (Stream<Path> files = Files.walk(from)) {
                for (Path source : files.toList()) {
                    Path target = app.resolve(from.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return app;
    }

    private static Optional<Path> jarOf(String module) throws IOException {
        Path target = Repo.root().resolve(module).resolve("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> {
                        String name = f.getFileName().toString();
                        return name.startsWith(module + "-") && name.endsWith(".jar") && !name.endsWith("-plain.jar");
                    })
                    .findFirst();
        }
    }

    /** Copies the jar once it is complete (a jar being rewritten has no readable central directory yet). */
    private static Path stableCopy(Path jar, Path copy) {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions()
                .until(() -> {
                    Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
                    try (var file = new java.util.jar.JarFile(copy.toFile())) {
                        return file.getManifest() != null;
                    }
                });
        return copy;
    }

    private void awaitReady() {
        try {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError(
                                    module + " exited with " + process.exitValue() + ":\n" + logTail());
                        }
                        return get(managementPort, "/actuator/health/readiness").statusCode() == 200;
                    });
        } catch (Exception | AssertionError e) {
            close();
            throw new AssertionError(module + " did not become ready:\n" + logTail(), e);
        }
    }

    /** A request on the HTTP port (any status is fine) so the HTTP server histograms have a sample. */
    int touchHttp(String path) throws IOException, InterruptedException {
        return get(httpPort, path).statusCode();
    }

    /** A JSON POST on the HTTP port, for routes that only act on one (the gateway's public auth routes). */
    int postJson(String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    String scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = get(managementPort, "/actuator/prometheus");
        if (response.statusCode() != 200) {
            throw new AssertionError(module + " /actuator/prometheus answered " + response.statusCode());
        }
        return response.body();
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(TimeUnit.SECONDS.toSeconds(30), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
