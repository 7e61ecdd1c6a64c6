package io.studilo.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;

class GatewayRoutingIT extends GatewayTestSupport {

    @Autowired
    ReactiveResilience4JCircuitBreakerFactory breakers;

    @Nested
    class Routing {

        @Test
        void routesWithAValidTokenStrippingIdentityHeadersAndRelayingTheToken() {
            String token = JWKS.token();

            HttpResponse<String> response = send(authorized("/api/auth/me", token)
                    .header("X-User-Id", "someone-else")
                    .header("X-Owner-Id", "someone-else")
                    .header("X-Forwarded-User", "admin")
                    .header("X-Auth-Roles", "ADMIN")
                    .header("X-Trace-Note", "kept"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("service").asString()).isEqualTo("auth");
            StubService.Received received = last(AUTH.received("/api/auth/me"));
            assertThat(received.header("Authorization")).isEqualTo("Bearer " + token);
            assertThat(received.headers())
                    .doesNotContainKeys("x-user-id", "x-owner-id", "x-forwarded-user", "x-auth-roles");
            assertThat(received.header("X-Trace-Note")).isEqualTo("kept");
            assertThat(response.headers().allValues("X-Request-Id")).hasSize(1);
            String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(received.header("X-Request-Id")).isEqualTo(requestId);
        }

        @Test
        void appendsTheRealClientAddressSoAForgedForwardedForCannotHideIt() {
            send(authorized("/api/auth/me", JWKS.token()).header("X-Forwarded-For", "203.0.113.9"));

            String forwardedFor = last(AUTH.received("/api/auth/me")).header("X-Forwarded-For");
            assertThat(forwardedFor).isNotNull();
            String[] hops = forwardedFor.split(",");
            assertThat(hops[hops.length - 1].trim()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        }

        @ParameterizedTest
        @CsvSource({
            "/api/documents, ingestion",
            "/api/documents/42/status, ingestion",
            "/api/exams/7/answers, exam",
            "/api/mastery, exam",
            "/api/questions/9, exam",
            "/api/search, rag"
        })
        void forwardsEachPathUnchangedToTheServiceThatOwnsIt(String path, String service) {
            HttpResponse<String> response = send(authorized(path, JWKS.token()));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("service").asString()).startsWith(service);
            assertThat(json(response).get("path").asString()).isEqualTo(path);
        }

        @Test
        void balancesOneServiceAcrossItsInstances() {
            String token = JWKS.token();

            IntStream.range(0, 4)
                    .forEach(i -> assertThat(
                                    send(authorized("/api/ask", token).POST(HttpRequest.BodyPublishers.ofString("{}")))
                                            .statusCode())
                            .isEqualTo(200));

            assertThat(RAG_1.received("/api/ask")).isNotEmpty();
            assertThat(RAG_2.received("/api/ask")).isNotEmpty();
        }

        @Test
        void letsRegisterLoginAndRefreshThroughWithoutAToken() {
            for (String path : new String[] {"/api/auth/register", "/api/auth/login", "/api/auth/refresh"}) {
                HttpResponse<String> response = send(request(path).POST(HttpRequest.BodyPublishers.ofString("{}")));
                assertThat(response.statusCode()).as(path).isEqualTo(200);
            }
        }

        @Test
        void answersAnUnknownRouteWithA404Problem() {
            assertProblem(send(authorized("/api/nothing-here", JWKS.token())), 404, "not-found");
            assertProblem(send(request("/no/such/page")), 404, "not-found");
        }

        @Test
        void hidesTheCircuitBreakerFallbackFromClients() {
            assertProblem(send(request("/fallback/auth")), 404, "not-found");
            assertProblem(send(authorized("/fallback/auth", JWKS.token())), 404, "not-found");
        }
    }

    @Nested
    class RequestIds {

        @Test
        void keepsASafeIncomingRequestId() {
            String id = "web-" + UUID.randomUUID();

            HttpResponse<String> response =
                    send(authorized("/api/auth/me", JWKS.token()).header("X-Request-Id", id));

            assertThat(response.headers().allValues("X-Request-Id")).containsExactly(id);
            assertThat(AUTH.received("/api/auth/me").stream().anyMatch(r -> id.equals(r.header("X-Request-Id"))))
                    .isTrue();
        }

        @Test
        void replacesAnUnsafeRequestId() {
            HttpResponse<String> response =
                    send(authorized("/api/auth/me", JWKS.token()).header("X-Request-Id", "evil id; drop table"));

            assertThat(response.headers().firstValue("X-Request-Id"))
                    .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f-]{36}"));
        }

        @Test
        void putsTheRequestIdOnErrorsToo() {
            HttpResponse<String> response = send(request("/api/auth/me"));

            String id = response.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(assertProblem(response, 401, "unauthorized")
                            .get("requestId")
                            .asString())
                    .isEqualTo(id);
        }
    }

    @Nested
    class Resilience {

        @Test
        void retriesAnIdempotentRequestOnA503() {
            String path = "/api/documents/flaky-" + UUID.randomUUID();

            HttpResponse<String> response = send(authorized(path, JWKS.token()));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(INGESTION.received(path)).hasSize(2);
        }

