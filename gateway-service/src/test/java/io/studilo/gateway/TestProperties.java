package io.studilo.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Gateway properties for unit tests, with the defaults of application.yml unless a test says otherwise. */
public final class TestProperties {

    private TestProperties() {}

    public static GatewayProperties with(GatewayProperties.IdentityHeaders identityHeaders, int trustedProxyHops) {
        return new GatewayProperties(
                Map.of("auth", new GatewayProperties.Service(List.of(URI.create("http://127.0.0.1:8081")), null)),
                new GatewayProperties.Jwt(
                        URI.create("http://127.0.0.1:8081/.well-known/jwks.json"),
                        "studilo-auth",
                        "studilo-api",
                        null,
                        0,
                        null),
                new GatewayProperties.RateLimits(
                        "studilo:gateway:",
                        new GatewayProperties.Bucket(20, 40),
                        new GatewayProperties.Bucket(2, 30),
                        trustedProxyHops),
                new GatewayProperties.Cors(null, null),
                new GatewayProperties.Resilience(
                        Duration.ofSeconds(5),
                        2,
                        Duration.ofMillis(50),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(10),
                        50,
                        20,
                        512),
                identityHeaders);
    }
}
