package io.studilo.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.studilo.common.security.CurrentUser;
import io.studilo.common.security.ResourceServerAutoConfiguration;
import io.studilo.common.security.StudiloSecurityProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What every service gets from common-lib, checked on a tiny app: token checks with problem+json 401s,
 * the owner id from the subject, validation problems, no leaked 500 messages, request ids.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = CommonWebTest.App.class,
        properties = {
            "studilo.security.jwks-uri=http://127.0.0.1:1/unused",
            "studilo.security.issuer=studilo-auth",
            "studilo.security.audience=studilo-api",
            "studilo.security.clock-skew=5s",
            "studilo.security.public-paths=/public"
        })
class CommonWebTest {

    static final ECKey KEY = generateKey();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Nested
    class Tokens {

        @Test
        void answersProblem401WithoutAToken() throws Exception {
            HttpResponse<String> response = get("/owner", null, null);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).contains("https://studilo.io/problems/unauthorized");
            assertThat(response.headers().firstValue(RequestIds.HEADER)).isPresent();
        }

        @Test
        void exposesTheSubjectAsOwnerId() throws Exception {
            UUID owner = UUID.randomUUID();

            HttpResponse<String> response = get("/owner", token(owner, "studilo-auth", "studilo-api", 60), null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(owner.toString());
        }

        @Test
        void rejectsExpiredToken() throws Exception {
            assertThat(get("/owner", token(UUID.randomUUID(), "studilo-auth", "studilo-api", -60), null)
                            .statusCode())
                    .isEqualTo(401);
        }

        @Test
        void rejectsWrongIssuer() throws Exception {
            assertThat(get("/owner", token(UUID.randomUUID(), "evil", "studilo-api", 60), null)
                            .statusCode())
                    .isEqualTo(401);
        }

        @Test
        void rejectsWrongAudience() throws Exception {
            assertThat(get("/owner", token(UUID.randomUUID(), "studilo-auth", "other-api", 60), null)
                            .statusCode())
                    .isEqualTo(401);
        }

        @Test
        void rejectsTokenSignedByAnotherKey() throws Exception {
            String forged = sign(generateKey(), UUID.randomUUID(), "studilo-auth", "studilo-api", 60);

            assertThat(get("/owner", forged, null).statusCode()).isEqualTo(401);
        }

        @Test
        void letsPublicPathsThrough() throws Exception {
            assertThat(get("/public", null, null).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class Problems {

        @Test
        void validationErrorsNameTheField() throws Exception {
            HttpResponse<String> response = post("/echo", "{\"name\":\"\"}");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body())
                    .contains("https://studilo.io/problems/validation")
                    .contains("\"field\":\"name\"");
        }

        @Test
        void malformedJsonIsAProblem() throws Exception {
            HttpResponse<String> response = post("/echo", "{not json");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("https://studilo.io/problems/malformed-request");
        }

        @Test
        void unexpectedErrorsDoNotLeakTheirMessage() throws Exception {
            HttpResponse<String> response =
                    get("/boom", token(UUID.randomUUID(), "studilo-auth", "studilo-api", 60), null);

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body())
                    .contains("https://studilo.io/problems/internal")
                    .doesNotContain("secret-detail");
        }

        @Test
        void problemExceptionsCarryRetryAfter() throws Exception {
            HttpResponse<String> response =
                    get("/slow-down", token(UUID.randomUUID(), "studilo-auth", "studilo-api", 60), null);

            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(response.body()).contains("https://studilo.io/problems/too-many-requests");
        }

        @Test
        void unknownPathIsAProblem404() throws Exception {
            HttpResponse<String> response =
                    get("/nothing", token(UUID.randomUUID(), "studilo-auth", "studilo-api", 60), null);

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("https://studilo.io/problems/not-found");
        }
    }

    @Nested
    class RequestIdHeader {

        @Test
        void echoesASafeIncomingId() throws Exception {
            assertThat(get("/public", null, "abc-123").headers().firstValue(RequestIds.HEADER))
                    .hasValue("abc-123");
        }

        @Test
        void replacesAnUnsafeIncomingId() throws Exception {
            String unsafe = "x".repeat(300);

            assertThat(get("/public", null, unsafe).headers().firstValue(RequestIds.HEADER))
                    .hasValueSatisfying(
                            id -> assertThat(id).isNotEqualTo(unsafe).hasSize(36));
        }
    }

    private HttpResponse<String> get(String path, String token, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (requestId != null) {
            request.header(RequestIds.HEADER, requestId);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token(UUID.randomUUID(), "studilo-auth", "studilo-api", 60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static String token(UUID subject, String issuer, String audience, long expiresInSeconds) throws Exception {
        return sign(KEY, subject, issuer, audience, expiresInSeconds);
    }

    static String sign(ECKey key, UUID subject, String issuer, String audience, long expiresInSeconds)
            throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject.toString())
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(now.minusSeconds(120)))
                .expirationTime(Date.from(now.plusSeconds(expiresInSeconds)))
                .claim("roles", List.of("STUDENT"))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    static ECKey generateKey() {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    record Echo(@NotBlank String name) {}

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({TestController.class, DecoderConfig.class})
    static class App {}

    @TestConfiguration
    static class DecoderConfig {
        @Bean
        JwtDecoder jwtDecoder(StudiloSecurityProperties properties) throws Exception {
            var processor = new DefaultJWTProcessor<SecurityContext>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                    JWSAlgorithm.ES256, new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK()))));
            NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
            decoder.setJwtValidator(ResourceServerAutoConfiguration.validator(properties));
            return decoder;
        }
    }

    @RestController
    static class TestController {
        @GetMapping("/owner")
        String owner() {
            return CurrentUser.ownerId().toString();
        }

        @GetMapping("/public")
        String open() {
            return "ok";
        }

        @PostMapping("/echo")
        Map<String, String> echo(@Valid @RequestBody Echo echo) {
            return Map.of("name", echo.name());
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("secret-detail");
        }

        @GetMapping("/slow-down")
        String slowDown() {
            throw new ProblemException(ProblemType.TOO_MANY_REQUESTS, "Slow down.", Duration.ofSeconds(7));
        }
    }
}
