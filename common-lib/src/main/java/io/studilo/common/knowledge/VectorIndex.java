package io.studilo.common.knowledge;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The vector index port. Adapters (Lucene embedded, Qdrant in production) pass the same contract suite.
 * Every method is scoped by owner on the server side.
 */
public interface VectorIndex {

    /** Inserts or replaces chunks by id; {@code vectors.get(i)} is the embedding of {@code chunks.get(i)}. */
    void upsert(List<Chunk> chunks, List<float[]> vectors);

    /**
     * Hybrid search: dense and lexical candidates fused by reciprocal rank fusion, with the adapter's configured
     * {@link Retrieval} ({@code studilo.knowledge.rrf-k}, {@code dense-candidates}, {@code lexical-candidates}).
     */
    List<ScoredChunk> search(SearchQuery query);

    /**
     * The same search with explicit candidate counts and RRF constant, e.g. for multi-hop retrieval or for
     * dense-only / lexical-only runs.
     */
    List<ScoredChunk> search(SearchQuery query, Retrieval retrieval);

    /** The owner's chunks of one document (optionally one section), in chunk order. */
    List<Chunk> chunks(UUID ownerId, UUID documentId, @Nullable UUID sectionId);

    /** Removes every chunk of the document; a no-op when there are none. */
    void deleteDocument(UUID ownerId, UUID documentId);

    /** How many chunks the owner has indexed. */
    long count(UUID ownerId);
}
