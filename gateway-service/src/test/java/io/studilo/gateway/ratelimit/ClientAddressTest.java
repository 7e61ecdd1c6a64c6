package io.studilo.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.studilo.gateway.GatewayProperties;
import io.studilo.gateway.TestProperties;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class ClientAddressTest {

    private static final GatewayProperties.IdentityHeaders NO_HEADERS =
            new GatewayProperties.IdentityHeaders(null, null);

    @Test
    void ignoresAForgedForwardedForWithoutTrustedProxies() {
        RateLimitFilter filter = filter(0);

        assertThat(filter.clientAddress(exchange("6.6.6.6"))).isEqualTo("10.0.0.7");
    }

    @Test
    void takesTheAddressTheTrustedProxyAppended() {
        RateLimitFilter filter = filter(1);

        assertThat(filter.clientAddress(exchange("6.6.6.6, 203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    private static RateLimitFilter filter(int trustedProxyHops) {
        return new RateLimitFilter(new RedisRateLimiter(10, 20), TestProperties.with(NO_HEADERS, trustedProxyHops));
    }

    private static MockServerWebExchange exchange(String forwardedFor) {
        return MockServerWebExchange.from(MockServerHttpRequest.post("/api/auth/login")
                .remoteAddress(new InetSocketAddress("10.0.0.7", 40000))
                .header("X-Forwarded-For", forwardedFor));
    }
}
