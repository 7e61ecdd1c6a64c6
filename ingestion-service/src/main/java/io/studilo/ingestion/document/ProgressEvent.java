package io.studilo.ingestion.document;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One server-sent progress event: where the document's job stands. */
record ProgressEvent(
        UUID id,
        DocumentStatus status,
        @Nullable String phase,
        @Nullable Integer pageCount,
        int pagesProcessed,
        int ocrPages,
        int chunkCount,
        @Nullable String error) {

    static ProgressEvent of(Document d) {
        return new ProgressEvent(
                d.id(),
                d.status(),
                d.phase(),
                d.pageCount(),
                d.pagesProcessed(),
                d.ocrPages(),
                d.chunkCount(),
                d.error());
    }
}
