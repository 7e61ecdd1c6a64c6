package io.studilo.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Where integration tests find their servers. In order: the address in the environment (as CI and the
 * developers' machines set, defaulting to the local servers), else a Testcontainers container where Docker
 * runs. With {@code CI=true} a missing server fails the test run loudly instead of being skipped.
 */
public final class LocalServers {

    /** A server's address. */
    public record Endpoint(String host, int port) {}

    private static final Map<String, Endpoint> RESOLVED = new ConcurrentHashMap<>();

    private LocalServers() {}

    public static Endpoint postgres() {
        return resolve("postgres", env("POSTGRES_HOST", "127.0.0.1"), envInt("POSTGRES_PORT", 5432), () -> {
            var c = new GenericContainer<>("postgres:16-alpine")
                    .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
                    .withEnv("POSTGRES_DB", "test")
                    .withExposedPorts(5432)
                    .waitingFor(Wait.forLogMessage(".*ready to accept connections.*", 2));
            c.start();
            return new Endpoint(c.getHost(), c.getMappedPort(5432));
        });
    }

    public static Endpoint redis() {
        return resolve("redis", env("REDIS_HOST", "127.0.0.1"), envInt("REDIS_PORT", 6379), () -> {
            var c = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
            c.start();
            return new Endpoint(c.getHost(), c.getMappedPort(6379));
        });
    }

    public static Endpoint rabbitmq() {
        return resolve("rabbitmq", env("RABBITMQ_HOST", "127.0.0.1"), envInt("RABBITMQ_PORT", 5672), () -> {
            var c = new GenericContainer<>("rabbitmq:4-alpine")
                    .withExposedPorts(5672)
                    .waitingFor(Wait.forLogMessage(".*Server startup complete.*", 1));
            c.start();
            return new Endpoint(c.getHost(), c.getMappedPort(5672));
        });
    }

    public static String postgresJdbcUrl() {
        Endpoint pg = postgres();
        return "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + env("POSTGRES_DB", "test");
    }

    /** Registers the Spring properties for PostgreSQL (user {@code POSTGRES_USER}, default postgres). */
    public static void registerPostgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", LocalServers::postgresJdbcUrl);
        registry.add("spring.datasource.username", () -> env("POSTGRES_USER", "postgres"));
        registry.add("spring.datasource.password", () -> env("POSTGRES_PASSWORD", ""));
    }

    public static void registerRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> redis().host());
        registry.add("spring.data.redis.port", () -> redis().port());
    }

    public static void registerRabbitmq(DynamicPropertyRegistry registry) {
        registry.add("spring.rabbitmq.host", () -> rabbitmq().host());
        registry.add("spring.rabbitmq.port", () -> rabbitmq().port());
        registry.add("spring.rabbitmq.username", () -> env("RABBITMQ_USER", "guest"));
        registry.add("spring.rabbitmq.password", () -> env("RABBITMQ_PASSWORD", "guest"));
    }

    private interface Starter {
        Endpoint start();
    }

    private static Endpoint resolve(String name, String host, int port, Starter container) {
        return RESOLVED.computeIfAbsent(name, n -> {
            if (reachable(host, port)) {
                return new Endpoint(host, port);
            }
            boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
            if (!ci && dockerAvailable()) {
                return container.start();
            }
            throw new IllegalStateException(name + " is not reachable at " + host + ":" + port
                    + (ci
                            ? " (CI=true: integration tests need it running; .ci/run starts it)"
                            : " and no Docker engine is available for Testcontainers"));
        });
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static int envInt(String name, int fallback) {
        return Integer.parseInt(env(name, Integer.toString(fallback)));
    }
}
