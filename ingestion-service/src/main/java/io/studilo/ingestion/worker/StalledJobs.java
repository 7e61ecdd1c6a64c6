package io.studilo.ingestion.worker;

import io.studilo.ingestion.IngestionProperties;
import io.studilo.ingestion.document.Document;
import io.studilo.ingestion.document.DocumentRepository;
import io.studilo.ingestion.document.IngestionJob;
import io.studilo.ingestion.outbox.Outbox;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recovers documents whose worker died mid-job. The broker redelivers the job at once, but the lease still
 * protects the document then, so the redelivered job is skipped as a duplicate; once the lease has run out this
 * queues the document again with a fresh job (through the outbox, in the same transaction), or marks it FAILED
 * when it has used up its attempts.
 */
@Component
class StalledJobs {

    private static final Logger log = LoggerFactory.getLogger(StalledJobs.class);
    private static final int BATCH = 50;

    private final DocumentRepository documents;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final IngestionProperties properties;

    StalledJobs(DocumentRepository documents, Outbox outbox, TransactionTemplate tx, IngestionProperties properties) {
        this.documents = documents;
        this.outbox = outbox;
        this.tx = tx;
        this.properties = properties;
    }

    @Scheduled(
            fixedDelayString = "${studilo.ingestion.worker.stall-check-interval}",
            initialDelayString = "${studilo.ingestion.worker.stall-check-interval}")
    void recover() {
        try {
            Integer handled;
            do {
                handled = tx.execute(status -> {
                    List<Document> stalled = documents.lockStalled(BATCH);
                    for (Document document : stalled) {
                        recover(document);
                    }
                    return stalled.size();
                });
            } while (handled != null && handled == BATCH);
        } catch (RuntimeException e) {
            log.warn("Could not check for stalled documents; will retry: {}", e.toString());
        }
    }

    private void recover(Document document) {
        if (document.attempts() >= properties.messaging().maxAttempts()) {
            documents.markFailed(document.id(), WorkerConfig.GIVE_UP_REASON);
            log.warn("Document {} FAILED: its worker stopped {} times", document.id(), document.attempts());
        } else {
            documents.release(document.id());
            IngestionProperties.Messaging m = properties.messaging();
            outbox.append(
                    UUID.randomUUID(),
                    m.jobsExchange(),
                    m.jobsQueue(),
                    new IngestionJob(UUID.randomUUID(), document.id(), document.ownerId()));
            log.warn("Document {} queued again: its worker stopped (attempt {})", document.id(), document.attempts());
        }
    }
}
