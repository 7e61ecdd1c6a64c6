package io.studilo.gateway.routing;

import io.studilo.gateway.GatewayProperties;
import java.util.List;
import java.util.Locale;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Removes every client-sent header that could claim an identity ({@code X-User-Id}, {@code X-Owner-Id},
 * {@code X-Auth-*}, ...) before a request is routed. Services learn who the caller is from the relayed
 * {@code Authorization} token only, which they validate again.
 */
@Component
class IdentityHeaderFilter implements GlobalFilter, Ordered {

    private final List<String> names;
    private final List<String> prefixes;

    IdentityHeaderFilter(GatewayProperties properties) {
        this.names = lower(properties.identityHeaders().names());
        this.prefixes = lower(properties.identityHeaders().prefixes());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        List<String> forbidden =
                headers.headerNames().stream().filter(this::isIdentityHeader).toList();
        if (forbidden.isEmpty()) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate()
                .request(r -> r.headers(h -> forbidden.forEach(h::remove)))
                .build());
    }

    boolean isIdentityHeader(String header) {
        String name = header.toLowerCase(Locale.ROOT);
        return names.contains(name) || prefixes.stream().anyMatch(name::startsWith);
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }
}
