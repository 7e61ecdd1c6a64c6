package io.studilo.common.jdbc;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * The application's DataSource when a replica is configured: a {@link LazyConnectionDataSourceProxy} over the
 * primary whose read-only connections come from the replica (Spring's own routing: the physical connection is
 * fetched on first use, after {@code @Transactional(readOnly = true)} marked it read-only). Everything else —
 * writes, Flyway, connections outside a read-only transaction — goes to the primary.
 */
public class ReadReplicaRoutingDataSource extends LazyConnectionDataSourceProxy implements AutoCloseable {

    private final DataSource primary;
    private final DataSource replica;
    private final ReplicaFallbackDataSource readOnly;

    public ReadReplicaRoutingDataSource(DataSource primary, DataSource replica, Duration retryAfter) {
        this(primary, replica, retryAfter, Clock.systemUTC());
    }

    ReadReplicaRoutingDataSource(DataSource primary, DataSource replica, Duration retryAfter, Clock clock) {
        this.primary = primary;
        this.replica = replica;
        this.readOnly = new ReplicaFallbackDataSource(replica, primary, retryAfter, clock);
        setTargetDataSource(primary);
        setReadOnlyDataSource(readOnly);
        // Known defaults, so the proxy never opens a connection just to find them out.
        setDefaultAutoCommit(true);
        setDefaultTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        afterPropertiesSet();
    }

    public DataSource primary() {
        return primary;
    }

    public DataSource replica() {
        return replica;
    }

    /** Whether reads are currently served by the primary because the replica failed. */
    public boolean replicaDown() {
        return readOnly.replicaDown();
    }

    /** Closes both pools (the container calls this in place of the primary pool's own close). */
    @Override
    public void close() throws Exception {
        if (replica instanceof AutoCloseable closeable) {
            closeable.close();
        }
        if (primary instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
