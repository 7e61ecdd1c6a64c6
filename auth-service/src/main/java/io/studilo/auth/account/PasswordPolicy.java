package io.studilo.auth.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a new password must satisfy: a length between the configured bounds (counted in characters, not
 * bytes), not only whitespace, and not the e-mail address or its local part (when that is long enough to be a
 * guess, 4+ characters) in any letter case.
 */
final class PasswordPolicy {

    static final int MIN_GUESSABLE_LOCAL_PART = 4;

    private final int minLength;
    private final int maxLength;

    PasswordPolicy(int minLength, int maxLength) {
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /** Every rule the password breaks, as messages for the {@code password} field; empty when it is fine. */
    List<String> violations(String password, EmailAddress email) {
        List<String> violations = new ArrayList<>();
        int length = password.codePointCount(0, password.length());
        if (length < minLength) {
            violations.add("must be at least " + minLength + " characters long");
        }
        if (length > maxLength) {
            violations.add("must be at most " + maxLength + " characters long");
        }
        if (password.isBlank()) {
            violations.add("must not be only whitespace");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String localPart = email.localPart();
        if (lower.contains(email.value())) {
            violations.add("must not contain your e-mail address");
        } else if (localPart.length() >= MIN_GUESSABLE_LOCAL_PART && lower.contains(localPart)) {
            violations.add("must not contain the name part of your e-mail address");
        }
        return violations;
    }

    void check(String password, EmailAddress email) {
        List<String> violations = violations(password, email);
        if (!violations.isEmpty()) {
            throw new InvalidFieldsException(violations.stream()
                    .map(message -> new InvalidFieldsException.Violation("password", message))
                    .toList());
        }
    }
}
