package io.studilo.common.web;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The stable problem {@code type} URIs clients may switch on. Add, never rename: they are part of the public
 * contract (API.md). Each service may define more with {@link #of(String, String, HttpStatus)}.
 */
public record ProblemType(URI uri, String title, HttpStatus status) {

    public static final String BASE = "https://studilo.io/problems/";

    public static final ProblemType VALIDATION = of("validation", "Invalid request", HttpStatus.BAD_REQUEST);
    public static final ProblemType MALFORMED = of("malformed-request", "Malformed request", HttpStatus.BAD_REQUEST);
    public static final ProblemType UNAUTHORIZED =
            of("unauthorized", "Authentication required", HttpStatus.UNAUTHORIZED);
    public static final ProblemType FORBIDDEN = of("forbidden", "Forbidden", HttpStatus.FORBIDDEN);
    public static final ProblemType NOT_FOUND = of("not-found", "Not found", HttpStatus.NOT_FOUND);
    public static final ProblemType METHOD_NOT_ALLOWED =
            of("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED);
    public static final ProblemType CONFLICT = of("conflict", "Conflict", HttpStatus.CONFLICT);
    public static final ProblemType PAYLOAD_TOO_LARGE =
            of("payload-too-large", "Payload too large", HttpStatus.CONTENT_TOO_LARGE);
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE =
            of("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    public static final ProblemType UNPROCESSABLE =
            of("unprocessable", "Unprocessable content", HttpStatus.UNPROCESSABLE_CONTENT);
    public static final ProblemType TOO_MANY_REQUESTS =
            of("too-many-requests", "Too many requests", HttpStatus.TOO_MANY_REQUESTS);
    public static final ProblemType SERVICE_UNAVAILABLE =
            of("service-unavailable", "Service unavailable", HttpStatus.SERVICE_UNAVAILABLE);
    public static final ProblemType INTERNAL = of("internal", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR);

    public static ProblemType of(String slug, String title, HttpStatus status) {
        return new ProblemType(URI.create(BASE + slug), title, status);
    }
}
