package io.studilo.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.studilo.auth.token.SigningKeys;
import io.studilo.testing.LocalServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/** The auth API over HTTP against the real PostgreSQL and Redis. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "studilo.auth.login-throttle.max-failures-per-account=3",
            "studilo.auth.login-throttle.max-failures-per-address=8",
            "studilo.auth.login-throttle.window=10m",
            // Cheap hashing keeps the suite fast on a shared machine; production cost is in application.yml.
            "studilo.auth.password.argon2-memory-kib=8192",
            "studilo.auth.password.argon2-iterations=1",
        })
class AuthApiIT {

    static final String PROBLEMS = "https://studilo.io/problems/";
    static final String PASSWORD = "correct horse battery";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        LocalServers.registerPostgres(registry);
        LocalServers.registerRedis(registry);
        registry.add("studilo.auth.keys.dir", () -> Path.of("target", "it-keys").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    SigningKeys signingKeys;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();
    /** Each test logs in from its own client address, so address counters never leak between tests or runs. */
    final String clientAddress = randomAddress();

    static String randomAddress() {
        return "198.51." + ThreadLocalRandom.current().nextInt(256) + "."
                + ThreadLocalRandom.current().nextInt(1, 255);
    }

    @Nested
    class Registration {

        @Test
        void registersWithANormalisedEmail() throws Exception {
            String email = uniqueEmail();
            Response response = post(
                    "/api/auth/register",
                    Map.of("email", "  " + email.toUpperCase() + " ", "password", PASSWORD, "displayName", " Ada "));

            assertThat(response.status()).isEqualTo(201);
            assertThat(response.body().get("email").asString()).isEqualTo(email);
            assertThat(response.body().get("displayName").asString()).isEqualTo("Ada");
            assertThat(UUID.fromString(response.body().get("userId").asString()))
                    .isNotNull();
        }

        @Test
        void rejectsAWeakPasswordNamingTheField() throws Exception {
            Response response = post(
                    "/api/auth/register", Map.of("email", uniqueEmail(), "password", "short", "displayName", "Ada"));

            assertProblem(response, 400, "validation");
            assertThat(response.body().get("errors").get(0).get("field").asString())
                    .isEqualTo("password");
        }

        @Test
        void rejectsAPasswordContainingTheEmail() throws Exception {
            String email = uniqueEmail();
            Response response =
                    post("/api/auth/register", Map.of("email", email, "password", "my " + email, "displayName", "Ada"));

            assertProblem(response, 400, "validation");
        }

        @Test
        void rejectsABadEmail() throws Exception {
            Response response = post(
                    "/api/auth/register",
                    Map.of("email", "not-an-address", "password", PASSWORD, "displayName", "Ada"));

            assertProblem(response, 400, "validation");
            assertThat(response.body().get("errors").get(0).get("field").asString())
                    .isEqualTo("email");
        }

        @Test
        void rejectsMissingAndOverlongFields() throws Exception {
            Response response = post(
                    "/api/auth/register",
                    Map.of("email", uniqueEmail(), "password", PASSWORD, "displayName", "x".repeat(101)));
            assertProblem(response, 400, "validation");

            Response missing = post("/api/auth/register", Map.of("email", uniqueEmail()));
            assertProblem(missing, 400, "validation");

            Response bidiTrick = post(
                    "/api/auth/register",
                    Map.of("email", uniqueEmail(), "password", PASSWORD, "displayName", "Ada\u202Egnp.exe"));
            assertProblem(bidiTrick, 400, "validation");
            assertThat(bidiTrick.body().get("errors").get(0).get("field").asString())
                    .isEqualTo("displayName");
        }

        @Test
        void refusesOversizedBodies() throws Exception {
            Response response = post(
                    "/api/auth/register",
                    Map.of("email", uniqueEmail(), "password", PASSWORD, "displayName", "x".repeat(20_000)));

            assertProblem(response, 413, "payload-too-large");
        }

        @Test
        void answers409ForATakenEmailInAnyCase() throws Exception {
            String email = uniqueEmail();
            register(email);

            Response response = post(
                    "/api/auth/register",
                    Map.of("email", email.toUpperCase(), "password", PASSWORD, "displayName", "Twin"));

            assertProblem(response, 409, "email-taken");
        }

        @Test
        void letsOnlyOneOfConcurrentRegistrationsWin() throws Exception {
            String email = uniqueEmail();
            Map<String, String> body = Map.of("email", email, "password", PASSWORD, "displayName", "Ada");
            List<Integer> statuses = inParallel(4, i -> post("/api/auth/register", body)).stream()
                    .map(Response::status)
                    .sorted()
                    .toList();

            assertThat(statuses).containsExactly(201, 409, 409, 409);
        }
    }

    @Nested
    class LoginAndMe {

        @Test
        void registerThenLoginThenMe() throws Exception {
            String email = uniqueEmail();
            String userId = register(email);

            Response login = login(email, PASSWORD);
            assertThat(login.status()).isEqualTo(200);
            assertThat(login.body().get("tokenType").asString()).isEqualTo("Bearer");
            assertThat(login.body().get("expiresIn").asLong()).isEqualTo(900);
            assertThat(login.body().get("refreshToken").asString()).matches("[A-Za-z0-9_-]{43}");

            Response me = me(login.body().get("accessToken").asString());
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.body().get("userId").asString()).isEqualTo(userId);
            assertThat(me.body().get("email").asString()).isEqualTo(email);
            assertThat(me.body().get("displayName").asString()).isEqualTo("Ada");
            assertThat(me.body().get("roles").get(0).asString()).isEqualTo("USER");
        }

        @Test
        void issuesAnEs256TokenWithTheAgreedClaims() throws Exception {
            String email = uniqueEmail();
            String userId = register(email);

            SignedJWT jwt = SignedJWT.parse(
                    login(email, PASSWORD).body().get("accessToken").asString());

            assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
            assertThat(jwt.getHeader().getKeyID())
                    .isEqualTo(signingKeys.current().getKeyID());
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            assertThat(claims.getIssuer()).isEqualTo("studilo-auth");
            assertThat(claims.getAudience()).containsExactly("studilo-api");
            assertThat(claims.getSubject()).isEqualTo(userId);
            assertThat(claims.getStringListClaim("roles")).containsExactly("USER");
            assertThat(claims.getJWTID()).isNotBlank();
            assertThat(claims.getExpirationTime().getTime()
                            - claims.getIssueTime().getTime())
                    .isEqualTo(15 * 60 * 1000L);
        }

        @Test
        void acceptsTheEmailInAnyCaseAndWithSpaces() throws Exception {
            String email = uniqueEmail();
            register(email);

            assertThat(login(" " + email.toUpperCase(), PASSWORD).status()).isEqualTo(200);
        }

        @Test
        void answersTheSame401ForAWrongPasswordAndAnUnknownEmail() throws Exception {
            String email = uniqueEmail();
            register(email);

            Response wrongPassword = login(email, "not the password at all");
            Response unknownEmail = login(uniqueEmail(), PASSWORD);

            assertProblem(wrongPassword, 401, "invalid-credentials");
            assertProblem(unknownEmail, 401, "invalid-credentials");
            assertThat(unknownEmail.body().get("detail"))
                    .isEqualTo(wrongPassword.body().get("detail"));
        }

        @Test
        void spendsAsLongOnAnUnknownEmailAsOnAWrongPassword() throws Exception {
            // Fresh accounts and client addresses per attempt, so no attempt is cut short by throttling.
            int rounds = 9;
            List<String> emails = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                emails.add(uniqueEmail());
                register(emails.get(i));
            }
            long[] wrongPassword = new long[rounds];
            long[] unknownEmail = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                wrongPassword[i] = timedFailedLogin(emails.get(i));
                unknownEmail[i] = timedFailedLogin(uniqueEmail());
            }

            // Without the dummy Argon2 run an unknown e-mail answers in a fraction of the time.
            assertThat(median(unknownEmail)).isGreaterThan(median(wrongPassword) * 6 / 10);
        }

        private long timedFailedLogin(String email) throws Exception {
            long start = System.nanoTime();
            Response response = post(
                    "/api/auth/login", Map.of("email", email, "password", "not the password at all"), randomAddress());
            long elapsed = System.nanoTime() - start;
            assertProblem(response, 401, "invalid-credentials");
            return elapsed;
        }

        private static long median(long[] values) {
            long[] sorted = values.clone();
            java.util.Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }

        @Test
        void needsAValidAccessTokenForMe() throws Exception {
            assertProblem(get("/api/auth/me", null), 401, "unauthorized");
        }
    }

    @Nested
    class AccessTokenAttacks {

        @Test
        void rejectsExpiredTokens() throws Exception {
            Instant past = Instant.now().minusSeconds(3600);
            assertRejected(
                    sign(c -> c.issueTime(Date.from(past.minusSeconds(900))).expirationTime(Date.from(past))));
        }

        @Test
        void rejectsTamperedTokens() throws Exception {
            String email = uniqueEmail();
            register(email);
            String token = login(email, PASSWORD).body().get("accessToken").asString();
            String[] parts = token.split("\\.");
            JWTClaimsSet forged = new JWTClaimsSet.Builder(
                            SignedJWT.parse(token).getJWTClaimsSet())
                    .subject(UUID.randomUUID().toString())
                    .claim("roles", List.of("ADMIN"))
                    .build();

            assertRejected(parts[0] + "." + Base64URL.encode(forged.toString()) + "." + parts[2]);
        }

        @Test
        void rejectsUnsignedTokens() throws Exception {
            assertRejected(new PlainJWT(claims().build()).serialize());
        }

        @Test
        void rejectsAnotherIssuer() throws Exception {
            assertRejected(sign(c -> c.issuer("evil-auth")));
        }

        @Test
        void rejectsAnotherAudience() throws Exception {
            assertRejected(sign(c -> c.audience("some-other-api")));
        }

        @Test
        void rejectsAKeyWeDoNotHoldEvenWithOurKid() throws Exception {
            ECKey foreign = new ECKeyGenerator(Curve.P_256)
                    .keyID(signingKeys.current().getKeyID())
                    .generate();
            assertRejected(sign(claims().build(), foreign));
        }

        @Test
        void acceptsTheSameClaimsSignedProperly() throws Exception {
            String email = uniqueEmail();
            String userId = register(email);
            String token = sign(claims().subject(userId).build(), signingKeys.current());

            assertThat(me(token).status()).isEqualTo(200);
        }

        private void assertRejected(String token) throws Exception {
            assertProblem(me(token), 401, "unauthorized");
        }

        private JWTClaimsSet.Builder claims() {
            Instant now = Instant.now();
            return new JWTClaimsSet.Builder()
                    .issuer("studilo-auth")
                    .audience("studilo-api")
                    .subject(UUID.randomUUID().toString())
                    .claim("roles", List.of("USER"))
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plusSeconds(600)))
                    .jwtID(UUID.randomUUID().toString());
        }

        private String sign(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
            return sign(change.apply(claims()).build(), signingKeys.current());
        }

        private String sign(JWTClaimsSet claims, ECKey key) throws Exception {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        }
    }

    @Nested
    class RefreshTokens {

        @Test
        void rotatesOnEveryUse() throws Exception {
            Response login = loggedIn();
            String first = login.body().get("refreshToken").asString();

            Response refreshed = refresh(first);

            assertThat(refreshed.status()).isEqualTo(200);
            String second = refreshed.body().get("refreshToken").asString();
            assertThat(second).isNotEqualTo(first);
            assertThat(me(refreshed.body().get("accessToken").asString()).status())
                    .isEqualTo(200);
            assertThat(refresh(second).status()).isEqualTo(200);
        }

        @Test
        void rejectsSpentRefreshTokenAndRevokesItsFamily() throws Exception {
            String first = loggedIn().body().get("refreshToken").asString();
            String second = refresh(first).body().get("refreshToken").asString();

            assertProblem(refresh(first), 401, "invalid-refresh-token");
            // The thief replayed an old token: the legitimate newer one is dead too.
            assertProblem(refresh(second), 401, "invalid-refresh-token");
        }

        @Test
        void letsOnlyOneOfConcurrentRefreshesSucceed() throws Exception {
            String token = loggedIn().body().get("refreshToken").asString();
            List<Response> responses = inParallel(4, i -> refresh(token));

            assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(1);
            assertThat(responses).filteredOn(r -> r.status() == 401).hasSize(3);
        }

        @Test
        void rejectsUnknownTokens() throws Exception {
            assertProblem(refresh("A".repeat(43)), 401, "invalid-refresh-token");
        }

        @Test
        void keepsFamiliesOfOtherLoginsApart() throws Exception {
            String email = uniqueEmail();
            register(email);
            String laptop = login(email, PASSWORD).body().get("refreshToken").asString();
            String phone = login(email, PASSWORD).body().get("refreshToken").asString();

            refresh(laptop);
            refresh(laptop); // reuse: revokes the laptop's family only

            assertThat(refresh(phone).status()).isEqualTo(200);
        }
    }

    @Nested
    @ExtendWith(OutputCaptureExtension.class)
    class Logging {

        @Test
        void neverWritesPasswordsTokensOrHashes(CapturedOutput output) throws Exception {
            String email = uniqueEmail();
            register(email);
            login(email, "a wrong password for the log test");
            Response login = login(email, PASSWORD);
            String access = login.body().get("accessToken").asString();
            String first = login.body().get("refreshToken").asString();
            String second = refresh(first).body().get("refreshToken").asString();
            refresh(first); // reuse: logged as a warning
            me(access);

            assertThat(output.getAll())
                    .contains("Spent refresh token presented again")
                    .doesNotContain(PASSWORD)
                    .doesNotContain("a wrong password for the log test")
                    .doesNotContain(access)
                    .doesNotContain(first)
                    .doesNotContain(second)
                    .doesNotContain("$argon2id$");
        }
    }

    @Nested
    class Logout {

        @Test
        void revokesTheFamilyAndIsIdempotent() throws Exception {
            String first = loggedIn().body().get("refreshToken").asString();
            String second = refresh(first).body().get("refreshToken").asString();

            assertThat(post("/api/auth/logout", Map.of("refreshToken", second)).status())
                    .isEqualTo(204);
            assertThat(post("/api/auth/logout", Map.of("refreshToken", second)).status())
                    .isEqualTo(204);
            assertThat(post("/api/auth/logout", Map.of("refreshToken", "never-issued"))
                            .status())
                    .isEqualTo(204);

            assertProblem(refresh(second), 401, "invalid-refresh-token");
        }
    }

    @Nested
    class LoginThrottling {

        @Test
        void refusesAnAccountAfterRepeatedFailuresEvenWithTheRightPassword() throws Exception {
            String email = uniqueEmail();
            register(email);
            for (int i = 0; i < 3; i++) {
                assertProblem(login(email, "wrong password " + i), 401, "invalid-credentials");
            }

            Response throttled = login(email, PASSWORD);

            assertProblem(throttled, 429, "too-many-requests");
            long retryAfter =
                    Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 600L);
        }

        @Test
        void letsNoMoreParallelGuessesThroughThanTheThreshold() throws Exception {
            String email = uniqueEmail();
            register(email);
            List<Integer> statuses = inParallel(10, i -> login(email, "parallel guess " + i)).stream()
                    .map(Response::status)
                    .sorted()
                    .toList();

            assertThat(statuses).containsExactly(401, 401, 401, 429, 429, 429, 429, 429, 429, 429);
        }

        @Test
        void refusesAClientAddressTryingManyAccounts() throws Exception {
            for (int i = 0; i < 8; i++) {
                assertProblem(login(uniqueEmail(), PASSWORD), 401, "invalid-credentials");
            }

            Response throttled = login(uniqueEmail(), PASSWORD);

            assertProblem(throttled, 429, "too-many-requests");
            assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        }

        @Test
        void aSuccessfulLoginResetsTheAccountCounter() throws Exception {
            String email = uniqueEmail();
            register(email);
            login(email, "wrong password 1");
            login(email, "wrong password 2");
            assertThat(login(email, PASSWORD).status()).isEqualTo(200);

            login(email, "wrong password 3");
            login(email, "wrong password 4");

            assertThat(login(email, PASSWORD).status()).isEqualTo(200);
        }
    }

    @Nested
    class PublishedDocuments {

        @Test
        void publishesThePublicSigningKeys() throws Exception {
            Response jwks = get("/.well-known/jwks.json", null);

            assertThat(jwks.status()).isEqualTo(200);
            JsonNode key = jwks.body().get("keys").get(0);
            assertThat(key.get("kid").asString())
                    .isEqualTo(signingKeys.current().getKeyID());
            assertThat(key.get("kty").asString()).isEqualTo("EC");
            assertThat(key.get("crv").asString()).isEqualTo("P-256");
            assertThat(key.get("alg").asString()).isEqualTo("ES256");
            assertThat(key.get("use").asString()).isEqualTo("sig");
            assertThat(key.get("alg").asString()).isEqualTo("ES256");
            assertThat(key.get("use").asString()).isEqualTo("sig");
            assertThat(key.has("d")).isFalse();
        }

        @Test
        void describesExactlyTheAuthApi() throws Exception {
            Response doc = get("/v3/api-docs", null);

            assertThat(doc.status()).isEqualTo(200);
            List<String> paths = new ArrayList<>(doc.body().get("paths").propertyNames());
            assertThat(paths)
                    .containsExactlyInAnyOrder(
                            "/api/auth/register",
                            "/api/auth/login",
                            "/api/auth/refresh",
                            "/api/auth/logout",
                            "/api/auth/me");
            JsonNode tokens = doc.body().at("/components/schemas/TokenResponse/properties");
            assertThat(tokens.propertyNames())
                    .containsExactlyInAnyOrder("accessToken", "refreshToken", "tokenType", "expiresIn");
            assertThat(doc.body()
                            .at("/components/schemas/MeResponse/properties")
                            .propertyNames())
                    .containsExactlyInAnyOrder("userId", "email", "displayName", "roles");
            assertThat(doc.body()
                            .at("/components/schemas/RegisterRequest/properties")
                            .propertyNames())
                    .containsExactlyInAnyOrder("email", "password", "displayName");
            JsonNode conflict = doc.body().at("/paths/~1api~1auth~1register/post/responses/409/content");
            assertThat(conflict.propertyNames()).containsExactly("application/problem+json");
            assertThat(doc.body().at("/paths/~1api~1auth~1me/get/security/0").has("bearer"))
                    .isTrue();
            assertThat(doc.body()
                            .at("/paths/~1api~1auth~1login/post/responses/429/headers")
                            .has("Retry-After"))
                    .isTrue();
        }
    }

    // --- helpers

    record Response(int status, JsonNode body, java.net.http.HttpHeaders headers) {}

    String uniqueEmail() {
        return "student-" + UUID.randomUUID() + "@example.org";
    }

    String register(String email) throws Exception {
        Response response =
                post("/api/auth/register", Map.of("email", email, "password", PASSWORD, "displayName", "Ada"));
        assertThat(response.status()).isEqualTo(201);
        return response.body().get("userId").asString();
    }

    Response loggedIn() throws Exception {
        String email = uniqueEmail();
        register(email);
        Response login = login(email, PASSWORD);
        assertThat(login.status()).isEqualTo(200);
        return login;
    }

    Response login(String email, String password) throws Exception {
        return post("/api/auth/login", Map.of("email", email, "password", password));
    }

    Response refresh(String token) throws Exception {
        return post("/api/auth/refresh", Map.of("refreshToken", token));
    }

    Response me(String accessToken) throws Exception {
        return get("/api/auth/me", accessToken);
    }

    void assertProblem(Response response, int status, String type) {
        assertThat(response.status()).as("status").isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(response.body().get("type").asString()).isEqualTo(PROBLEMS + type);
    }

    Response post(String path, Map<String, String> body) throws Exception {
        return post(path, body, clientAddress);
    }

    Response post(String path, Map<String, String> body, String forwardedFor) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                // The test client is on loopback, a trusted proxy: this is the address the "gateway" saw.
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        return send(request);
    }

    interface Call {
        Response call(int index) throws Exception;
    }

    /** Runs the calls on their own threads, released together, and returns their responses in order. */
    List<Response> inParallel(int count, Call call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(threads.submit(() -> {
                    start.await();
                    return call.call(index);
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }

    Response get(String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }

    private Response send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank() ? NullNode.getInstance() : json.readTree(response.body());
        return new Response(response.statusCode(), body, response.headers());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
