package io.studilo.gateway.security;

import io.studilo.gateway.GatewayProperties;
import io.studilo.gateway.web.ProblemType;
import io.studilo.gateway.web.Problems;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * The gateway's front door: every {@code /api/**} call needs a valid access token except register, login and
 * refresh; the token must be ES256-signed by a key in auth-service's JWKS (fetched once, refetched when an
 * unknown {@code kid} appears), from our issuer, for our audience, and unexpired (bounded clock skew).
 * Anything else is a {@code 401} problem. Browser preflights are answered for the configured origins.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String[] PUBLIC_AUTH_PATHS = {"/api/auth/register", "/api/auth/login", "/api/auth/refresh"};

    @Bean
    SecurityWebFilterChain gatewaySecurity(
            ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder, CorsConfigurationSource corsSource) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(cors -> cors.configurationSource(corsSource))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.POST, PUBLIC_AUTH_PATHS)
                        .permitAll()
                        .pathMatchers("/api/**")
                        .authenticated()
                        // Swagger UI and the services' API documents; everything else has no route (404).
                        .anyExchange()
                        .permitAll())
                .oauth2ResourceServer(oauth -> oauth.jwt(jwt -> jwt.jwtDecoder(jwtDecoder))
                        .authenticationEntryPoint((exchange, ex) ->
                                Problems.write(exchange, ProblemType.UNAUTHORIZED, "A valid access token is required."))
                        .accessDeniedHandler((exchange, ex) ->
                                Problems.write(exchange, ProblemType.FORBIDDEN, "You may not do this.")))
                .exceptionHandling(handling -> handling.authenticationEntryPoint((exchange, ex) ->
                                Problems.write(exchange, ProblemType.UNAUTHORIZED, "A valid access token is required."))
                        .accessDeniedHandler((exchange, ex) ->
                                Problems.write(exchange, ProblemType.FORBIDDEN, "You may not do this.")))
                .build();
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(GatewayProperties properties) {
        GatewayProperties.Jwt jwt = properties.jwt();
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(
                        jwt.jwksUri().toString())
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        OAuth2TokenValidator<Jwt> validator = validator(jwt);
        decoder.setJwtValidator(validator);
        return jwt.verifiedCacheSize() > 0
                ? new VerifiedTokenCache(decoder, validator, jwt.verifiedCacheSize(), jwt.verifiedCacheTtl())
                : decoder;
    }

    static OAuth2TokenValidator<Jwt> validator(GatewayProperties.Jwt jwt) {
        return new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(jwt.clockSkew()),
                new JwtIssuerValidator(jwt.issuer()),
                new JwtClaimValidator<List<String>>(
                        JwtClaimNames.AUD, aud -> aud != null && aud.contains(jwt.audience())),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()),
                // An access token must expire: one without exp is rejected, not trusted forever.
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, exp -> exp != null));
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(GatewayProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.cors().allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(
                List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT, "X-Request-Id"));
        cors.setExposedHeaders(List.of(
                "X-Request-Id",
                HttpHeaders.RETRY_AFTER,
                HttpHeaders.LOCATION,
                HttpHeaders.CONTENT_DISPOSITION,
                "X-RateLimit-Remaining"));
        // Tokens travel in the Authorization header, never in cookies.
        cors.setAllowCredentials(false);
        cors.setMaxAge(properties.cors().maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
