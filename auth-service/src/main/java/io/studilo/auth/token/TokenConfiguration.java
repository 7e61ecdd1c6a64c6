package io.studilo.auth.token;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.studilo.common.security.ResourceServerAutoConfiguration;
import io.studilo.common.security.StudiloSecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    /**
     * Replaces common-lib's JWKS-URI decoder for this service only: auth-service verifies {@code /me} tokens
     * against the very keys it publishes, read from memory instead of over HTTP from itself (no self-call
     * during startup or under load, and no dependency on {@code studilo.security.jwks-uri} pointing back
     * here). The claim checks are common-lib's, so the rules are the same as in every other service.
     */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, StudiloSecurityProperties security) {
        JWKSource<SecurityContext> source = (selector, context) -> selector.select(keys.publicJwks());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(source)
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        decoder.setJwtValidator(ResourceServerAutoConfiguration.validator(security));
        return decoder;
    }
}
