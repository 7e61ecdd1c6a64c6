package io.studilo.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything auth-service can be tuned with ({@code studilo.auth.*}). Issuer and audience are not here: they
 * are {@code studilo.security.issuer/audience}, shared with the resource server that checks the tokens.
 *
 * @param accessTokenTtl lifetime of an access token ({@code expiresIn})
 * @param refreshTokenTtl lifetime of a refresh token since the rotation that issued it (a family unused this
 *     long ends)
 * @param refreshFamilyLifetime absolute lifetime of a refresh-token family (one login) from the login: no
 *     rotation extends a token beyond it; then the user logs in again. At least {@code refreshTokenTtl}.
 * @param keys where the ES256 signing keys come from
 * @param password the password policy and the Argon2id cost
 * @param loginThrottle brute-force protection
 * @param trustedProxies addresses or CIDR ranges (the gateway) whose {@code X-Forwarded-For} is believed
 * @param maxRequestBody the largest request body an auth endpoint reads
 */
@Validated
@ConfigurationProperties("studilo.auth")
public record AuthProperties(
        @NotNull Duration accessTokenTtl,
        @NotNull Duration refreshTokenTtl,
        @NotNull Duration refreshFamilyLifetime,
        @Valid @NotNull Keys keys,
        @Valid @NotNull Password password,
        @Valid @NotNull LoginThrottle loginThrottle,
        List<String> trustedProxies,
        DataSize maxRequestBody) {

    public AuthProperties {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        maxRequestBody = maxRequestBody == null ? DataSize.ofKilobytes(16) : maxRequestBody;
    }

    // Positive durations, and a family that outlives its first token (else the refresh TTL is meaningless).
    @AssertTrue(
            message = "access-token-ttl, refresh-token-ttl and refresh-family-lifetime must be positive, "
                    + "and refresh-family-lifetime at least refresh-token-ttl")
    public boolean isTokenLifetimesConsistent() {
        return accessTokenTtl == null
                || refreshTokenTtl == null
                || refreshFamilyLifetime == null
                || (!accessTokenTtl.isNegative()
                        && !accessTokenTtl.isZero()
                        && !refreshTokenTtl.isNegative()
                        && !refreshTokenTtl.isZero()
                        && refreshFamilyLifetime.compareTo(refreshTokenTtl) >= 0);
    }

    /**
     * @param jwks production keys: a JWK set (JSON) of EC P-256 private keys, each with a {@code kid}; the first
     *     signs, the others are previous keys still published for verification (env {@code STUDILO_JWT_KEYS})
     * @param dir without {@code jwks}: where the development key is created once and reused (env
     *     {@code STUDILO_KEYS_DIR})
     */
    public record Keys(String jwks, @NotNull String dir) {
        public Keys {
            jwks = jwks == null ? "" : jwks;
        }
    }

    /**
     * @param minLength fewest characters (code points) a password may have
     * @param maxLength most characters a password may have (bounds the hashing work an anonymous caller causes)
     * @param argon2MemoryKib Argon2id memory cost in KiB
     * @param argon2Iterations Argon2id time cost
     * @param argon2Parallelism Argon2id lanes
     */
    public record Password(
            @Min(8) int minLength,
            @Max(1024) int maxLength,
            @Min(1024) int argon2MemoryKib,
            @Min(1) int argon2Iterations,
            @Min(1) int argon2Parallelism) {}

    /**
     * @param window how long failed logins are remembered (fixed window from the first failure)
     * @param maxFailuresPerAccount failures for one e-mail within the window before logins are refused
     * @param maxFailuresPerAddress failures from one client address within the window before logins are refused
     */
    public record LoginThrottle(
            @NotNull Duration window,
            @Min(1) int maxFailuresPerAccount,
            @Min(1) int maxFailuresPerAddress) {}
}
