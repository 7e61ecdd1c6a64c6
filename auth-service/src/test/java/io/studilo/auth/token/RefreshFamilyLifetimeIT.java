package io.studilo.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.studilo.testing.LocalServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The absolute lifetime of a refresh-token family against the real Redis and PostgreSQL, with lifetimes of
 * seconds: a refresh token lives 5 s from its rotation, a login 6 s however often it rotates.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "studilo.auth.refresh-token-ttl=5s",
            "studilo.auth.refresh-family-lifetime=6s",
            "studilo.auth.password.argon2-memory-kib=8192",
            "studilo.auth.password.argon2-iterations=1",
        })
class RefreshFamilyLifetimeIT {

    static final String PASSWORD = "correct horse battery";
    static final Duration REFRESH_TTL = Duration.ofSeconds(5);

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        LocalServers.registerPostgres(registry);
        LocalServers.registerRedis(registry);
        registry.add("studilo.auth.keys.dir", () -> Path.of("target", "it-keys").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RefreshTokenStore store;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void rotationNearTheFamilyDeadlineGetsOnlyWhatIsLeft() throws Exception {
        String first = login();
        long loggedInAt = System.nanoTime();
        sleepUntil(loggedInAt, Duration.ofMillis(2500));

        HttpResponse<String> rotated = refresh(first);

        assertThat(rotated.statusCode()).isEqualTo(200);
        String second = body(rotated).get("refreshToken").asString();
        // Family first: the token, read later, must not outlive it.
        long familyLeft = pttl(familyKey(second));
        long tokenLeft = pttl(RefreshTokenStore.tokenKey(second));
        // At most 3.5 s of the family's 6 s are left: the new token gets that, not the 5 s refresh TTL.
        assertThat(tokenLeft).isPositive().isLessThanOrEqualTo(familyLeft).isLessThanOrEqualTo(3500);
        // Rotation did not extend the family either.
        assertThat(familyLeft).isLessThanOrEqualTo(3500);
    }

    @Test
    void refusesAFamilyPastItsLifetimeAlthoughItRotatedRecently() throws Exception {
        String first = login();
        long loggedInAt = System.nanoTime();
        sleepUntil(loggedInAt, Duration.ofMillis(2500));
        long rotatedAt = System.nanoTime();
        HttpResponse<String> rotated = refresh(first);
        assertThat(rotated.statusCode()).isEqualTo(200);
        String second = body(rotated).get("refreshToken").asString();
        String family = familyKey(second);

        await().atMost(Duration.ofSeconds(6))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !Boolean.TRUE.equals(redis.hasKey(family)));
        HttpResponse<String> refused = refresh(second);

        // The token was issued less than a refresh TTL ago: only the family's lifetime can have ended it.
        assertThat(Duration.ofNanos(System.nanoTime() - rotatedAt)).isLessThan(REFRESH_TTL);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(body(refused).get("type").asString()).isEqualTo("https://studilo.io/problems/invalid-refresh-token");
        // Indistinguishable from a token that never existed (request and trace ids aside).
        JsonNode unknown = body(refresh("A".repeat(43)));
        for (String field : new String[] {"type", "title", "status", "detail"}) {
            assertThat(body(refused).get(field)).as(field).isEqualTo(unknown.get(field));
        }
    }

    @Test
    void neverExtendsAFamilyBeyondItsLifetimeHoweverLongTheRefreshTtl() {
        String token = store.issue(UUID.randomUUID(), Duration.ofDays(14), Duration.ofSeconds(30));
        assertThat(pttl(RefreshTokenStore.tokenKey(token))).isBetween(1L, 30_000L);

        for (int i = 0; i < 3; i++) {
            String next = store.newToken();
            assertThat(store.rotate(token, next, Duration.ofDays(14)).outcome())
                    .isEqualTo(RefreshTokenStore.Outcome.ROTATED);
            assertThat(pttl(RefreshTokenStore.tokenKey(next))).isBetween(1L, 30_000L);
            assertThat(pttl(RefreshTokenStore.tokenKey(token))).isBetween(1L, 30_000L);
            assertThat(pttl(familyKey(next))).isBetween(1L, 30_000L);
            token = next;
        }
    }

    @Test
    void stillRevokesTheFamilyOnReuse() {
        String first = store.issue(UUID.randomUUID(), Duration.ofDays(14), Duration.ofDays(30));
        String second = store.newToken();
        store.rotate(first, second, Duration.ofDays(14));

        assertThat(store.rotate(first, store.newToken(), Duration.ofDays(14)).outcome())
                .isEqualTo(RefreshTokenStore.Outcome.REUSED);
        assertThat(store.rotate(second, store.newToken(), Duration.ofDays(14)).outcome())
                .isEqualTo(RefreshTokenStore.Outcome.INVALID);
    }

    // --- helpers

    private long pttl(String key) {
        Long left = redis.getExpire(key, java.util.concurrent.TimeUnit.MILLISECONDS);
        return left == null ? -2 : left;
    }

    private String familyKey(String token) {
        Object family = redis.opsForHash().get(RefreshTokenStore.tokenKey(token), "family");
        assertThat(family).as("family of the token").isNotNull();
        return "studilo:auth:refresh:family:" + family;
    }

    private static void sleepUntil(long start, Duration after) throws InterruptedException {
        long left = after.toNanos() - (System.nanoTime() - start);
        if (left > 0) {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private String login() throws Exception {
        String email = "student-" + UUID.randomUUID() + "@example.org";
        assertThat(post("/api/auth/register", Map.of("email", email, "password", PASSWORD, "displayName", "Ada"))
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> login = post("/api/auth/login", Map.of("email", email, "password", PASSWORD));
        assertThat(login.statusCode()).isEqualTo(200);
        return body(login).get("refreshToken").asString();
    }

    private HttpResponse<String> refresh(String token) throws Exception {
        return post("/api/auth/refresh", Map.of("refreshToken", token));
    }

    private HttpResponse<String> post(String path, Map<String, String> body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                // Its own client address, so no login-throttle counter of another test applies.
                .header("X-Forwarded-For", "198.51.100." + (1 + (int) (Math.random() * 250)))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }
}
