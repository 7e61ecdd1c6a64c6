package io.studilo.auth;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthPropertiesTest {

    private final Validator validator =
            Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void acceptsAFamilyLifetimeAtLeastTheRefreshTtl() {
        assertThat(validator.validate(properties(Duration.ofDays(14), Duration.ofDays(30))))
                .isEmpty();
        assertThat(validator.validate(properties(Duration.ofDays(14), Duration.ofDays(14))))
                .isEmpty();
    }

    @Test
    void rejectsAFamilyLifetimeShorterThanTheRefreshTtl() {
        assertThat(validator.validate(properties(Duration.ofDays(14), Duration.ofDays(7))))
                .singleElement()
                .satisfies(v -> assertThat(v.getPropertyPath().toString()).isEqualTo("tokenLifetimesConsistent"));
    }

    @Test
    void rejectsNonPositiveTtlsAndAMissingFamilyLifetime() {
        assertThat(validator.validate(properties(Duration.ZERO, Duration.ofDays(30))))
                .isNotEmpty();
        assertThat(validator.validate(properties(Duration.ofDays(-1), Duration.ZERO)))
                .isNotEmpty();
        assertThat(validator.validate(properties(Duration.ofDays(14), null))).isNotEmpty();
    }

    private static AuthProperties properties(Duration refreshTtl, Duration familyLifetime) {
        return new AuthProperties(
                Duration.ofMinutes(15),
                refreshTtl,
                familyLifetime,
                new AuthProperties.Keys("", "unused"),
                new AuthProperties.Password(10, 128, 19456, 2, 1),
                new AuthProperties.LoginThrottle(Duration.ofMinutes(15), 5, 50),
                List.of(),
                null);
    }
}
