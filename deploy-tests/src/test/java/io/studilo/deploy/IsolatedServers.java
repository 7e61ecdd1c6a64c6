package io.studilo.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local PostgreSQL, Redis and RabbitMQ, as the services' own ITs use them, but with a database, a Redis
 * index and a RabbitMQ virtual host of deploy-tests' own: the service jars started here never migrate another
 * module's schemas or consume another test's messages.
 */
final class IsolatedServers {

    static final String DATABASE = "studilo_deploy_tests";
    static final String VHOST = "studilo-deploy-tests";

    private IsolatedServers() {}

    static String postgresBaseUrl() {
        String url = System.getenv().getOrDefault("POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        return url.substring(0, url.lastIndexOf('/') + 1);
    }

    static String user() {
        return System.getenv().getOrDefault("POSTGRES_USER", "postgres");
    }

    static String password() {
        return System.getenv().getOrDefault("POSTGRES_PASSWORD", "");
    }

    /** Environment for a service jar: the isolated database, Redis index and virtual host. */
    static Map<String, String> environment() throws SQLException, IOException, InterruptedException {
        createDatabase();
        createVhost();
        return Map.of(
                "POSTGRES_URL",
                postgresBaseUrl() + DATABASE,
                "SPRING_DATA_REDIS_DATABASE",
                "7",
                "SPRING_RABBITMQ_VIRTUAL_HOST",
                VHOST);
    }

    static void createDatabase() throws SQLException {
        try (var connection = DriverManager.getConnection(postgresBaseUrl() + "postgres", user(), password());
                var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            if (!exists.executeQuery().next()) {
                try (var create = connection.createStatement()) {
                    create.execute("create database " + DATABASE);
                }
            }
        }
    }

    private static void createVhost() throws IOException, InterruptedException {
        rabbitmqctl(List.of("add_vhost", VHOST), true);
        rabbitmqctl(List.of("set_permissions", "-p", VHOST, rabbitUser(), ".*", ".*", ".*"), false);
    }

    private static String rabbitUser() {
        return System.getenv().getOrDefault("RABBITMQ_USER", "guest");
    }

    private static void rabbitmqctl(List<String> args, boolean alreadyDoneIsFine)
            throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("rabbitmqctl timed out: " + command);
        }
        if (process.exitValue() != 0 && !(alreadyDoneIsFine && output.contains("already exists"))) {
            throw new IllegalStateException(command + " failed (" + process.exitValue() + "): " + output);
        }
    }
}
