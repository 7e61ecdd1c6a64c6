package io.studilo.auth;

import io.studilo.common.web.ProblemType;
import org.springframework.http.HttpStatus;

/** The problem types auth-service adds to common-lib's (stable URIs: clients may switch on them). */
public final class AuthProblems {

    public static final ProblemType EMAIL_TAKEN =
            ProblemType.of("email-taken", "E-mail already registered", HttpStatus.CONFLICT);
    public static final ProblemType INVALID_CREDENTIALS =
            ProblemType.of("invalid-credentials", "Invalid credentials", HttpStatus.UNAUTHORIZED);
    public static final ProblemType INVALID_REFRESH_TOKEN =
            ProblemType.of("invalid-refresh-token", "Invalid refresh token", HttpStatus.UNAUTHORIZED);

    private AuthProblems() {}
}
