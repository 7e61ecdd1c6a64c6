package io.studilo.ingestion.document;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A document as clients see it (API.md). {@code pages} (how each page was read) is filled only for a single
 * document; the list leaves it empty.
 */
record DocumentResponse(
        UUID id,
        String title,
        String fileName,
        String mediaType,
        long sizeBytes,
        DocumentStatus status,
        @Nullable String phase,
        @Nullable Integer pageCount,
        int pagesProcessed,
        int ocrPages,
        int chunkCount,
        @Nullable String error,
        List<SectionResponse> sections,
        List<PageResponse> pages,
        Instant createdAt,
        @Nullable Instant readyAt) {

    record SectionResponse(UUID id, String title, int level, int pageStart, int pageEnd) {}

    record PageResponse(int page, String method) {}

    static DocumentResponse of(Document d, List<SectionRow> sections, List<PageRow> pages) {
        return new DocumentResponse(
                d.id(),
                d.title(),
                d.fileName(),
                d.kind().mediaType(),
                d.sizeBytes(),
                d.status(),
                d.phase(),
                d.pageCount(),
                d.pagesProcessed(),
                d.ocrPages(),
                d.chunkCount(),
                d.error(),
                sections.stream()
                        .map(s -> new SectionResponse(s.id(), s.title(), s.level(), s.pageStart(), s.pageEnd()))
                        .toList(),
                pages.stream()
                        .map(p -> new PageResponse(p.pageNumber(), p.method()))
                        .toList(),
                d.createdAt(),
                d.readyAt());
    }
}
