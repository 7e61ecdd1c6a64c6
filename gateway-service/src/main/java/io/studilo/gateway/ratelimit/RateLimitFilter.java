package io.studilo.gateway.ratelimit;

import io.studilo.gateway.GatewayProperties;
import io.studilo.gateway.web.ProblemType;
import io.studilo.gateway.web.Problems;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Token buckets in Redis (Spring Cloud Gateway's {@link RedisRateLimiter}) in front of every route: one per
 * token subject once the caller is authenticated, one per client address before (register, login, refresh,
 * the API documents), each with its own rate from {@code studilo.gateway.rate-limit}. An empty bucket is a
 * {@code 429} problem with {@code Retry-After}. If Redis is unreachable the limiter lets requests through
 * rather than taking the whole API down.
 */
@Component
class RateLimitFilter implements GlobalFilter, Ordered {

    static final String USER = "studilo-user";
    static final String ANONYMOUS = "studilo-anonymous";

    private final RedisRateLimiter limiter;
    private final String keyPrefix;
    private final RemoteAddressResolver addressResolver;
    private final Duration userRetryAfter;
    private final Duration anonymousRetryAfter;

    RateLimitFilter(RedisRateLimiter limiter, GatewayProperties properties) {
        this.limiter = limiter;
        GatewayProperties.RateLimits limits = properties.rateLimit();
        this.keyPrefix = limits.keyPrefix();
        this.addressResolver = limits.trustedProxyHops() > 0
                ? XForwardedRemoteAddressResolver.maxTrustedIndex(limits.trustedProxyHops())
                : new RemoteAddressResolver() {}; // the connection's address
        limiter.getConfig().put(USER, config(limits.user()));
        limiter.getConfig().put(ANONYMOUS, config(limits.anonymous()));
        this.userRetryAfter = refillTime(limits.user());
        this.anonymousRetryAfter = refillTime(limits.anonymous());
    }

    @Override
    public int getOrder() {
        // After identity headers are stripped, before the route's circuit breaker and the call itself.
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                // A JwtAuthenticationToken's name is the token subject: the user id. Anonymous callers have none.
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> new Bucket(USER, keyPrefix + "user:" + principal.getName(), userRetryAfter))
                .defaultIfEmpty(
                        new Bucket(ANONYMOUS, keyPrefix + "addr:" + clientAddress(exchange), anonymousRetryAfter))
                .flatMap(bucket -> limiter.isAllowed(bucket.limit(), bucket.key())
                        .flatMap(response -> {
                            HttpHeaders headers = exchange.getResponse().getHeaders();
                            response.getHeaders().forEach(headers::set);
                            if (response.isAllowed()) {
                                return chain.filter(exchange);
                            }
                            return Problems.write(
                                    exchange,
                                    ProblemType.TOO_MANY_REQUESTS,
                                    "Too many requests; retry after the time in the Retry-After header.",
                                    bucket.retryAfter());
                        }));
    }

    String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = addressResolver.resolve(exchange);
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    private static RedisRateLimiter.Config config(GatewayProperties.Bucket bucket) {
        return new RedisRateLimiter.Config()
                .setReplenishRate(bucket.replenishRate())
                .setBurstCapacity(bucket.burstCapacity())
                .setRequestedTokens(1);
    }

    /** How long until one token is back in an empty bucket. */
    private static Duration refillTime(GatewayProperties.Bucket bucket) {
        return Duration.ofMillis(Math.max(1000, (long) Math.ceil(1000.0 / bucket.replenishRate())));
    }

    private record Bucket(String limit, String key, Duration retryAfter) {}
}
