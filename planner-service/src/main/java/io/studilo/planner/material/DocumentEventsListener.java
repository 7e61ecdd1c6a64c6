package io.studilo.planner.material;

import io.studilo.common.contracts.DocumentDeleted;
import io.studilo.common.contracts.DocumentReady;
import io.studilo.planner.messaging.EventLog;
import java.sql.Timestamp;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the planner's copy of the students' outlines. Idempotent: a redelivered event is recognised by its id;
 * a re-ingested document (a new event for the same document) replaces its sections.
 */
@Component
class DocumentEventsListener {

    private static final Logger log = LoggerFactory.getLogger(DocumentEventsListener.class);

    private final JdbcClient jdbc;
    private final EventLog eventLog;
    private final ApplicationEventPublisher events;

    DocumentEventsListener(JdbcClient jdbc, EventLog eventLog, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.eventLog = eventLog;
        this.events = events;
    }

    @RabbitListener(queues = "${studilo.planner.messaging.document-ready-queue}")
    @Transactional
    public void onDocumentReady(DocumentReady event) {
        if (!eventLog.firstDelivery(event.eventId(), "DocumentReady")) {
            log.debug("Duplicate DocumentReady {} ignored", event.eventId());
            return;
        }
        int owned = jdbc.sql("""
                        INSERT INTO planner.document (document_id, owner_id, title, ready_at)
                        VALUES (:id, :owner, :title, :readyAt)
                        ON CONFLICT (document_id) DO UPDATE SET title = EXCLUDED.title
                        WHERE planner.document.owner_id = EXCLUDED.owner_id""")
                .param("id", event.documentId())
                .param("owner", event.ownerId())
                .param("title", event.title())
                .param("readyAt", Timestamp.from(event.occurredAt()))
                .update();
        if (owned == 0) {
            log.warn("DocumentReady {} names a document of another owner; ignored", event.eventId());
            return;
        }
        List<UUID> previous = jdbc.sql("DELETE FROM planner.section WHERE document_id = :id RETURNING section_id")
                .param("id", event.documentId())
                .query(UUID.class)
                .list();
        for (DocumentReady.Section s : event.sections()) {
            jdbc.sql("""
                            INSERT INTO planner.section (section_id, document_id, owner_id, title, level, page_start,
                                page_end, ordinal, word_count, equation_count, chunk_count)
                            VALUES (:id, :doc, :owner, :title, :level, :pageStart, :pageEnd, :ordinal, :words,
                                :equations, :chunks)
                            ON CONFLICT (section_id) DO NOTHING""")
                    .param("id", s.sectionId())
                    .param("doc", event.documentId())
                    .param("owner", event.ownerId())
                    .param("title", s.title())
                    .param("level", s.level())
                    .param("pageStart", s.pageStart())
                    .param("pageEnd", s.pageEnd())
                    .param("ordinal", s.ordinal())
                    .param("words", Math.max(0, s.wordCount()))
                    .param("equations", Math.max(0, s.equationCount()))
                    .param("chunks", Math.max(0, s.chunkCount()))
                    .update();
        }
        if (!previous.isEmpty()) {
            // Re-ingested: plans that study this document follow its new outline.
            Set<UUID> current = event.sections().stream()
                    .map(DocumentReady.Section::sectionId)
                    .collect(Collectors.toSet());
            List<UUID> removed =
                    previous.stream().filter(id -> !current.contains(id)).toList();
            events.publishEvent(new MaterialChanged(event.ownerId(), event.documentId(), removed));
        }
        log.info(
                "Document {} ready with {} sections",
                event.documentId(),
                event.sections().size());
    }

    @RabbitListener(queues = "${studilo.planner.messaging.document-deleted-queue}")
    @Transactional
    public void onDocumentDeleted(DocumentDeleted event) {
        if (!eventLog.firstDelivery(event.eventId(), "DocumentDeleted")) {
            log.debug("Duplicate DocumentDeleted {} ignored", event.eventId());
            return;
        }
        List<UUID> sectionIds = jdbc.sql(
                        "DELETE FROM planner.section WHERE document_id = :id AND owner_id = :owner RETURNING section_id")
                .param("id", event.documentId())
                .param("owner", event.ownerId())
                .query(UUID.class)
                .list();
        int documents = jdbc.sql("DELETE FROM planner.document WHERE document_id = :id AND owner_id = :owner")
                .param("id", event.documentId())
                .param("owner", event.ownerId())
                .update();
        if (documents > 0) {
            events.publishEvent(new MaterialChanged(event.ownerId(), event.documentId(), sectionIds));
            log.info("Document {} deleted with {} sections", event.documentId(), sectionIds.size());
        }
    }
}
