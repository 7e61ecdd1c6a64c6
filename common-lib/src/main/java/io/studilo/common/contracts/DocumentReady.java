package io.studilo.common.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Published by ingestion when a document's chunks are in the vector index. Consumers must be idempotent on
 * {@code eventId} (redelivery) and on {@code documentId} (re-ingestion publishes again).
 */
public record DocumentReady(
        UUID eventId, UUID ownerId, UUID documentId, String title, List<Section> sections, Instant occurredAt) {

    /**
     * One section of the document's outline, in reading order.
     *
     * @param ordinal position in the document, from 0
     * @param wordCount words of text in the section (for time estimates)
     * @param equationCount lines that look like equations or formulas
     */
    public record Section(
            UUID sectionId,
            String title,
            int level,
            int pageStart,
            int pageEnd,
            int ordinal,
            int wordCount,
            int equationCount,
            int chunkCount) {}
}
