package io.studilo.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Real ES256 tokens and the real Nimbus decoder behind the cache: only the signature check may be skipped. */
class VerifiedTokenCacheTest {

    private final ECKey key = generateKey();
    private final JwtTimestampValidator expiry = new JwtTimestampValidator(Duration.ZERO);
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder decoder = cache();

    @Test
    void verifiesTheSignatureOfATokenOnce() throws Exception {
        String token = token(Instant.now().plus(Duration.ofMinutes(15)));

        assertThat(decoder.decode(token).getSubject()).isEqualTo("student");
        assertThat(decoder.decode(token).getSubject()).isEqualTo("student");

        assertThat(verifications).hasValue(1);
    }

    @Test
    void rejectsACachedTokenOnceItHasExpired() throws Exception {
        String token = token(Instant.now().plus(Duration.ofMinutes(1)));
        decoder.decode(token);

        expiry.setClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2)));

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void verifiesAChangedTokenAgainAndNeverCachesAFailure() throws Exception {
        String token = token(Instant.now().plus(Duration.ofMinutes(15)));
        decoder.decode(token);
        String signature = token.substring(token.lastIndexOf('.') + 1);
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + new StringBuilder(signature).reverse();

        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);

        assertThat(verifications).hasValue(3);
    }

    private JwtDecoder cache() {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(new JWKSet(key))));
        NimbusJwtDecoder nimbus = new NimbusJwtDecoder(processor);
        nimbus.setJwtValidator(expiry);
        JwtDecoder countingVerifier = token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
        return new VerifiedTokenCache(countingVerifier, expiry, 100, Duration.ofMinutes(5));
    }

    private String token(Instant expiresAt) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder()
                        .subject("student")
                        .issueTime(new Date())
                        .expirationTime(Date.from(expiresAt))
                        .build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static ECKey generateKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("test").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
