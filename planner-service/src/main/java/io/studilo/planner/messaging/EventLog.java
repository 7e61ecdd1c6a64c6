package io.studilo.planner.messaging;

import io.studilo.planner.PlannerProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
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

    private static final Logger log = LoggerFactory.getLogger(EventLog.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration retention;

    EventLog(JdbcClient jdbc, Clock clock, PlannerProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = properties.messaging().eventRetention();
    }

    /** True the first time this event id is seen (inside the caller's transaction), false for a duplicate. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstDelivery(UUID eventId, String type) {
        return jdbc.sql("""
                        INSERT INTO planner.processed_event (event_id, event_type) VALUES (:id, :type)
                        ON CONFLICT (event_id) DO NOTHING""").param("id", eventId).param("type", type).update() == 1;
    }

    /** Forgets event ids older than the retention (hourly; harmless when several replicas do it). */
    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
    public void purge() {
        int purged = jdbc.sql("DELETE FROM planner.processed_event WHERE processed_at < :before")
                .param("before", Timestamp.from(clock.instant().minus(retention)))
                .update();
        if (purged > 0) {
            log.info("Forgot {} handled event ids older than {}", purged, retention);
        }
    }
}
