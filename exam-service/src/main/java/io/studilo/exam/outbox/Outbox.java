package io.studilo.exam.outbox;

import io.studilo.exam.ExamProperties;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Writes an event into the outbox, inside the caller's transaction; {@link OutboxRelay} publishes it. */
@Component
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final String exchange;

    Outbox(JdbcClient jdbc, JsonMapper json, ExamProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.exchange = properties.messaging().exchange();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void add(UUID messageId, String routingKey, Object event) {
        jdbc.sql("""
                        INSERT INTO outbox (message_id, exchange, routing_key, payload_type, payload)
                        VALUES (:id, :exchange, :routingKey, :type, :payload)
                        """)
                .param("id", messageId)
                .param("exchange", exchange)
                .param("routingKey", routingKey)
                .param("type", event.getClass().getName())
                .param("payload", json.writeValueAsString(event))
                .update();
    }
}
