package io.studilo.common.security;

import io.studilo.common.web.ProblemException;
import io.studilo.common.web.ProblemType;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The authenticated student. The owner id is the token's subject: the only identity any query may be
 * filtered by (never a client-sent header or body field).
 */
public final class CurrentUser {

    private CurrentUser() {}

    public static UUID ownerId() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            try {
                return UUID.fromString(token.getToken().getSubject());
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new ProblemException(ProblemType.UNAUTHORIZED, "The access token has no valid subject.");
            }
        }
        throw new ProblemException(ProblemType.UNAUTHORIZED, "Authentication required.");
    }
}
