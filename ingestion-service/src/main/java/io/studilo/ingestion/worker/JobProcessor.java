package io.studilo.ingestion.worker;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.studilo.common.contracts.DocumentReady;
import io.studilo.common.contracts.Exchanges;
import io.studilo.common.knowledge.Chunk;
import io.studilo.common.knowledge.Embeddings;
import io.studilo.common.knowledge.VectorIndex;
import io.studilo.ingestion.IngestionProperties;
import io.studilo.ingestion.chunk.Chunker;
import io.studilo.ingestion.chunk.DraftChunk;
import io.studilo.ingestion.chunk.DraftSection;
import io.studilo.ingestion.chunk.SectionDetector;
import io.studilo.ingestion.document.Document;
import io.studilo.ingestion.document.DocumentRepository;
import io.studilo.ingestion.document.IngestionJob;
import io.studilo.ingestion.document.PageRow;
import io.studilo.ingestion.document.SectionRow;
import io.studilo.ingestion.extract.DocumentTimeoutException;
import io.studilo.ingestion.extract.Extraction;
import io.studilo.ingestion.extract.ExtractionListener;
import io.studilo.ingestion.extract.Extractor;
import io.studilo.ingestion.extract.PageCounter;
import io.studilo.ingestion.extract.PhaseTimers;
import io.studilo.ingestion.extract.UnreadableDocumentException;
import io.studilo.ingestion.outbox.Outbox;
import io.studilo.ingestion.storage.ObjectStorage;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one ingestion job: claim the document, read its pages, find sections, chunk, embed, index, and mark it
 * READY (with {@code DocumentReady} in the outbox) or FAILED with a reason the student understands.
 *
 * <p>Idempotent: the job state is in PostgreSQL (a redelivered job for a document that is READY, FAILED, gone
 * or held by a live worker is skipped), chunk ids are {@code documentId:index}, and a re-run first removes
 * the document's previous chunks. Infrastructure failures (storage, index, database) give the job back and
 * rethrow, so the broker retries it; problems with the document itself end the job as FAILED.
 */
@Component
class JobProcessor {

    private static final Logger log = LoggerFactory.getLogger(JobProcessor.class);
    private static final long PROGRESS_EVERY_NANOS = 250_000_000L;

    private final DocumentRepository documents;
    private final ObjectStorage storage;
    private final Extractor extractor;
    private final EmbeddingModel embeddings;
    private final VectorIndex index;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final PhaseTimers timers;
    private final IngestionProperties properties;
    private final SectionDetector sections;
    private final Chunker chunker;
    private final ExecutorService runner;
    private final WorkSlots slots;

