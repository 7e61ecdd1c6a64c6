package io.studilo.common.knowledge;

/**
 * A search hit. {@code score} is the fused score the adapter ranked by; the dense (cosine, 0..1) and lexical
 * (BM25, unbounded) scores are kept so callers can calibrate refusal; 0 where that retriever missed it.
 */
public record ScoredChunk(Chunk chunk, double score, double denseScore, double lexicalScore) {}
