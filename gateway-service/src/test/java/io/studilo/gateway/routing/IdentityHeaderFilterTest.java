package io.studilo.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.studilo.gateway.GatewayProperties;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityHeaderFilterTest {

    private final IdentityHeaderFilter filter = new IdentityHeaderFilter(
            properties(new GatewayProperties.IdentityHeaders(List.of("X-User-Id", "X-Owner-Id"), List.of("X-Auth-"))));

    @ParameterizedTest
    @ValueSource(strings = {"X-User-Id", "x-user-id", "X-OWNER-ID", "X-Auth-Roles", "x-auth-anything"})
    void recognisesIdentityHeadersWhateverTheirCase(String header) {
        assertThat(filter.isIdentityHeader(header)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization", "X-Request-Id", "Content-Type", "X-Author", "X-User-Idx"})
    void keepsEveryOtherHeader(String header) {
        assertThat(filter.isIdentityHeader(header)).isFalse();
    }

    static GatewayProperties properties(GatewayProperties.IdentityHeaders identityHeaders) {
        return new GatewayProperties(
                Map.of("auth", new GatewayProperties.Service(List.of(URI.create("http://127.0.0.1:8081")), null)),
                new GatewayProperties.Jwt(
                        URI.create("http://127.0.0.1:8081/jwks"), "studilo-auth", "studilo-api", null, 0, null),
                new GatewayProperties.RateLimits(
                        "studilo:gateway:", new GatewayProperties.Bucket(10, 20), new GatewayProperties.Bucket(1, 5)),
                new GatewayProperties.Cors(null, null),
                new GatewayProperties.Resilience(
                        Duration.ofSeconds(5),
                        2,
                        Duration.ofMillis(50),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(10)),
                identityHeaders);
    }
}
