package io.studilo.common.security;

import io.studilo.common.web.ProblemType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * JWT resource server for every servlet service: ES256 tokens from auth-service's JWKS, issuer, audience and
 * expiry checked with a bounded clock skew (on every call; the signature once per token, see
 * {@link VerifiedTokenCache}), no sessions, and RFC 9457 bodies for 401/403.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "studilo.security", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(StudiloSecurityProperties.class)
public class ResourceServerAutoConfiguration {

    /** Verified tokens remembered (a client reuses its access token for its whole lifetime). */
    static final int VERIFIED_TOKENS = 10_000;

    static final Duration VERIFIED_TOKEN_TTL = Duration.ofMinutes(5);

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(StudiloSecurityProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri())
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        OAuth2TokenValidator<Jwt> validator = validator(properties);
        decoder.setJwtValidator(validator);
        return new VerifiedTokenCache(decoder, validator, VERIFIED_TOKENS, VERIFIED_TOKEN_TTL);
    }

    public static OAuth2TokenValidator<Jwt> validator(StudiloSecurityProperties properties) {
        return new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtIssuerValidator(properties.issuer()),
                new JwtClaimValidator<List<String>>(
                        JwtClaimNames.AUD, aud -> aud != null && aud.contains(properties.audience())),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()));
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain studiloSecurityFilterChain(HttpSecurity http, StudiloSecurityProperties properties)
            throws Exception {
        String[] publicPaths = properties.publicPaths().toArray(String[]::new);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/actuator/**", "/error", "/v3/api-docs/**")
                            .permitAll();
                    if (publicPaths.length > 0) {
                        auth.requestMatchers(publicPaths).permitAll();
                    }
                    auth.anyRequest().authenticated();
                })
                .oauth2ResourceServer(oauth -> oauth.jwt(jwt -> {})
                        .authenticationEntryPoint((request, response, ex) ->
                                writeProblem(response, ProblemType.UNAUTHORIZED, "A valid access token is required."))
                        .accessDeniedHandler((request, response, ex) ->
                                writeProblem(response, ProblemType.FORBIDDEN, "You may not do this.")))
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) ->
                        writeProblem(response, ProblemType.UNAUTHORIZED, "A valid access token is required.")));
        return http.build();
    }

    private static void writeProblem(jakarta.servlet.http.HttpServletResponse response, ProblemType type, String detail)
            throws java.io.IOException {
        HttpStatus status = type.status();
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        String body = "{\"type\":\"%s\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\"}"
                .formatted(type.uri(), type.title(), status.value(), detail);
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
