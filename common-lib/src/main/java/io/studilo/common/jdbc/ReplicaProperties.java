package io.studilo.common.jdbc;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The read replica ({@code studilo.datasource.replica.*}; env {@code STUDILO_DATASOURCE_REPLICA_URL} etc.).
 *
 * @param url JDBC URL of the replicas (CloudNativePG's {@code -ro} service); routing is off when it is not set
 * @param username user on the replica; the primary's {@code spring.datasource.username} when empty
 * @param password password on the replica; the primary's {@code spring.datasource.password} when empty
 * @param schema schema the replica's connections use; the primary's {@code spring.datasource.hikari.schema} when empty
 * @param maximumPoolSize connections to the replica
 * @param connectionTimeout how long a read waits for a replica connection before it falls back to the primary
 * @param retryAfter how long reads stay on the primary after the replica failed, before the replica is tried again
 */
@ConfigurationProperties("studilo.datasource.replica")
public record ReplicaProperties(
        @Nullable String url,
        @Nullable String username,
        @Nullable String password,
        @Nullable String schema,
        int maximumPoolSize,
        Duration connectionTimeout,
        Duration retryAfter) {

    public ReplicaProperties {
        maximumPoolSize = maximumPoolSize <= 0 ? 10 : maximumPoolSize;
        connectionTimeout = connectionTimeout == null ? Duration.ofSeconds(1) : connectionTimeout;
        retryAfter = retryAfter == null ? Duration.ofSeconds(10) : retryAfter;
    }
}
