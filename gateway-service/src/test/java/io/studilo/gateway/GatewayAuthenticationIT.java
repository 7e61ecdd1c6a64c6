package io.studilo.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every protected route refuses a request without a valid access token, before anything is routed. */
class GatewayAuthenticationIT extends GatewayTestSupport {

    static Stream<Arguments> forgedTokens() {
        Instant past = Instant.now().minus(Duration.ofMinutes(10));
        return Stream.of(
                Arguments.of(
                        "expired",
                        JWKS.token(c -> c.issueTime(Date.from(past.minus(Duration.ofMinutes(15))))
                                .notBeforeTime(Date.from(past.minus(Duration.ofMinutes(15))))
                                .expirationTime(Date.from(past)))),
                Arguments.of("tampered payload", tampered(JWKS.token())),
                Arguments.of("tampered signature", JWKS.token().replaceAll(".{6}$", "AAAAAA")),
                Arguments.of("alg none", JWKS.unsignedToken()),
                Arguments.of("alg none with a trailing signature", JWKS.unsignedToken() + "c2lnbmF0dXJl"),
                Arguments.of("HS256 keyed with the public key", JWKS.hmacTokenKeyedWithPublicKey()),
                Arguments.of("signed by a key not in the JWKS", JWKS.tokenFromStranger()),
                Arguments.of("wrong issuer", JWKS.token(c -> c.issuer("https://evil.example"))),
                Arguments.of("wrong audience", JWKS.token(c -> c.audience(List.of("another-api")))),
                Arguments.of("no expiry", JWKS.token(c -> c.expirationTime(null))),
                Arguments.of("no subject", JWKS.token(c -> c.subject(null))),
                Arguments.of(
                        "not yet valid",
                        JWKS.token(c -> c.notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(10)))))),
                Arguments.of("garbage", "not-a-jwt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedTokens")
    void refusesAForgedOrInvalidToken(String attack, String token) {
        String path = "/api/documents/" + UUID.randomUUID();

        var response = send(authorized(path, token));

        assertProblem(response, 401, "unauthorized");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(INGESTION.received(path)).isEmpty();
    }

    @Test
    void refusesARequestWithoutAToken() {
        String path = "/api/documents/" + UUID.randomUUID();

        assertProblem(send(request(path)), 401, "unauthorized");
        assertProblem(send(request(path).header("Authorization", "Basic dXNlcjpwYXNz")), 401, "unauthorized");
        assertThat(INGESTION.received(path)).isEmpty();
    }

    @Test
    void acceptsATokenWithinTheClockSkew() {
        Instant issued = Instant.now().minus(Duration.ofMinutes(15));
        String token = JWKS.token(c -> c.issueTime(Date.from(issued))
                .notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(Instant.now().minusSeconds(5))));

        assertThat(send(authorized("/api/mastery", token)).statusCode()).isEqualTo(200);
    }

    @Test
    void protectsLogoutAndMe() {
        assertProblem(send(request("/api/auth/me")), 401, "unauthorized");
        assertProblem(
                send(request("/api/auth/logout").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))),
                401,
                "unauthorized");
    }

    /** Swaps the payload for one claiming another subject, keeping the original signature. */
    private static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload =
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
        String forged = payload.replaceFirst("\"sub\":\"[^\"]+\"", "\"sub\":\"" + UUID.randomUUID() + "\"");
        String encoded = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(forged.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return parts[0] + "." + encoded + "." + parts[2];
    }
}
