package io.studilo.ingestion.document;

import java.util.UUID;

/** One section of a READY document's outline, as stored. */
public record SectionRow(
        UUID id,
        int ordinal,
        String title,
        int level,
        int pageStart,
        int pageEnd,
        int wordCount,
        int equationCount,
        int chunkCount) {}
