package io.studilo.exam.question;

import io.studilo.common.contracts.DocumentDeleted;
import io.studilo.common.contracts.DocumentReady;
import io.studilo.exam.ExamProperties;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Consumes document events. Idempotent: a bank is unique per (owner, document) in the database, so a
 * redelivered or duplicated {@code DocumentReady} leaves exactly one bank.
 */
@Component
class DocumentEventsListener {

    private static final Logger log = LoggerFactory.getLogger(DocumentEventsListener.class);

    private final QuestionBankService banks;
    private final Duration visibilityTimeout;

    DocumentEventsListener(QuestionBankService banks, ExamProperties properties) {
        this.banks = banks;
        this.visibilityTimeout = properties.messaging().chunkVisibilityTimeout();
    }

    @RabbitListener(queues = "${studilo.exam.messaging.document-ready-queue}")
    void onDocumentReady(DocumentReady event) {
        int expectedChunks = event.sections().stream()
                .mapToInt(DocumentReady.Section::chunkCount)
                .sum();
        QuestionBankService.Outcome outcome =
                banks.generate(event.ownerId(), event.documentId(), event.title(), event.eventId());
        if (outcome == QuestionBankService.Outcome.NO_NOTES && expectedChunks > 0) {
            if (event.occurredAt().plus(visibilityTimeout).isBefore(Instant.now())) {
                throw new AmqpRejectAndDontRequeueException(
                        "chunks of document " + event.documentId() + " never became visible in the index");
            }
            // The index reader refreshes periodically: retry (bounded, then the DLQ) until the chunks are visible.
            throw new IllegalStateException("chunks of document " + event.documentId() + " not visible yet");
        }
        log.info("DocumentReady {} for document {}: {}", event.eventId(), event.documentId(), outcome);
    }

    @RabbitListener(queues = "${studilo.exam.messaging.document-deleted-queue}")
    void onDocumentDeleted(DocumentDeleted event) {
        banks.delete(event.ownerId(), event.documentId());
    }
}
