package io.studilo.common.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * Connections from the replica; while the replica cannot give one (down, failing over, unreachable), connections
 * from the primary for {@code retryAfter}, so reads keep working at the price of load on the primary. Logged once
 * per outage, not per read. Each replica connection is validated when borrowed (one round trip), so a replica
 * that died a moment ago costs a fallback, not a failed read.
 */
final class ReplicaFallbackDataSource extends AbstractDataSource {

    private static final Logger log = LoggerFactory.getLogger(ReplicaFallbackDataSource.class);

    private static final int VALIDATION_TIMEOUT_SECONDS = 1;

    private final DataSource replica;
    private final DataSource primary;
    private final Duration retryAfter;
    private final Clock clock;
    private final AtomicReference<@Nullable Instant> replicaDownSince = new AtomicReference<>();

    ReplicaFallbackDataSource(DataSource replica, DataSource primary, Duration retryAfter, Clock clock) {
        this.replica = replica;
        this.primary = primary;
        this.retryAfter = retryAfter;
        this.clock = clock;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Instant downSince = replicaDownSince.get();
        if (downSince != null && clock.instant().isBefore(downSince.plus(retryAfter))) {
            return primary.getConnection();
        }
        try {
            Connection connection = validated(replica.getConnection());
            if (downSince != null && replicaDownSince.compareAndSet(downSince, null)) {
                log.info("Read replica reachable again: read-only transactions use it again");
            }
            return connection;
        } catch (SQLException e) {
            if (replicaDownSince.getAndSet(clock.instant()) == null) {
                log.warn(
                        "Read replica unreachable, read-only transactions use the primary (retrying every {}): {}",
                        retryAfter,
                        e.getMessage());
            }
            return primary.getConnection();
        }
    }

    /**
     * A pooled connection can be dead although the pool handed it out (the replica crashed a moment ago):
     * checked here, where falling back is still possible, rather than failing the read at its first statement.
     */
    private Connection validated(Connection connection) throws SQLException {
        if (connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
            return connection;
        }
        if (replica instanceof HikariDataSource pool) {
            pool.evictConnection(connection);
        } else {
            connection.close();
        }
        throw new SQLException("replica connection is no longer valid");
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLException("ReplicaFallbackDataSource uses the configured credentials only");
    }

    boolean replicaDown() {
        return replicaDownSince.get() != null;
    }
}