    JobProcessor(
            DocumentRepository documents,
            ObjectStorage storage,
            Extractor extractor,
            EmbeddingModel embeddings,
            VectorIndex index,
            Outbox outbox,
            TransactionTemplate tx,
            PhaseTimers timers,
            IngestionProperties properties) {
        this.documents = documents;
        this.storage = storage;
        this.extractor = extractor;
        this.embeddings = embeddings;
        this.index = index;
        this.outbox = outbox;
        this.tx = tx;
        this.timers = timers;
        this.properties = properties;
        this.sections = new SectionDetector(properties.worker().pageRangeSize());
        this.chunker = new Chunker(
                properties.chunking().targetTokens(), properties.chunking().overlapTokens());
        this.slots = new WorkSlots(properties.worker().exclusivePages());
        AtomicInteger n = new AtomicInteger();
        this.runner = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ingest-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void process(IngestionJob job) {
        IngestionProperties.Worker worker = properties.worker();
        Document document = documents.claim(job.documentId(), worker.lease()).orElse(null);
        if (document == null) {
            log.info(
                    "Job for document {} skipped: already done, deleted, or taken by another worker", job.documentId());
            return;
        }
        Duration limit = worker.documentTimeout();
        Instant deadline = Instant.now().plus(limit);
        Future<?> run = runner.submit(() -> run(document, deadline));
        try {
            run.get(limit.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            run.cancel(true);
            fail(document, timeoutReason(limit));
        } catch (InterruptedException e) {
            run.cancel(true);
            documents.release(document.id());
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while processing " + document.id(), e);
        } catch (ExecutionException e) {
            handleFailure(document, e.getCause(), limit);
        }
    }

    private void handleFailure(Document document, Throwable cause, Duration limit) {
        if (cause instanceof UnreadableDocumentException unreadable) {
            fail(document, unreadable.getMessage());
        } else if (cause instanceof DocumentTimeoutException) {
            fail(document, timeoutReason(limit));
        } else if (cause instanceof OutOfMemoryError || cause instanceof StackOverflowError) {
            fail(document, "This document is too complex to process.");
        } else if (cause instanceof RuntimeException runtime && isInfrastructure(runtime)) {
            documents.release(document.id());
            throw runtime; // retried by the broker, then dead-lettered
        } else {
            log.warn("Document {} failed unexpectedly", document.id(), cause);
            fail(document, "This document could not be processed.");
        }
    }

    private static boolean isInfrastructure(RuntimeException e) {
        return e instanceof ObjectStorage.StorageException
                || e instanceof UncheckedIOException
                || e instanceof org.springframework.dao.DataAccessException
                || e.getClass().getName().startsWith("org.apache.lucene");
    }

    private static String timeoutReason(Duration limit) {
        return "Processing took longer than the limit of " + limit.toMinutes() + " minutes.";
    }

    private void fail(Document document, String reason) {
        if (documents.markFailed(document.id(), reason)) {
            log.info("Document {} FAILED: {}", document.id(), reason);
        }
    }

    private void run(Document document, Instant deadline) {
        Path file = null;
        try {
            file = Files.createTempFile("studilo-ingest-", ".bin");
            long start = System.nanoTime();
            storage.download(document.storageKey(), file);
            timers.record(PhaseTimers.DOWNLOAD, System.nanoTime() - start);
            Lock slot = slots.enter(pagesOf(document, file), deadline);
            try {
                ingest(document, file, deadline);
            } finally {
                slot.unlock();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.warn("Could not delete {}", file);
                }
            }
        }
    }

    /**
     * The pages the document declares: counted at upload, else read from the file without parsing it all (a
     * text file's pages of {@code textPageChars}).
     */
    private int pagesOf(Document document, Path file) throws IOException {
        if (document.pageCount() != null) {
            return document.pageCount();
        }
        return switch (document.kind()) {
            case TEXT, MARKDOWN ->
                (int) Math.min(
                        Integer.MAX_VALUE,
                        Files.size(file) / properties.worker().textPageChars() + 1);
            default -> PageCounter.declaredPages(document.kind(), file).orElse(1);
        };
    }

    private void ingest(Document document, Path file, Instant deadline) {
        Extraction extraction = extractor.extract(document.kind(), file, progress(document.id()), deadline);
        List<DraftSection> found = sections.detect(document.kind(), extraction);
        List<DraftChunk> drafts = chunker.chunk(found);
        if (drafts.isEmpty()) {
            throw new UnreadableDocumentException("No readable text was found in this document.");
        }
        int pageCount = extraction.pages().size();
        int ocrPages = extraction.ocrPages();
        Map<Integer, UUID> sectionIds = found.stream()
                .collect(Collectors.toMap(DraftSection::ordinal, s -> sectionId(document.id(), s.ordinal())));
        Map<Integer, DraftSection> byOrdinal =
                found.stream().collect(Collectors.toMap(DraftSection::ordinal, Function.identity()));
        List<Chunk> chunks = drafts.stream()
                .map(c -> new Chunk(
                        Chunk.idOf(document.id(), c.index()),
                        document.ownerId(),
                        document.id(),
                        document.title(),
                        sectionIds.get(c.sectionOrdinal()),
                        byOrdinal.get(c.sectionOrdinal()).title(),
                        c.pageStart(),
                        c.pageEnd(),
                        c.index(),
                        c.text()))
                .toList();
        documents.progress(document.id(), "EMBED", pageCount, pageCount, ocrPages);
        List<float[]> vectors = embed(chunks, deadline);
        documents.progress(document.id(), "INDEX", pageCount, pageCount, ocrPages);
        long start = System.nanoTime();
        if (document.attempts() > 1) {
            // A re-run may produce fewer chunks than a crashed earlier attempt left behind.
            index.deleteDocument(document.ownerId(), document.id());
        }
        index.upsert(chunks, vectors);
        timers.record(PhaseTimers.INDEX, System.nanoTime() - start);
        finish(document, extraction, found, drafts, sectionIds);
    }

    private void finish(
            Document document,
            Extraction extraction,
            List<DraftSection> found,
            List<DraftChunk> drafts,
            Map<Integer, UUID> sectionIds) {
        Map<Integer, Long> chunksPerSection =
                drafts.stream().collect(Collectors.groupingBy(DraftChunk::sectionOrdinal, Collectors.counting()));
        List<SectionRow> rows = found.stream()
                .map(s -> new SectionRow(
                        sectionIds.get(s.ordinal()),
                        s.ordinal(),
                        s.title(),
                        s.level(),
                        s.pageStart(),
                        s.pageEnd(),
                        s.wordCount(),
                        s.equationCount(),
                        chunksPerSection.getOrDefault(s.ordinal(), 0L).intValue()))
                .toList();
        List<PageRow> pages = extraction.pages().stream()
                .map(p -> new PageRow(p.number(), p.method().name(), p.charCount()))
                .toList();
        Boolean ready = tx.execute(status -> {
            boolean updated =
                    documents.markReady(document.id(), pages.size(), extraction.ocrPages(), drafts.size(), rows, pages);
            if (updated) {
                outbox.append(
                        UUID.randomUUID(),
                        Exchanges.EVENTS,
                        Exchanges.DOCUMENT_READY,
                        new DocumentReady(
                                UUID.randomUUID(),
                                document.ownerId(),
                                document.id(),
                                document.title(),
                                rows.stream()
                                        .map(r -> new DocumentReady.Section(
                                                r.id(),
                                                r.title(),
                                                r.level(),
                                                r.pageStart(),
                                                r.pageEnd(),
                                                r.ordinal(),
                                                r.wordCount(),
                                                r.equationCount(),
                                                r.chunkCount()))
                                        .toList(),
                                Instant.now()));
            }
            return updated;
        });
        if (Boolean.TRUE.equals(ready)) {
            log.info(
                    "Document {} READY: {} pages ({} OCR), {} sections, {} chunks",
                    document.id(),
                    pages.size(),
                    extraction.ocrPages(),
                    rows.size(),
                    drafts.size());
        } else {
            // Deleted (or failed by a timeout) while we worked: leave nothing behind in the index.
            index.deleteDocument(document.ownerId(), document.id());
        }
    }

    private List<float[]> embed(List<Chunk> chunks, Instant deadline) {
        int batch = properties.chunking().embedBatchSize();
        List<float[]> vectors = new ArrayList<>(chunks.size());
        for (int from = 0; from < chunks.size(); from += batch) {
            if (Instant.now().isAfter(deadline) || Thread.currentThread().isInterrupted()) {
                throw new DocumentTimeoutException();
            }
            List<String> texts = chunks.subList(from, Math.min(chunks.size(), from + batch)).stream()
                    .map(Chunk::text)
                    .toList();
            long start = System.nanoTime();
            vectors.addAll(Embeddings.embedAll(embeddings, texts));
            timers.record(PhaseTimers.EMBED, System.nanoTime() - start);
        }
        return vectors;
    }

    /** Page progress at most every 250 ms; a document read faster goes straight to EMBED with its page count. */
    private ExtractionListener progress(UUID id) {
        long[] last = {System.nanoTime()};
        return (total, done, ocr) -> {
            long now = System.nanoTime();
            if (now - last[0] >= PROGRESS_EVERY_NANOS) {
                last[0] = now;
                documents.progress(id, "EXTRACT", total, done, ocr);
            }
        };
    }

    static UUID sectionId(UUID documentId, int ordinal) {
        return UUID.nameUUIDFromBytes((documentId + ":section:" + ordinal).getBytes(StandardCharsets.UTF_8));
    }

    @PreDestroy
    void shutdown() {
        runner.shutdownNow();
    }
}
