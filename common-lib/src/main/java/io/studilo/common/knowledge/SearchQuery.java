package io.studilo.common.knowledge;

import java.util.Set;
import java.util.UUID;

/**
 * A hybrid query, always scoped to one owner.
 *
 * @param text the query text for the lexical retriever (BM25 / sparse)
 * @param vector the query embedding for the dense retriever
 * @param documentIds restrict to these documents; empty means all the owner's documents
 * @param limit how many fused results to return
 */
public record SearchQuery(UUID ownerId, String text, float[] vector, Set<UUID> documentIds, int limit) {

    public SearchQuery {
        documentIds = Set.copyOf(documentIds);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    /** A query over all the owner's documents. */
    public static SearchQuery of(UUID ownerId, String text, float[] vector, int limit) {
        return new SearchQuery(ownerId, text, vector, Set.of(), limit);
    }
}
