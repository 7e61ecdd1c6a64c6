package io.studilo.auth.account;

import java.util.List;

/** Input that is well-formed JSON but breaks a rule; answered as a 400 validation problem with {@code errors}. */
public class InvalidFieldsException extends RuntimeException {

    /** One rejected field and why, written for the user. */
    public record Violation(String field, String message) {}

    private final List<Violation> violations;

    public InvalidFieldsException(List<Violation> violations) {
        super("invalid fields: " + violations.stream().map(Violation::field).toList());
        this.violations = List.copyOf(violations);
    }

    public static InvalidFieldsException of(String field, String message) {
        return new InvalidFieldsException(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
