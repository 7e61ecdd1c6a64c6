package io.studilo.gateway;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the gateway can be told: where the services are, how tokens are checked, the rate limits, the
 * browser origins, timeouts and retries, and which client-sent headers are never trusted.
 *
 * @param services the downstream services by route name ({@code auth}, {@code ingestion}, {@code rag},
 *     {@code exam}, {@code planner}); several URIs mean several instances, load-balanced round robin
 */
@Validated
@ConfigurationProperties("studilo.gateway")
public record GatewayProperties(
        @NotEmpty Map<String, @Valid Service> services,
        @Valid @NotNull Jwt jwt,
        @Valid @NotNull RateLimits rateLimit,
        @Valid @NotNull Cors cors,
        @Valid @NotNull Resilience resilience,
        @Valid @NotNull IdentityHeaders identityHeaders) {

    /**
     * @param uris one or more instances of the service
     * @param timeout the whole-request budget for this service (overrides {@link Resilience#timeout()})
     */
    public record Service(@NotEmpty List<URI> uris, Duration timeout) {}

    /**
     * How access tokens are validated: ES256 only, keys from auth-service's JWKS (cached).
     *
     * @param verifiedCacheSize how many verified tokens are remembered, so a client's repeated calls cost one
     *     signature check; 0 turns the cache off. Claims (expiry, issuer, audience) are checked on every call.
     * @param verifiedCacheTtl how long a verified token is remembered at most
     */
    public record Jwt(
            @NotNull URI jwksUri,
            @NotBlank String issuer,
            @NotBlank String audience,
            Duration clockSkew,
            @PositiveOrZero int verifiedCacheSize,
            Duration verifiedCacheTtl) {
        public Jwt {
            clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
            verifiedCacheTtl = verifiedCacheTtl == null ? Duration.ofMinutes(5) : verifiedCacheTtl;
        }
    }

    /**
     * Token buckets in Redis. {@code user} applies per token subject on protected routes; {@code anonymous}
     * per client address on the public routes (register, login, refresh, the API documents).
     *
     * @param trustedProxyHops how many proxies in front of the gateway append to {@code X-Forwarded-For} (an
     *     ingress is 1): the client address is taken that many entries from the right. 0 (the default) uses the
     *     connection's address and ignores the header, which a client could forge.
     */
    public record RateLimits(
            @NotBlank String keyPrefix,
            @Valid @NotNull Bucket user,
            @Valid @NotNull Bucket anonymous,
            @PositiveOrZero int trustedProxyHops) {}

    /**
     * @param replenishRate tokens added per second
     * @param burstCapacity the most requests allowed in one burst
     */
    public record Bucket(
            @Positive int replenishRate, @Positive int burstCapacity) {}

    public record Cors(List<String> allowedOrigins, Duration maxAge) {
        public Cors {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
            maxAge = maxAge == null ? Duration.ofHours(1) : maxAge;
        }
    }

    /**
     * @param timeout default budget for one routed request, retries included
     * @param retries extra attempts for GET/HEAD/OPTIONS on connection errors and 502/503/504
     * @param firstBackoff the wait before the first retry (doubles up to {@code maxBackoff})
     * @param retryAfter the {@code Retry-After} a 503 fallback advertises, also how long a breaker stays open
     * @param breakerWindow a route's breaker opens when half of its last {@code breakerWindow} calls failed...
     * @param breakerMinimumCalls ...and at least this many calls were made
     * @param maxConcurrentCalls calls one service may have in flight through the gateway (a bulkhead); beyond
     *     it the gateway answers 503 at once instead of queueing
     */
    public record Resilience(
            @NotNull Duration timeout,
            @PositiveOrZero int retries,
            @NotNull Duration firstBackoff,
            @NotNull Duration maxBackoff,
            @NotNull Duration retryAfter,
            @Positive int breakerWindow,
            @Positive int breakerMinimumCalls,
            @Positive int maxConcurrentCalls) {}

    /** Headers a client could use to pose as someone else: removed from every request before routing. */
    public record IdentityHeaders(List<String> names, List<String> prefixes) {
        public IdentityHeaders {
            names = names == null ? List.of() : List.copyOf(names);
            prefixes = prefixes == null ? List.of() : List.copyOf(prefixes);
        }
    }

    public Duration timeoutFor(String service) {
        Service s = services.get(service);
        return s != null && s.timeout() != null ? s.timeout() : resilience.timeout();
    }
}
