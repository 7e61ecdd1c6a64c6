package io.studilo.ingestion.outbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox: a message written here commits or rolls back with the business change; the
 * {@link OutboxRelay} publishes it afterwards. Callers must already be in a transaction.
 */
@Component
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    private final OutboxRelay relay;

    Outbox(JdbcClient jdbc, JsonMapper json, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.json = json;
        this.relay = relay;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(UUID messageId, String exchange, String routingKey, Object payload) {
        jdbc.sql("""
                        INSERT INTO outbox (message_id, exchange, routing_key, payload_type, payload, next_attempt_at,
                            created_at)
                        VALUES (:id, :exchange, :key, :type, :payload, :now, :now)
                        """)
                .param("id", messageId)
                .param("exchange", exchange)
                .param("key", routingKey)
                .param("type", payload.getClass().getName())
                .param("payload", json.writeValueAsString(payload))
                .param("now", Timestamp.from(Instant.now()))
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.nudge();
            }
        });
    }
}
