package io.studilo.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import io.studilo.auth.account.Account;
import io.studilo.common.security.StudiloSecurityProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** Tokens signed before a rotation stay valid while the previous key is still in the set. */
class KeyRotationTest {

    final StudiloSecurityProperties security = new StudiloSecurityProperties(
            "http://unused/.well-known/jwks.json", "studilo-auth", "studilo-api", Duration.ofSeconds(30), null);
    final Account account = new Account(
            UUID.randomUUID(), "ada@example.org", "Ada", List.of("USER"), Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void acceptsTokensOfTheCurrentAndThePreviousKeyOnly() throws Exception {
        ECKey previous = key("2026-08");
        ECKey current = key("2026-11");
        String beforeRotation = tokens(new SigningKeys(List.of(previous))).issue(account);

        SigningKeys rotated = new SigningKeys(List.of(current, previous));
        JwtDecoder decoder = new TokenConfiguration().jwtDecoder(rotated, security);
        String afterRotation = tokens(rotated).issue(account);

        assertThat(SignedJWT.parse(afterRotation).getHeader().getKeyID()).isEqualTo("2026-11");
        assertThat(decoder.decode(afterRotation).getSubject())
                .isEqualTo(account.id().toString());
        assertThat(decoder.decode(beforeRotation).getSubject())
                .isEqualTo(account.id().toString());

        JwtDecoder afterDroppingPrevious =
                new TokenConfiguration().jwtDecoder(new SigningKeys(List.of(current)), security);
        assertThatThrownBy(() -> afterDroppingPrevious.decode(beforeRotation)).isInstanceOf(JwtException.class);
    }

    @Test
    void issuesTheAgreedClaimsForTheConfiguredLifetime() throws Exception {
        SigningKeys keys = new SigningKeys(List.of(key("k1")));
        Clock clock = Clock.fixed(Instant.now(), java.time.ZoneOffset.UTC);
        String token =
                new AccessTokens(keys, "studilo-auth", "studilo-api", Duration.ofMinutes(15), clock).issue(account);

        Jwt jwt = new TokenConfiguration().jwtDecoder(keys, security).decode(token);

        assertThat(jwt.getClaimAsString("iss")).isEqualTo("studilo-auth");
        assertThat(jwt.getAudience()).containsExactly("studilo-api");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("USER");
        assertThat(jwt.getId()).isNotBlank();
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(15));
    }

    private AccessTokens tokens(SigningKeys keys) {
        return new AccessTokens(keys, "studilo-auth", "studilo-api", Duration.ofMinutes(15), Clock.systemUTC());
    }

    private static ECKey key(String kid) throws Exception {
        return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    }
}
