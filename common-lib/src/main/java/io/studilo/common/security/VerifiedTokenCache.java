package io.studilo.common.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Remembers access tokens whose ES256 signature was verified, so a client calling again with the same token costs
 * a map look-up instead of a P-256 check (milliseconds of CPU on a small machine, more than a whole cached
 * answer). The claims are validated again on every call, so a cached token still expires on time; entries are
 * dropped after a bounded time (a token signed by a key that was withdrawn since is accepted for at most that
 * long); only the exact token string matches, so a changed byte goes through full verification.
 */
final class VerifiedTokenCache implements JwtDecoder {

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    VerifiedTokenCache(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, int size, Duration ttl) {
        this.verifier = verifier;
        this.validator = validator;
        this.verified =
                Caffeine.newBuilder().maximumSize(size).expireAfterWrite(ttl).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt cached = verified.getIfPresent(token);
        if (cached == null) {
            Jwt jwt = verifier.decode(token); // throws for a bad signature or claims: nothing is cached
            verified.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = validator.validate(cached);
        if (result.hasErrors()) {
            verified.invalidate(token);
            throw new JwtValidationException("The access token is no longer valid", result.getErrors());
        }
        return cached;
    }
}
