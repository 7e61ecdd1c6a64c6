package io.studilo.ingestion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real S3-compatible server for integration tests: S3Proxy (filesystem backend) started as a child process
 * on a random loopback port, once per test JVM, and stopped when the JVM exits. The jar is copied into
 * {@code target/s3proxy} by the build (system property {@code studilo.s3proxy.jar}).
 */
public final class S3ProxyServer {

    public static final String ACCESS_KEY = "studilo-test";
    public static final String SECRET_KEY = "studilo-test-secret";

    private static S3ProxyServer shared;

    private final Process process;
    private final int port;
    private final Path basedir;

    private S3ProxyServer(Process process, int port, Path basedir) {
        this.process = process;
        this.port = port;
        this.basedir = basedir;
    }

    public static synchronized S3ProxyServer shared() {
        if (shared == null) {
            shared = start();
            S3ProxyServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server.process::destroy));
        }
        return shared;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** CPU time the S3Proxy process has used so far (for the benchmark's cost split). */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Where the filesystem backend keeps objects: {@code <basedir>/<bucket>/<key>}. */
    public Path basedir() {
        return basedir;
    }

    private static S3ProxyServer start() {
        try {
            Path jar = Path.of(System.getProperty(
                    "studilo.s3proxy.jar",
                    Path.of("target", "s3proxy", "s3proxy.jar").toString()));
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(
                        "S3Proxy jar not found at " + jar + ": run the tests through Maven (failsafe copies it)");
            }
            int port = freePort();
            Path dir = Files.createTempDirectory("studilo-s3proxy-");
            Path basedir = Files.createDirectories(dir.resolve("data"));
            Path properties = dir.resolve("s3proxy.properties");
            Files.writeString(
                    properties,
                    String.join(
                            "\n",
                            List.of(
                                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                                    "s3proxy.authorization=aws-v2-or-v4",
                                    "s3proxy.identity=" + ACCESS_KEY,
                                    "s3proxy.credential=" + SECRET_KEY,
                                    "jclouds.provider=filesystem",
                                    "jclouds.filesystem.basedir=" + basedir)));
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(
                            java, "-Xmx256m", "-jar", jar.toString(), "--properties", properties.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("s3proxy.log").toFile())
                    .start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!listening(port)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("S3Proxy exited: " + Files.readString(dir.resolve("s3proxy.log")));
                }
                if (Instant.now().isAfter(deadline)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("S3Proxy did not start within 60 s");
                }
                Thread.sleep(100);
            }
            return new S3ProxyServer(process, port, basedir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
