package io.studilo.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Stands in for auth-service's signing side: an EC P-256 key whose public half is served as a JWKS from a
 * local HTTP server, and ES256 access tokens as auth-service mints them (plus the forged ones an attacker
 * would try).
 */
final class TestJwks implements AutoCloseable {

    static final String ISSUER = "studilo-auth";
    static final String AUDIENCE = "studilo-api";

    private final ECKey key;
    private final ECKey strangerKey;
    private final HttpServer server;

    TestJwks() {
        try {
            key = new ECKeyGenerator(Curve.P_256).keyID("test-key").generate();
            strangerKey = new ECKeyGenerator(Curve.P_256).keyID("stranger-key").generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
    }

    String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    /** A valid access token for a new random user. */
    String token() {
        return token(UUID.randomUUID().toString());
    }

    String token(String subject) {
        return sign(key, claims(subject).build());
    }

    /** A token whose claims the caller changes (expired, wrong issuer, ...), signed with the real key. */
    String token(UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(key, change.apply(claims(UUID.randomUUID().toString())).build());
    }

    /** A well-formed token signed by a key that is not in the JWKS. */
    String tokenFromStranger() {
        return sign(strangerKey, claims(UUID.randomUUID().toString()).build());
    }

    /** An unsigned token ({@code alg: none}) with otherwise valid claims. */
    String unsignedToken() {
        return new PlainJWT(claims(UUID.randomUUID().toString()).build()).serialize();
    }

    /** Algorithm confusion: HS256 with the public key's encoding as the shared secret. */
    String hmacTokenKeyedWithPublicKey() {
        try {
            byte[] secret = key.toECPublicKey().getEncoded();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims(UUID.randomUUID().toString()).build());
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE))
                .subject(subject)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", List.of("STUDENT"));
    }

    private static String sign(ECKey signingKey, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(signingKey.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new ECDSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
