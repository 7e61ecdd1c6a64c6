package io.studilo.ingestion.document;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One row of {@code documents}: the upload and the state of its ingestion job. */
public record Document(
        UUID id,
        UUID ownerId,
        String title,
        String fileName,
        DocumentKind kind,
        long sizeBytes,
        String sha256,
        String storageKey,
        DocumentStatus status,
        @Nullable String phase,
        @Nullable Integer pageCount,
        int pagesProcessed,
        int ocrPages,
        int chunkCount,
        @Nullable String error,
        int attempts,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant readyAt) {}
