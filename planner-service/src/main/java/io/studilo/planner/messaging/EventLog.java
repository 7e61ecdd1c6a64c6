package io.studilo.planner.messaging;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Remembers which events were handled. The primary key on {@code event_id} makes a redelivered event a no-op:
 * the insert happens in the consumer's transaction, so the event counts as handled exactly when its effects
 * commit.
 */
@Component
public class EventLog {

    private final JdbcClient jdbc;

    EventLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True the first time this event id is seen (inside the caller's transaction), false for a duplicate. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstDelivery(UUID eventId, String type) {
        return jdbc.sql("""
                        INSERT INTO planner.processed_event (event_id, event_type) VALUES (:id, :type)
                        ON CONFLICT (event_id) DO NOTHING""").param("id", eventId).param("type", type).update() == 1;
    }
}
