package io.studilo.common.knowledge;

/**
 * How a hybrid search gathers and fuses candidates: each retriever (dense kNN, lexical BM25 / sparse) returns
 * its top candidates for the owner, and reciprocal rank fusion scores a chunk by {@code sum 1 / (rrfK + rank)}.
 * A candidate count of 0 switches that retriever off (dense-only or lexical-only search).
 *
 * @param rrfK the RRF constant; larger values flatten the difference between ranks
 * @param denseCandidates how many nearest neighbours the dense retriever contributes
 * @param lexicalCandidates how many best BM25 / sparse matches the lexical retriever contributes
 */
public record Retrieval(int rrfK, int denseCandidates, int lexicalCandidates) {

    public static final Retrieval DEFAULT = new Retrieval(60, 50, 50);

    public Retrieval {
        if (rrfK < 1 || denseCandidates < 0 || lexicalCandidates < 0) {
            throw new IllegalArgumentException("rrfK must be positive and candidate counts not negative");
        }
        if (denseCandidates == 0 && lexicalCandidates == 0) {
            throw new IllegalArgumentException("at least one retriever needs candidates");
        }
    }

    public static Retrieval denseOnly(int candidates) {
        return new Retrieval(DEFAULT.rrfK(), candidates, 0);
    }

    public static Retrieval lexicalOnly(int candidates) {
        return new Retrieval(DEFAULT.rrfK(), 0, candidates);
    }
}