        @Test
        void neverRetriesAPost() {
            String path = "/api/documents/flaky-" + UUID.randomUUID();

            HttpResponse<String> response =
                    send(authorized(path, JWKS.token()).POST(HttpRequest.BodyPublishers.ofString("{}")));

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(INGESTION.received(path)).hasSize(1);
        }

        @Test
        void answers503WithRetryAfterWhenTheServiceIsDown() {
            long start = System.nanoTime();

            HttpResponse<String> response = send(authorized("/api/plans", JWKS.token()));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertProblem(response, 503, "service-unavailable");
            assertThat(json(response).get("instance").asString()).isEqualTo("/api/plans");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
        }

        @Test
        void answers503WithinTheTimeoutWhenTheServiceIsTooSlow() {
            long start = System.nanoTime();

            HttpResponse<String> response = send(authorized("/api/exams/slow", JWKS.token()));

            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            assertProblem(response, 503, "service-unavailable");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(elapsed).isBetween(EXAM_TIMEOUT, EXAM_TIMEOUT.plusMillis(900));
            assertThat(elapsed).isLessThan(StubService.SLOW);
        }
    }

    @Nested
    class Bulkhead {

        @Test
        void shedsCallsBeyondTheConcurrencyLimitWith503() {
            String path = "/api/exams/" + UUID.randomUUID() + "/slow";
            String token = JWKS.token();

            List<HttpResponse<String>> responses = IntStream.range(
                            0, MAX_CONCURRENT_CALLS + 1) // one more than admitted, within the rate limit's burst
                    .mapToObj(
                            i -> HTTP.sendAsync(authorized(path, token).build(), HttpResponse.BodyHandlers.ofString()))
                    .toList()
                    .stream()
                    .map(CompletableFuture::join)
                    .toList();

            assertThat(responses).allSatisfy(r -> assertProblem(r, 503, "service-unavailable"));
            // Only the calls the bulkhead admitted reached the service (fewer if one timed out first on a slow
            // machine).
            assertThat(EXAM.received(path)).hasSizeBetween(1, MAX_CONCURRENT_CALLS);
        }
    }

    @Nested
    class OpenBreaker {

        @Test
        void answers503AtOnceWithoutCallingTheService() {
            CircuitBreaker breaker = breakers.getCircuitBreakerRegistry().circuitBreaker("exam");
            String path = "/api/exams/" + UUID.randomUUID();
            breaker.transitionToOpenState();
            try {
                HttpResponse<String> response = send(authorized(path, JWKS.token()));

                assertProblem(response, 503, "service-unavailable");
                assertThat(json(response).get("instance").asString()).isEqualTo(path);
                assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
                assertThat(EXAM.received(path)).isEmpty();
            } finally {
                breaker.transitionToClosedState();
            }
        }
    }

    @Nested
    class Browsers {

        @Test
        void answersAPreflightFromTheWebApp() {
            HttpResponse<String> response = send(request("/api/documents")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://app.studilo.test")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization, content-type"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
                    .hasValue("https://app.studilo.test");
            assertThat(response.headers().firstValue("Access-Control-Allow-Methods"))
                    .hasValueSatisfying(methods -> assertThat(methods).contains("POST"));
        }

        @Test
        void refusesAPreflightFromAnotherOrigin() {
            HttpResponse<String> response = send(request("/api/documents")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://evil.example")
                    .header("Access-Control-Request-Method", "POST"));

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
                    .isEmpty();
        }
    }

    @Nested
    class OpenApi {

        @Test
        void proxiesEachServicesApiDocumentWithoutAToken() {
            HttpResponse<String> response = send(request("/v3/api-docs/auth"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("path").asString()).isEqualTo("/v3/api-docs");
        }

        @Test
        void servesSwaggerUiOverTheServicesDocuments() {
            HttpResponse<String> config = send(request("/v3/api-docs/swagger-config"));

            assertThat(config.statusCode()).isEqualTo(200);
            assertThat(config.body()).contains("/v3/api-docs/auth", "/v3/api-docs/ingestion", "/v3/api-docs/planner");
            assertThat(send(request("/swagger-ui/index.html")).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class Management {

        @Test
        void neverRoutesTheActuator() {
            assertProblem(send(request("/actuator/health")), 404, "not-found");
            assertProblem(send(authorized("/actuator/prometheus", JWKS.token())), 404, "not-found");
        }

        @Test
        void exposesHealthAndGatewayMetricsOnTheManagementPort() {
            assertThat(send(authorized("/api/auth/me", JWKS.token())).statusCode())
                    .isEqualTo(200);

            HttpResponse<String> health =
                    send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health")));
            assertThat(health.statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(send(HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")))
                                    .body())
                            .contains("spring_cloud_gateway_requests_seconds_count", "routeId=\"auth\""));
        }
    }

    private static <T> T last(java.util.List<T> items) {
        assertThat(items).isNotEmpty();
        return items.get(items.size() - 1);
    }
}
