package io.studilo.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers tokens whose signature was verified, so a client calling again with the same token costs a map
 * look-up instead of an ECDSA check. The claims are validated again on every call (a cached token still expires
 * on time), entries are dropped after a bounded time, and only exact token strings match: a changed byte is a
 * new token and goes through full verification.
 */
final class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    VerifiedTokenCache(ReactiveJwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, int size, Duration ttl) {
        this.verifier = verifier;
        this.validator = validator;
        this.verified =
                Caffeine.newBuilder().maximumSize(size).expireAfterWrite(ttl).build();
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        Jwt cached = verified.getIfPresent(token);
        if (cached == null) {
            return verifier.decode(token).doOnNext(jwt -> verified.put(token, jwt));
        }
        OAuth2TokenValidatorResult result = validator.validate(cached);
        if (result.hasErrors()) {
            verified.invalidate(token);
            return Mono.error(new JwtValidationException("The access token is no longer valid", result.getErrors()));
        }
        return Mono.just(cached);
    }
}
