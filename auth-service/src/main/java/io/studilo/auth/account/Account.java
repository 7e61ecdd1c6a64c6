package io.studilo.auth.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A registered student as the rest of the service sees it (never with the password hash). */
public record Account(UUID id, String email, String displayName, List<String> roles, Instant createdAt) {

    public Account {
        roles = List.copyOf(roles);
    }
}
