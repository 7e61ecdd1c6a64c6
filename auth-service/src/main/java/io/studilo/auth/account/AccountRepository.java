package io.studilo.auth.account;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code auth.users} table. A duplicate e-mail surfaces as Spring's {@code DuplicateKeyException}. */
@Repository
class AccountRepository {

    /** An account with its hash, only for verifying a password. */
    record Credentials(Account account, String passwordHash) {}

    private static final String COLUMNS = "id, email, display_name, roles, created_at";
    private static final RowMapper<Account> ACCOUNT = (rs, row) -> new Account(
            rs.getObject("id", UUID.class),
            rs.getString("email"),
            rs.getString("display_name"),
            roles(rs),
            rs.getObject("created_at", OffsetDateTime.class).toInstant());

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Account insert(UUID id, EmailAddress email, String displayName, String passwordHash) {
        return jdbc.sql("insert into users (id, email, display_name, password_hash) values (?, ?, ?, ?) returning "
                        + COLUMNS)
                .params(id, email.value(), displayName, passwordHash)
                .query(ACCOUNT)
                .single();
    }

    Optional<Credentials> findCredentials(String normalisedEmail) {
        return jdbc.sql("select " + COLUMNS + ", password_hash from users where email = ?")
                .param(normalisedEmail)
                .query((rs, row) -> new Credentials(ACCOUNT.mapRow(rs, row), rs.getString("password_hash")))
                .optional();
    }

    Optional<Account> findById(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from users where id = ?")
                .param(id)
                .query(ACCOUNT)
                .optional();
    }

    void updatePasswordHash(UUID id, String passwordHash) {
        jdbc.sql("update users set password_hash = ? where id = ?")
                .params(passwordHash, id)
                .update();
    }

    private static List<String> roles(ResultSet rs) throws SQLException {
        Array array = rs.getArray("roles");
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
