package io.studilo.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * Every line the gateway logs while it handles a request carries the request's {@code requestId}, framework
 * lines written on other threads included (a request starts on the server's event loop and goes on on the
 * client's after the token check and the rate limiter). Checked on the ECS JSON lines, with a few framework
 * loggers at DEBUG for the test.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "spring.reactor.context-propagation=auto") // off by default, see application.yml
class RequestIdLoggingIT extends GatewayTestSupport {

    static final List<String> FRAMEWORK_LOGGERS = List.of(
            "org.springframework.web.server.adapter.HttpWebHandlerAdapter",
            "org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping",
            "org.springframework.security.web.server");

    final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

    @BeforeEach
    void frameworkDebug() {
        FRAMEWORK_LOGGERS.forEach(name -> logging.setLogLevel(name, LogLevel.DEBUG));
    }

    @AfterEach
    void frameworkDefault() {
        FRAMEWORK_LOGGERS.forEach(name -> logging.setLogLevel(name, null));
    }

    @Test
    void frameworkLinesOfARoutedRequestCarryItsId(CapturedOutput output) throws Exception {
        List<String> lines = linesOf(output, authorized("/api/auth/me", JWKS.token()), "Completed 200 OK");

        assertThat(lines).anySatisfy(line -> assertThat(line).contains("HTTP GET \\\"/api/auth/me\\\""));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("Authorization successful"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("Route matched: auth"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("Completed 200 OK"));
    }

    @Test
    void linesOfARequestToAServiceThatIsDownCarryItsId(CapturedOutput output) throws Exception {
        List<String> lines = linesOf(output, authorized("/api/plans", JWKS.token()), "Completed 503");

        assertThat(lines).anySatisfy(line -> assertThat(line).contains("Route matched: planner"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("Completed 503"));
    }

    @Test
    void theGatewaysOwnWarningCarriesTheIdOnce(CapturedOutput output) throws Exception {
        // Too slow: the breaker falls back, and the fallback logs a warning.
        List<String> lines = linesOf(output, authorized("/api/exams/slow", JWKS.token()), "Completed 503");

        assertThat(lines)
                .filteredOn(line -> line.contains("exam unavailable"))
                .singleElement()
                .satisfies(line -> assertThat(line.split("\"requestId\":", -1)).hasSize(2));
    }

    /**
     * Sends the request and waits for {@code lastLine}. Asserts that every line logged meanwhile on one of the
     * gateway's request threads carries a request id, and returns those carrying this request's.
     */
    private List<String> linesOf(CapturedOutput output, java.net.http.HttpRequest.Builder request, String lastLine)
            throws Exception {
        int from = output.getOut().length();
        String id = "log-test-" + UUID.randomUUID();

        send(request.header("X-Request-Id", id));

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!output.getOut().substring(from).contains(lastLine)) {
            assertThat(System.nanoTime())
                    .as("'%s' logged within 10 s", lastLine)
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
        List<String> requestLines = Arrays.stream(
                        output.getOut().substring(from).split("\\R"))
                .filter(line -> line.contains("\"thread\":{\"name\":\"webflux-http-")
                        || line.contains("\"thread\":{\"name\":\"reactor-http-")
                        || line.contains("\"thread\":{\"name\":\"lettuce-")
                        || line.contains("\"thread\":{\"name\":\"parallel-"))
                .toList();
        assertThat(requestLines)
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("\"requestId\":\""));
        return requestLines.stream()
                .filter(line -> line.contains("\"requestId\":\"" + id + "\""))
                .toList();
    }
}
