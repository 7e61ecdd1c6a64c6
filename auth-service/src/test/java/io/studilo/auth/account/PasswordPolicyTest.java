package io.studilo.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(10, 128);
    private final EmailAddress email = EmailAddress.parse("grace.hopper@navy.mil");

    @Test
    void acceptsALongEnoughUnrelatedPassword() {
        assertThat(policy.violations("correct horse battery", email)).isEmpty();
        assertThat(policy.violations("0123456789", email)).isEmpty();
    }

    @Test
    void rejectsShortPasswords() {
        assertThat(policy.violations("123456789", email)).containsExactly("must be at least 10 characters long");
    }

    @Test
    void countsCharactersNotBytesOrUtf16Units() {
        // Nine emoji are 18 UTF-16 units and 36 bytes, but only nine characters.
        assertThat(policy.violations("😀".repeat(9), email)).containsExactly("must be at least 10 characters long");
        assertThat(policy.violations("😀".repeat(10), email)).isEmpty();
    }

    @Test
    void rejectsOverlongPasswords() {
        assertThat(policy.violations("x".repeat(129), email)).containsExactly("must be at most 128 characters long");
        assertThat(policy.violations("x".repeat(128), email)).isEmpty();
    }

    @Test
    void rejectsWhitespaceOnly() {
        assertThat(policy.violations(" ".repeat(12), email)).containsExactly("must not be only whitespace");
    }

    @Test
    void rejectsTheEmailAddressInAnyCase() {
        assertThat(policy.violations("Grace.Hopper@Navy.mil", email))
                .containsExactly("must not contain your e-mail address");
        assertThat(policy.violations("xx grace.hopper@navy.mil!", email))
                .containsExactly("must not contain your e-mail address");
    }

    @Test
    void rejectsTheNamePartOfTheAddress() {
        assertThat(policy.violations("GRACE.HOPPER-1906", email))
                .containsExactly("must not contain the name part of your e-mail address");
    }

    @Test
    void ignoresVeryShortNameParts() {
        assertThat(policy.violations("bob-is-my-uncle", EmailAddress.parse("bob@example.org")))
                .isEmpty();
    }

    @Test
    void reportsEveryBrokenRuleOnThePasswordField() {
        assertThatThrownBy(() -> policy.check("grace", EmailAddress.parse("grace@navy.mil")))
                .isInstanceOfSatisfying(
                        InvalidFieldsException.class,
                        e -> assertThat(e.violations())
                                .extracting(InvalidFieldsException.Violation::field)
                                .containsExactly("password", "password"));
    }
}
