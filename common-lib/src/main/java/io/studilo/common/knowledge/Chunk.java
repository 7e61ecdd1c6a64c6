package io.studilo.common.knowledge;

import java.util.UUID;

/**
 * One indexed passage of a student's notes. Its id is deterministic ({@link #idOf}) so re-ingesting a
 * document overwrites rather than duplicates.
 *
 * @param pageStart first page the text comes from (1-based)
 * @param pageEnd last page (equal to pageStart unless the chunk spans a page break)
 * @param chunkIndex position in the document, from 0
 */
public record Chunk(
        String id,
        UUID ownerId,
        UUID documentId,
        String documentTitle,
        UUID sectionId,
        String sectionTitle,
        int pageStart,
        int pageEnd,
        int chunkIndex,
        String text) {

    public static String idOf(UUID documentId, int chunkIndex) {
        return documentId + ":" + chunkIndex;
    }
}
