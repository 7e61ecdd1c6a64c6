package io.studilo.auth.account;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A normalised e-mail address: trimmed and lower-cased, so {@code " Ada@Example.ORG"} and
 * {@code "ada@example.org"} are the same account. The shape check is deliberately simple (ASCII local part
 * and a dotted host name); whether the mailbox exists is not our question.
 */
public record EmailAddress(String value) {

    static final int MAX_LENGTH = 254;
    private static final Pattern SHAPE =
            Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    /** Trims and lower-cases, the one normalisation every lookup uses. */
    public static String normalise(String raw) {
        return raw.strip().toLowerCase(Locale.ROOT);
    }

    /** The address if it has the shape of one, else empty. */
    public static Optional<EmailAddress> tryParse(String raw) {
        String email = normalise(raw);
        int at = email.indexOf('@');
        if (email.length() > MAX_LENGTH
                || at < 1
                || at > 64
                || !SHAPE.matcher(email).matches()) {
            return Optional.empty();
        }
        return Optional.of(new EmailAddress(email));
    }

    /** The address, or a 400 naming the {@code email} field. */
    public static EmailAddress parse(String raw) {
        return tryParse(raw).orElseThrow(() -> InvalidFieldsException.of("email", "must be a valid e-mail address"));
    }

    public String localPart() {
        return value.substring(0, value.indexOf('@'));
    }

    @Override
    public String toString() {
        return value;
    }
}
