package io.studilo.ingestion.worker;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.studilo.ingestion.IngestionProperties;
import io.studilo.ingestion.document.DocumentRepository;
import io.studilo.ingestion.document.DocumentStatus;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges refreshed in the background (a scrape never waits on the database or the broker): documents by
 * status, the job queue's depth and the dead-letter queue's size. -1 means the broker could not be asked.
 */
@Component
class IngestionMetrics {

    private final DocumentRepository documents;
    private final RabbitAdmin admin;
    private final IngestionProperties.Messaging messaging;
    private final Map<DocumentStatus, AtomicLong> byStatus = new EnumMap<>(DocumentStatus.class);
    private final AtomicLong queueDepth = new AtomicLong(-1);
    private final AtomicLong deadLetters = new AtomicLong(-1);

    IngestionMetrics(
            DocumentRepository documents,
            RabbitTemplate rabbit,
            IngestionProperties properties,
            MeterRegistry registry) {
        this.documents = documents;
        this.admin = new RabbitAdmin(rabbit);
        this.messaging = properties.messaging();
        for (DocumentStatus status : DocumentStatus.values()) {
            AtomicLong value = new AtomicLong();
            byStatus.put(status, value);
            Gauge.builder("studilo.ingestion.documents", value, AtomicLong::get)
                    .description("Documents by status")
                    .tag("status", status.name())
                    .register(registry);
        }
        Gauge.builder("studilo.ingestion.queue.depth", queueDepth, AtomicLong::get)
                .description("Jobs waiting in the ingestion queue")
                .register(registry);
        Gauge.builder("studilo.ingestion.dlq.size", deadLetters, AtomicLong::get)
                .description("Jobs in the dead-letter queue")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "PT15S", initialDelayString = "PT2S")
    void refresh() {
        try {
            documents
                    .countByStatus()
                    .forEach((status, n) -> byStatus.get(status).set(n));
        } catch (RuntimeException e) {
            // the database is down; health shows it, the gauges keep their last value
        }
        queueDepth.set(messageCount(messaging.jobsQueue()));
        deadLetters.set(messageCount(messaging.deadLetterQueue()));
    }

    private long messageCount(String queue) {
        try {
            QueueInformation info = admin.getQueueInfo(queue);
            return info == null ? -1 : info.getMessageCount();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
