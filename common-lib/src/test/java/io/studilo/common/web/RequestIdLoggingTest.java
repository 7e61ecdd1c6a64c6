package io.studilo.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every line logged while a request is handled carries its {@code requestId}, framework lines included:
 * Spring Security's, the DispatcherServlet's, Tomcat's, in the ERROR and ASYNC dispatches and on the thread
 * that runs a {@code Callable}. Checked on the ECS JSON lines the services write, with Security and the
 * DispatcherServlet at DEBUG so that each request logs from every stage.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = RequestIdLoggingTest.App.class,
        properties = {
            "studilo.security.jwks-uri=http://127.0.0.1:1/unused",
            "studilo.security.issuer=studilo-auth",
            "studilo.security.audience=studilo-api",
            "studilo.security.public-paths=/open/**",
            "logging.level.org.springframework.security.web.FilterChainProxy=DEBUG",
            "logging.level.org.springframework.web.servlet.DispatcherServlet=DEBUG",
        })
@ExtendWith(OutputCaptureExtension.class)
class RequestIdLoggingTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @BeforeEach
    void warmUp() throws Exception {
        // The DispatcherServlet initialises on the first request; keep those lines out of the checked ones.
        get("/open/hello", "warm-up");
    }

    @Test
    void tomcatsLineAndTheErrorDispatchOfAnEscapedExceptionCarryTheId(CapturedOutput output) throws Exception {
        List<String> lines = linesOf(output, "/open/escape", "Exiting from \\\"ERROR\\\" dispatch");

        assertThat(lines).anySatisfy(line -> assertThat(line).contains("Servlet.service()"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("Securing GET /error"));
    }

    @Test
    void theCallablesThreadAndTheAsyncDispatchCarryTheId(CapturedOutput output) throws Exception {
        List<String> lines = linesOf(output, "/open/async", "Exiting from \\\"ASYNC\\\" dispatch");

        assertThat(lines).anySatisfy(line -> assertThat(line).contains("inside the callable"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\\\"ASYNC\\\" dispatch for GET"));
    }

    @Test
    void securitysLinesOfARejectedRequestCarryTheId(CapturedOutput output) throws Exception {
        List<String> lines = linesOf(output, "/protected", "Securing GET /protected");

        assertThat(lines).anySatisfy(line -> assertThat(line).contains("Securing GET /protected"));
    }

    /**
     * Sends one request and waits for {@code lastLine} (the response may reach the client before its final
     * lines are written; quotes are escaped in the JSON lines). Asserts that every line logged meanwhile on a
     * request thread carries a request id, and returns those carrying this request's.
     */
    private List<String> linesOf(CapturedOutput output, String path, String lastLine) throws Exception {
        int from = output.getOut().length();
        String id = "log-test-" + UUID.randomUUID();

        get(path, id);

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!output.getOut().substring(from).contains(lastLine)) {
            assertThat(System.nanoTime())
                    .as("'%s' logged within 10 s", lastLine)
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
        List<String> requestLines = Arrays.stream(
                        output.getOut().substring(from).split("\\R"))
                // All but the test's own thread work on the request here: Tomcat's workers (virtual threads on
                // JDK 21+) and the async executor's.
                .filter(line -> line.startsWith("{") && !line.contains("\"thread\":{\"name\":\"main\"}"))
                .toList();
        // (A line of the warm-up request may still arrive here: it carries its own id.)
        assertThat(requestLines).allSatisfy(line -> assertThat(line).contains("\"requestId\":\""));
        return requestLines.stream()
                .filter(line -> line.contains("\"requestId\":\"" + id + "\""))
                .toList();
    }

    private void get(String path, String requestId) throws Exception {
        HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header(RequestIds.HEADER, requestId)
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(TestController.class)
    static class App {

        @Bean
        JwtDecoder jwtDecoder() {
            return token -> {
                throw new BadJwtException("no token is valid here");
            };
        }

        /** A filter behind the request-id filter whose exception escapes to Tomcat (no advice sees it). */
        @Bean
        FilterRegistrationBean<Filter> escapingFilter() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                if (((HttpServletRequest) request).getRequestURI().equals("/open/escape")) {
                    throw new IllegalStateException("escaped from a filter");
                }
                chain.doFilter(request, response);
            });
            registration.setOrder(0);
            return registration;
        }
    }

    @RestController
    static class TestController {

        @GetMapping("/open/hello")
        String hello() {
            return "hello";
        }

        @GetMapping("/open/async")
        Callable<String> async() {
            return () -> {
                LoggerFactory.getLogger(TestController.class).info("inside the callable");
                return "done";
            };
        }

        @GetMapping("/protected")
        String secret() {
            return "secret";
        }
    }
}
