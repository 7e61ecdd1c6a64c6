package io.studilo.common.knowledge;

/**
 * A search hit. {@code score} is the fused score the adapter ranked by; the dense and lexical scores are kept so
 * callers can calibrate refusal. {@code denseScore} is the cosine similarity of the chunk to the query vector,
 * for every hit when the query has a vector (also for hits only the lexical retriever found), else 0;
 * {@code lexicalScore} is the BM25 (Lucene) or sparse IDF-weighted (Qdrant) score, unbounded, and 0 where the
 * lexical retriever did not return the chunk.
 *
 * @param vector the chunk's stored unit embedding, so callers can compare passages (or query with one) without
 *     embedding their text again; shared, never modify it
 */
public record ScoredChunk(Chunk chunk, double score, double denseScore, double lexicalScore, float[] vector) {}
