package io.studilo.ingestion.document;

import io.studilo.common.contracts.DocumentDeleted;
import io.studilo.common.contracts.Exchanges;
import io.studilo.common.knowledge.VectorIndex;
import io.studilo.common.web.ProblemException;
import io.studilo.common.web.ProblemType;
import io.studilo.ingestion.IngestionProperties;
import io.studilo.ingestion.extract.PageCounter;
import io.studilo.ingestion.outbox.Outbox;
import io.studilo.ingestion.storage.ObjectStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

/** Uploads, reads and deletes a student's documents. Every method takes the owner from the token. */
@Service
class DocumentService {

    static final ProblemType TOO_MANY_PAGES = ProblemType.of(
            "too-many-pages", "Too many pages", org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT);
    static final ProblemType TOO_MANY_DOCUMENTS = ProblemType.of(
            "too-many-documents", "Too many documents", org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT);

    /** When to try again after the in-progress limit: a typical document is read within this time. */
    private static final Duration IN_PROGRESS_RETRY = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(DocumentService.class);

    private final DocumentRepository documents;
    private final ObjectStorage storage;
    private final Outbox outbox;
    private final VectorIndex index;
    private final TransactionTemplate tx;
    private final IngestionProperties properties;

    DocumentService(
            DocumentRepository documents,
            ObjectStorage storage,
            Outbox outbox,
            VectorIndex index,
            TransactionTemplate tx,
            IngestionProperties properties) {
        this.documents = documents;
        this.storage = storage;
        this.outbox = outbox;
        this.index = index;
        this.tx = tx;
        this.properties = properties;
    }

    /**
     * A soft limit (two uploads at the same moment may both pass): it keeps one student from storing without end or
     * from queueing so much that everyone else waits, not an exact count.
     */
    private void checkQuota(UUID ownerId, IngestionProperties.Upload limits) {
        DocumentRepository.OwnerCounts counts = documents.countOwned(ownerId);
        if (counts.documents() >= limits.maxDocumentsPerUser()) {
            throw new ProblemException(
                    TOO_MANY_DOCUMENTS,
                    "You have " + counts.documents() + " documents, the most a student can keep. Delete some to"
                            + " upload more.");
        }
        if (counts.inProgress() >= limits.maxInProgressPerUser()) {
            throw new ProblemException(
                    ProblemType.TOO_MANY_REQUESTS,
                    counts.inProgress() + " of your documents are still being read. Upload more once some of"
                            + " them are ready.",
                    IN_PROGRESS_RETRY);
        }
    }

    Document upload(UUID ownerId, MultipartFile file, @Nullable String title) {
        IngestionProperties.Upload limits = properties.upload();
        if (file.getSize() > limits.maxFileSize().toBytes()) {
            throw new ProblemException(
                    ProblemType.PAYLOAD_TOO_LARGE,
                    "The file is larger than " + limits.maxFileSize().toMegabytes() + " MB.");
        }
        checkQuota(ownerId, limits);
        String displayName = FileNames.displayName(file.getOriginalFilename());
        String cleanTitle = title(title, displayName);
        Path local = null;
        try {
            local = Files.createTempFile("studilo-upload-", ".bin");
            try (InputStream in = file.getInputStream()) {
                Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
            }
            long size = Files.size(local);
            if (size == 0) {
                throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The file is empty.");
            }
            DocumentKind kind;
            try (InputStream in = Files.newInputStream(local)) {
                kind = ContentSniffer.detect(in, displayName)
                        .orElseThrow(() -> new ProblemException(
                                ProblemType.UNSUPPORTED_MEDIA_TYPE,
                                "Only PDF, PNG, JPEG, TIFF, plain text (UTF-8) and Markdown files are supported."));
            }
            OptionalInt pages = PageCounter.declaredPages(kind, local);
            if (pages.isPresent() && pages.getAsInt() > limits.maxPages()) {
                throw new ProblemException(
                        TOO_MANY_PAGES, "The document has more than " + limits.maxPages() + " pages.");
            }
            UUID id = UUID.randomUUID();
            String key = ObjectStorage.keyOf(ownerId, id);
            String sha256;
            try (InputStream in = Files.newInputStream(local)) {
                sha256 = storage.put(key, in, size, kind.mediaType());
            } catch (ObjectStorage.StorageException e) {
                throw storageUnavailable(e);
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Document document = new Document(
                    id,
                    ownerId,
                    cleanTitle,
                    displayName,
                    kind,
                    size,
                    sha256,
                    key,
                    DocumentStatus.QUEUED,
                    null,
                    pages.isPresent() ? pages.getAsInt() : null, // declared; the worker's count replaces it
                    0,
                    0,
                    0,
                    null,
                    0,
                    now,
                    now,
                    null);
            try {
                tx.executeWithoutResult(status -> {
                    documents.insert(document);
                    IngestionProperties.Messaging m = properties.messaging();
                    outbox.append(
                            UUID.randomUUID(),
                            m.jobsExchange(),
                            m.jobsQueue(),
                            new IngestionJob(UUID.randomUUID(), id, ownerId));
                });
            } catch (RuntimeException e) {
                storage.delete(key);
                throw e;
            }
            log.info("Document {} queued ({}, {} bytes)", id, kind, size);
            return document;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(local);
        }
    }

    Document get(UUID ownerId, UUID id) {
        return documents.findOwned(ownerId, id).orElseThrow(() -> ProblemException.notFound("Document"));
    }

    List<Document> list(UUID ownerId) {
        return documents.listOwned(ownerId);
    }

    List<SectionRow> sections(UUID documentId) {
        return documents.sections(documentId);
    }

    List<PageRow> pages(UUID documentId) {
        return documents.pages(documentId);
    }

    /**
     * Removes the vectors and the original first, then every row and writes {@code DocumentDeleted} in the same
     * transaction: if anything fails midway the document is still listed and the delete can simply be repeated.
     */
    void delete(UUID ownerId, UUID id) {
        Document document = get(ownerId, id);
        index.deleteDocument(ownerId, id);
        try {
            storage.delete(document.storageKey());
        } catch (ObjectStorage.StorageException e) {
            throw storageUnavailable(e);
        }
        tx.executeWithoutResult(status -> {
            if (documents.delete(ownerId, id)) {
                outbox.append(
                        UUID.randomUUID(),
                        Exchanges.EVENTS,
                        Exchanges.DOCUMENT_DELETED,
                        new DocumentDeleted(UUID.randomUUID(), ownerId, id, Instant.now()));
            }
        });
        log.info("Document {} deleted", id);
    }

    private String title(@Nullable String requested, String displayName) {
        String title = requested == null || requested.isBlank() ? FileNames.titleOf(displayName) : requested.strip();
        if (title.codePoints().anyMatch(Character::isISOControl)) {
            title = title.codePoints()
                    .filter(cp -> !Character.isISOControl(cp))
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                    .toString();
        }
        int max = properties.upload().maxTitleLength();
        if (title.length() > max) {
            throw new ProblemException(ProblemType.VALIDATION, "The title may have at most " + max + " characters.");
        }
        return title.isBlank() ? "document" : title;
    }

    private static ProblemException storageUnavailable(ObjectStorage.StorageException e) {
        log.warn("Object storage unavailable: {}", e.toString());
        return new ProblemException(
                ProblemType.SERVICE_UNAVAILABLE,
                "File storage is unavailable at the moment. Please try again shortly.",
                Duration.ofSeconds(30));
    }

    private static void deleteQuietly(@Nullable Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Could not delete temporary file {}", file);
            }
        }
    }
}
