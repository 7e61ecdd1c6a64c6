package io.studilo.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Access tokens for integration tests of services that must not depend on a running auth-service. Generates
 * an EC P-256 key, publishes its JWKS on a random loopback port and mints ES256 tokens shaped like
 * auth-service's (issuer {@value #ISSUER}, audience {@value #AUDIENCE}, subject = user id, {@code roles}).
 * The attack helpers produce tokens every service must reject with 401.
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void props(DynamicPropertyRegistry registry) {
 *     TestTokens.shared().register(registry);
 * }
 * ...
 * String bearer = "Bearer " + TestTokens.shared().token(userId);
 * }</pre>
 */
public final class TestTokens implements AutoCloseable {

    public static final String ISSUER = "studilo-auth";
    public static final String AUDIENCE = "studilo-api";
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

    private static @Nullable TestTokens shared;

    private final ECKey key;
    private final ECKey foreignKey;
    private final HttpServer server;

    private TestTokens() {
        try {
            this.key = new ECKeyGenerator(Curve.P_256)
                    .keyID("test-" + UUID.randomUUID())
                    .generate();
            this.foreignKey =
                    new ECKeyGenerator(Curve.P_256).keyID(key.getKeyID()).generate();
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(jwks);
                }
            });
            server.start();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a test key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test JWKS server", e);
        }
    }

    /** A fresh key and JWKS server; close it when done. */
    public static TestTokens start() {
        return new TestTokens();
    }

    /** One instance per test JVM (Spring caches contexts across test classes, so the key must outlive them). */
    public static synchronized TestTokens shared() {
        if (shared == null) {
            shared = new TestTokens();
        }
        return shared;
    }

    /** The URL of the JWKS, for {@code studilo.security.jwks-uri}. */
    public String jwksUri() {
        return "http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    /** Points the service's resource server (common-lib) at this JWKS, issuer and audience. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("studilo.security.jwks-uri", this::jwksUri);
        registry.add("studilo.security.issuer", () -> ISSUER);
        registry.add("studilo.security.audience", () -> AUDIENCE);
    }

    /** The public key (e.g. for {@code NimbusJwtDecoder.withPublicKey}). */
    public ECKey publicKey() {
        return key.toPublicJWK();
    }

    /** A valid token for the user, role {@code USER}, valid for 15 minutes. */
    public String token(UUID subject) {
        return sign(claims(subject).build(), key);
    }

    /** A valid token for the user, valid for {@code ttl}. */
    public String token(UUID subject, Duration ttl) {
        Instant now = Instant.now();
        return sign(
                claims(subject)
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(ttl)))
                        .build(),
                key);
    }

    /** Starts from a valid token's claims, to change any of them ({@code builder.claim(...)}) then {@link #sign}. */
    public JWTClaimsSet.Builder claims(UUID subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject.toString())
                .claim("roles", List.of("USER"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(DEFAULT_TTL)))
                .jwtID(UUID.randomUUID().toString());
    }

    /** Signs arbitrary claims with this JWKS's key. */
    public String sign(JWTClaimsSet claims) {
        return sign(claims, key);
    }

    /** Expired an hour ago (well beyond any clock skew). */
    public String expired(UUID subject) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return sign(
                claims(subject)
                        .issueTime(Date.from(past))
                        .expirationTime(Date.from(past.plus(Duration.ofHours(1))))
                        .build(),
                key);
    }

    /** A valid token whose payload was changed after signing (the subject swapped): the signature breaks. */
    public String tampered(UUID subject) {
        String[] parts = token(subject).split("\\.");
        JWTClaimsSet forged = claims(UUID.randomUUID()).build();
        String payload = Base64URL.encode(forged.toString()).toString();
        return parts[0] + "." + payload + "." + parts[2];
    }

    /** An unsigned token ({@code alg: none}) with otherwise valid claims. */
    public String algNone(UUID subject) {
        return new PlainJWT(claims(subject).build()).serialize();
    }

    public String wrongIssuer(UUID subject) {
        return sign(claims(subject).issuer("someone-else").build(), key);
    }

    public String wrongAudience(UUID subject) {
        return sign(claims(subject).audience("another-api").build(), key);
    }

    /** Correct claims and {@code kid}, but signed by a key the JWKS does not hold. */
    public String signedByUnknownKey(UUID subject) {
        return sign(claims(subject).build(), foreignKey);
    }

    private static String sign(JWTClaimsSet claims, ECKey signingKey) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(signingKey.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new ECDSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    @Override
    public void close() {
        if (this != shared) {
            server.stop(0);
        }
    }
}
