package io.studilo.common.web;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by application code to answer with a specific problem. The detail is shown to the client, so it
 * must be written for them: never an exception message or an internal id.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final @Nullable Duration retryAfter;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, null);
    }

    public ProblemException(ProblemType type, String detail, @Nullable Duration retryAfter) {
        super(detail);
        this.type = type;
        this.retryAfter = retryAfter;
    }

    public ProblemType type() {
        return type;
    }

    public @Nullable Duration retryAfter() {
        return retryAfter;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " not found");
    }
}
