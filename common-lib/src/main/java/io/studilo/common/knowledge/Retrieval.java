package io.studilo.common.knowledge;

/**
 * How a hybrid search gathers and fuses candidates: each retriever (dense kNN, lexical BM25 / sparse) returns
 * its top candidates for the owner, and weighted reciprocal rank fusion scores a chunk by
 * {@code denseWeight / (rrfK + denseRank) + lexicalWeight / (rrfK + lexicalRank)}. A candidate count of 0
 * switches that retriever off (dense-only or lexical-only search).
 *
 * @param rrfK the RRF constant; larger values flatten the difference between ranks
 * @param denseCandidates how many nearest neighbours the dense retriever contributes
 * @param lexicalCandidates how many best BM25 / sparse matches the lexical retriever contributes
 * @param denseWeight the weight of the dense ranking in the fusion
 * @param lexicalWeight the weight of the lexical ranking in the fusion
 */
public record Retrieval(
        int rrfK, int denseCandidates, int lexicalCandidates, double denseWeight, double lexicalWeight) {

    /**
     * Tuned on the QASC dev split (bench {@code KnowledgeRecallBench --tune}): plain RRF with 50 + 50 candidates
     * lets weak lexical matches that also appear low in the dense list crowd out the dense top hits (recall@10
     * 0.59 vs 0.64 dense-only); a few lexical candidates at half weight with a small k keep keyword hits near the
     * top without that noise. Every number here is a property.
     */
    public static final Retrieval DEFAULT = new Retrieval(10, 50, 10, 1.0, 0.5);

    public Retrieval {
        if (rrfK < 1 || denseCandidates < 0 || lexicalCandidates < 0 || denseWeight < 0 || lexicalWeight < 0) {
            throw new IllegalArgumentException("rrfK must be positive, candidate counts and weights not negative");
        }
        if (denseCandidates == 0 && lexicalCandidates == 0) {
            throw new IllegalArgumentException("at least one retriever needs candidates");
        }
    }

    /** Plain (equally weighted) reciprocal rank fusion. */
    public Retrieval(int rrfK, int denseCandidates, int lexicalCandidates) {
        this(rrfK, denseCandidates, lexicalCandidates, 1.0, 1.0);
    }

    public static Retrieval denseOnly(int candidates) {
        return new Retrieval(DEFAULT.rrfK(), candidates, 0);
    }

    public static Retrieval lexicalOnly(int candidates) {
        return new Retrieval(DEFAULT.rrfK(), 0, candidates);
    }
}
