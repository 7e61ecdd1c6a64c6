package io.studilo.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.studilo.common.security.ResourceServerAutoConfiguration;
import io.studilo.common.security.StudiloSecurityProperties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** The tokens TestTokens mints are judged by the same decoder and validator every service uses. */
class TestTokensTest {

    static TestTokens tokens;
    static NimbusJwtDecoder decoder;
    final UUID user = UUID.randomUUID();

    @BeforeAll
    static void start() {
        tokens = TestTokens.start();
        decoder = NimbusJwtDecoder.withJwkSetUri(tokens.jwksUri())
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        decoder.setJwtValidator(ResourceServerAutoConfiguration.validator(
                new StudiloSecurityProperties(tokens.jwksUri(), TestTokens.ISSUER, TestTokens.AUDIENCE, null, null)));
    }

    @AfterAll
    static void stop() {
        tokens.close();
    }

    @Test
    void acceptsAValidTokenFetchingTheKeyFromTheJwks() {
        Jwt jwt = decoder.decode(tokens.token(user));

        assertThat(jwt.getSubject()).isEqualTo(user.toString());
        assertThat(jwt.getAudience()).containsExactly(TestTokens.AUDIENCE);
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("USER");
    }

    @Test
    void everyAttackHelperIsRejected() {
        for (String token : new String[] {
            tokens.expired(user),
            tokens.tampered(user),
            tokens.algNone(user),
            tokens.wrongIssuer(user),
            tokens.wrongAudience(user),
            tokens.signedByUnknownKey(user)
        }) {
            assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
        }
    }
}
