package io.studilo.deploy;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A second PostgreSQL, started from the machine's binaries as a streaming replica of the local server:
 * {@code pg_basebackup -R} into a temporary directory, its own port, run as the postgres user. If the primary's
 * pg_hba.conf has no replication entry for 127.0.0.1, one is added for the test and the file restored afterwards.
 */
final class StreamingReplica implements AutoCloseable {

    private static final String HBA_LINE = "host replication all 127.0.0.1/32 trust";

    private final Path dir;
    private final Path data;
    private final Path bin;
    private final int port;
    private final Path hbaFile;
    private final String originalHba;
    private boolean running;
    private boolean closed;

    private StreamingReplica(Path dir, Path bin, int port, Path hbaFile, String originalHba) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.bin = bin;
        this.port = port;
        this.hbaFile = hbaFile;
        this.originalHba = originalHba;
    }

    static StreamingReplica start() throws Exception {
        String primaryUrl = IsolatedServers.postgresBaseUrl() + "postgres";
        Path hba;
        String major;
        try (var c = DriverManager.getConnection(primaryUrl, IsolatedServers.user(), IsolatedServers.password());
                var s = c.createStatement()) {
            var rs = s.executeQuery("select current_setting('hba_file'), current_setting('server_version_num')");
            rs.next();
            hba = Path.of(rs.getString(1));
            major = String.valueOf(Integer.parseInt(rs.getString(2)) / 10000);
        }
        Path bin = Path.of("/usr/lib/postgresql", major, "bin");
        if (!Files.isExecutable(bin.resolve("pg_basebackup")) || !Files.isWritable(hba)) {
            String message = "needs PostgreSQL " + major + " binaries in " + bin + " and a writable " + hba
                    + " (run as root on the machine's local server)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        String original = Files.readString(hba);
        Path dir = Files.createTempDirectory("studilo-replica-");
        StreamingReplica replica = new StreamingReplica(dir, bin, freePort(), hba, original);
        // A killed test run still stops the replica and gives pg_hba.conf back.
        Thread cleanup = new Thread(() -> {
            try {
                replica.close();
            } catch (Exception e) {
                // best effort at JVM exit
            }
        });
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            replica.allowReplication();
            replica.baseBackup();
            replica.startServer();
        } catch (Exception | AssertionError e) {
            replica.close();
            throw e;
        }
        return replica;
    }

    int port() {
        return port;
    }

    private void allowReplication() throws IOException, SQLException {
        if (originalHba.lines().map(String::strip).noneMatch(HBA_LINE::equals)) {
            Files.writeString(hbaFile, HBA_LINE + "\n" + originalHba);
            reloadPrimary();
        }
    }

    private void baseBackup() throws IOException, InterruptedException, SQLException {
        run(List.of("chown", "postgres:postgres", dir.toString()));
        run(List.of("chmod", "700", dir.toString()));
        String[] hostPort = IsolatedServers.postgresBaseUrl()
                .replace("jdbc:postgresql://", "")
                .replace("/", "")
                .split(":");
        asPostgres(List.of(
                bin.resolve("pg_basebackup").toString(),
                "-h",
                hostPort[0],
                "-p",
                hostPort.length > 1 ? hostPort[1] : "5432",
                "-U",
                IsolatedServers.user(),
                "-D",
                data.toString(),
                "-R",
                "-X",
                "stream",
                "-c",
                "fast"));
        // The machine's server keeps its configuration outside the data directory: give the replica its own.
        writeAsPostgres(
                data.resolve("postgresql.conf"),
                String.join(
                        "\n",
                        "port = " + port,
                        "listen_addresses = '127.0.0.1'",
                        "unix_socket_directories = '" + dir + "'",
                        "hot_standby = on",
                        hotStandbyMinimums(),
                        "shared_buffers = 32MB",
                        "logging_collector = off",
                        ""));
        writeAsPostgres(data.resolve("pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\n");
        writeAsPostgres(data.resolve("pg_ident.conf"), "");
    }

    private void startServer() throws IOException, InterruptedException {
        asPostgres(List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-l",
                dir.resolve("server.log").toString(),
                "-w",
                "-t",
                "60",
                "start"));
        running = true;
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            try (var c = DriverManager.getConnection(
                            "jdbc:postgresql://127.0.0.1:" + port + "/postgres", IsolatedServers.user(), "");
                    var rs = c.createStatement().executeQuery("select pg_is_in_recovery()")) {
                return rs.next() && rs.getBoolean(1);
            }
        });
    }

    /** The replica's loss: an immediate shutdown, like a crashed node. */
    void stop() throws IOException, InterruptedException {
        if (running) {
            asPostgres(
                    List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
            running = false;
        }
    }

    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            if (!Files.readString(hbaFile).equals(originalHba)) {
                Files.writeString(hbaFile, originalHba);
                reloadPrimary();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** A hot standby refuses to run with less of these than its primary has. */
    private static String hotStandbyMinimums() throws SQLException {
        StringBuilder conf = new StringBuilder();
        try (var c = DriverManager.getConnection(
                        IsolatedServers.postgresBaseUrl() + "postgres",
                        IsolatedServers.user(),
                        IsolatedServers.password());
                var rs = c.createStatement()
                        .executeQuery("select name, setting from pg_settings where name in ('max_connections',"
                                + " 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions',"
                                + " 'max_locks_per_transaction')")) {
            while (rs.next()) {
                conf.append(rs.getString(1))
                        .append(" = ")
                        .append(rs.getString(2))
                        .append('\n');
            }
        }
        return conf.toString().strip();
    }

    private static void reloadPrimary() throws SQLException {
        try (var c = DriverManager.getConnection(
                        IsolatedServers.postgresBaseUrl() + "postgres",
                        IsolatedServers.user(),
                        IsolatedServers.password());
                var s = c.createStatement()) {
            s.execute("select pg_reload_conf()");
        }
    }

    private void writeAsPostgres(Path file, String content) throws IOException, InterruptedException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        run(List.of("chown", "postgres:postgres", file.toString()));
    }

    private void asPostgres(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (!"postgres".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        if (process.exitValue() != 0) {
            String log = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "";
            throw new IllegalStateException(command + " failed (" + process.exitValue() + "): " + output + log);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
