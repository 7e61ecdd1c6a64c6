package io.studilo.ingestion.outbox;

import io.studilo.ingestion.IngestionProperties;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to RabbitMQ and deletes them once the broker confirmed. Rows are locked with
 * {@code FOR UPDATE SKIP LOCKED}, so several replicas never publish the same row at once; a failed batch is
 * retried later with exponential backoff, so uploads never depend on the broker being up. Besides the fixed
 * schedule, every commit that wrote a message nudges the relay, so a job normally leaves within milliseconds.
 */
@Component
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private record Row(
            long id, UUID messageId, String exchange, String routingKey, String type, String payload, int attempts) {}

    private final JdbcClient jdbc;
    private final RabbitTemplate rabbit;
    private final TransactionTemplate tx;
    private final IngestionProperties.Messaging properties;
    private final AtomicBoolean nudgePending = new AtomicBoolean();
    private final ExecutorService nudger = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-nudge");
        t.setDaemon(true);
        return t;
    });

    OutboxRelay(JdbcClient jdbc, RabbitTemplate rabbit, TransactionTemplate tx, IngestionProperties properties) {
        this.jdbc = jdbc;
        this.rabbit = rabbit;
        this.tx = tx;
        this.properties = properties.messaging();
    }

    /** Runs the relay now, off the caller's thread (after a commit); several nudges in a row coalesce. */
    void nudge() {
        if (nudgePending.compareAndSet(false, true)) {
            try {
                nudger.execute(() -> {
                    nudgePending.set(false);
                    relay();
                });
            } catch (RejectedExecutionException e) {
                nudgePending.set(false); // shutting down: the scheduled run or the next start publishes it
            }
        }
    }

    @PreDestroy
    void shutdown() {
        nudger.shutdown();
    }

    @Scheduled(fixedDelayString = "${studilo.ingestion.messaging.relay-interval}")
    void relay() {
        try {
            while (publishBatch() == properties.relayBatchSize()) {
                // a full batch: there may be more waiting
            }
        } catch (RuntimeException e) {
            log.warn("Outbox relay failed; will retry: {}", e.toString());
        }
    }

    /** Publishes one batch of due rows; returns how many were published. */
    int publishBatch() {
        Integer published = tx.execute(status -> {
            List<Row> rows = jdbc.sql("""
                            SELECT id, message_id, exchange, routing_key, payload_type, payload, attempts FROM outbox
                            WHERE next_attempt_at <= now() ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED
                            """)
                    .param("limit", properties.relayBatchSize())
                    .query((rs, n) -> new Row(
                            rs.getLong(1),
                            rs.getObject(2, UUID.class),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getInt(7)))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            try {
                rabbit.invoke(ops -> {
                    for (Row row : rows) {
                        ops.send(row.exchange(), row.routingKey(), toMessage(row));
                    }
                    ops.waitForConfirmsOrDie(properties.confirmTimeout().toMillis());
                    return null;
                });
            } catch (AmqpException e) {
                postpone(rows);
                log.warn("Could not publish {} outbox message(s), retrying later: {}", rows.size(), e.toString());
                return 0;
            }
            jdbc.sql("DELETE FROM outbox WHERE id IN (:ids)")
                    .param("ids", rows.stream().map(Row::id).toList())
                    .update();
            return rows.size();
        });
        return published == null ? 0 : published;
    }

    private void postpone(List<Row> rows) {
        for (Row row : rows) {
            jdbc.sql("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = :next WHERE id = :id")
                    .param("id", row.id())
                    .param("next", Timestamp.from(Instant.now().plus(backoff(row.attempts() + 1))))
                    .update();
        }
    }

    Duration backoff(int attempts) {
        double millis = properties.initialBackoff().toMillis()
                * Math.pow(properties.backoffMultiplier(), Math.max(0, attempts - 1));
        return Duration.ofMillis((long) Math.min(millis, properties.maxBackoff().toMillis()));
    }

    private static Message toMessage(Row row) {
        return MessageBuilder.withBody(row.payload().getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setContentEncoding(StandardCharsets.UTF_8.name())
                .setMessageId(row.messageId().toString())
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setHeader("__TypeId__", row.type())
                .build();
    }
}
