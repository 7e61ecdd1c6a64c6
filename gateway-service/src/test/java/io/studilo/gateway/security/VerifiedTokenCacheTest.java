package io.studilo.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

class VerifiedTokenCacheTest {

    private final AtomicInteger verifications = new AtomicInteger();

    @Test
    void verifiesEachTokenOnce() {
        Jwt jwt = jwt("a", Instant.now().plus(Duration.ofMinutes(15)));
        VerifiedTokenCache cache = cache(token -> {
            verifications.incrementAndGet();
            return Mono.just(jwt);
        });

        assertThat(cache.decode("a").block()).isSameAs(jwt);
        assertThat(cache.decode("a").block()).isSameAs(jwt);

        assertThat(verifications).hasValue(1);
    }

    @Test
    void verifiesEveryOtherTokenString() {
        VerifiedTokenCache cache = cache(token -> {
            verifications.incrementAndGet();
            return Mono.just(jwt(token, Instant.now().plus(Duration.ofMinutes(15))));
        });

        cache.decode("a").block();
        cache.decode("a.").block();

        assertThat(verifications).hasValue(2);
    }

    @Test
    void rejectsACachedTokenOnceItHasExpired() {
        // Verified while valid (the stub stands in for a signature check that ran earlier), expired since.
        Jwt expired = jwt("a", Instant.now().minus(Duration.ofMinutes(1)));
        VerifiedTokenCache cache = cache(token -> {
            verifications.incrementAndGet();
            return Mono.just(expired);
        });
        cache.decode("a").block();

        assertThatThrownBy(() -> cache.decode("a").block()).isInstanceOf(JwtValidationException.class);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void neverCachesAFailedVerification() {
        VerifiedTokenCache cache = cache(token -> {
            verifications.incrementAndGet();
            return Mono.error(new org.springframework.security.oauth2.jwt.BadJwtException("bad signature"));
        });

        assertThatThrownBy(() -> cache.decode("a").block()).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> cache.decode("a").block()).isInstanceOf(RuntimeException.class);

        assertThat(verifications).hasValue(2);
    }

    private static VerifiedTokenCache cache(ReactiveJwtDecoder verifier) {
        return new VerifiedTokenCache(
                verifier, new JwtTimestampValidator(Duration.ofSeconds(30)), 100, Duration.ofMinutes(5));
    }

    private static Jwt jwt(String token, Instant expiresAt) {
        return Jwt.withTokenValue(token)
                .header("alg", "ES256")
                .subject("0b6d3c1e-7d1e-4b7a-9f57-9b1f3f8f2a10")
                .issuedAt(expiresAt.minus(Duration.ofMinutes(15)))
                .expiresAt(expiresAt)
                .build();
    }
}
