package io.studilo.common.security;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How every service checks access tokens. Each service re-validates the token the gateway already checked
 * (defence in depth), against the auth-service's published keys.
 *
 * @param jwksUri where auth-service publishes its public keys
 * @param issuer the {@code iss} every token must carry
 * @param audience the {@code aud} every token must contain
 * @param clockSkew tolerance for {@code exp}/{@code nbf} between machines
 * @param publicPaths paths (Ant patterns) that need no token
 */
@Validated
@ConfigurationProperties("studilo.security")
public record StudiloSecurityProperties(
        @NotBlank String jwksUri,
        @NotBlank String issuer,
        @NotBlank String audience,
        Duration clockSkew,
        List<String> publicPaths) {

    public StudiloSecurityProperties {
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
    }
}
