package io.studilo.rag;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every knob of rag-service: request limits, retrieval, refusal, caching, resilience and the optional LLM.
 * Defaults were tuned on the QASC dev split (see bench/README.md); change them only with a benchmark run.
 */
@Validated
@ConfigurationProperties("studilo.rag")
public record RagProperties(
        @Valid @NotNull @DefaultValue Limits limits,
        @Valid @NotNull @DefaultValue Retrieval retrieval,
        @Valid @NotNull @DefaultValue Refusal refusal,
        @Valid @NotNull @DefaultValue Answer answer,
        @Valid @NotNull @DefaultValue Cache cache,
        @Valid @NotNull @DefaultValue Resilience resilience,
        @Valid @NotNull @DefaultValue Llm llm,
        @Valid @NotNull @DefaultValue Messaging messaging) {

    /** What a user may send. */
    public record Limits(
            @DefaultValue("1000") @Min(1) int maxQuestionLength,
            @DefaultValue("50") @Min(1) int maxLimit,
            @DefaultValue("10") @Min(1) int defaultLimit,
            @DefaultValue("100") @Min(1) int maxDocumentIds) {}

    /**
     * Multi-hop hybrid retrieval.
     *
     * @param hop1Depth candidates of the first (question) hop
     * @param seeds how many first-hop passages seed a second, bridging hop
     * @param hop2Depth candidates of each bridging hop
     * @param bridgeWeight weight of the seed passage's embedding in the bridging query vector (question has 1)
     * @param chainSeedWeight, chainHopWeight, chainCoverageWeight, chainBridgeWeight how a two-passage chain is
     *     scored: seed rank score, bridging-hop rank score, coverage of the question's content terms by the
     *     chain, and term overlap between the two passages beyond the question
     * @param rrfK the rank constant of reciprocal-rank scores (as in RRF)
     * @param maxPerSection passages of one document section allowed before the others get a turn (diversity)
     */
    public record Retrieval(
            @DefaultValue("30") @Min(1) int hop1Depth,
            @DefaultValue("3") @Min(0) int seeds,
            @DefaultValue("15") @Min(1) int hop2Depth,
            @DefaultValue("1.0") @DecimalMin("0.0") double bridgeWeight,
            @DefaultValue("1.0") double chainSeedWeight,
            @DefaultValue("0.75") double chainHopWeight,
            @DefaultValue("1.0") double chainCoverageWeight,
            @DefaultValue("0.5") double chainBridgeWeight,
            @DefaultValue("20") @Min(1) int rrfK,
            @DefaultValue("3") @Min(1) int maxPerSection,
            @DefaultValue("8") @Min(1) int evidencePassages,
            @Valid @NotNull @DefaultValue Fusion fusion) {

        /**
         * The index's hybrid fusion for each hop (see common-lib {@code Retrieval}). 20 lexical candidates rather
         * than 50: the same or better recall on QASC dev, and the BM25 top-k of a hop-2 query (question + passage
         * text) is a large share of its cost.
         */
        public record Fusion(
                @DefaultValue("60") @Min(1) int rrfK,
                @DefaultValue("50") @Min(0) int denseCandidates,
                @DefaultValue("20") @Min(0) int lexicalCandidates,
                @DefaultValue("1.0") @DecimalMin("0.0") double denseWeight,
                @DefaultValue("1.0") @DecimalMin("0.0") double lexicalWeight) {

            public io.studilo.common.knowledge.Retrieval toRetrieval() {
                return new io.studilo.common.knowledge.Retrieval(
                        rrfK, denseCandidates, lexicalCandidates, denseWeight, lexicalWeight);
            }
        }
    }

    /**
     * When the notes do not support an answer (cosine thresholds are for the default MiniLM embeddings).
     *
     * @param minCoverage share of the question's content terms, weighted by distinctiveness, that the best
     *     chain's sentences must cover
     * @param evidenceSentences how many connected sentences of the evidence may cover the question together (a
     *     question needs up to two facts; two sentences count together only when they share a content term)
     * @param minSeedSimilarity cosine of the best first-hop passage to the question below which we refuse (off:
     *     cosines depend on passage length)
     * @param minChainSimilarity cosine of the best chain (passages joined) to the question below which we refuse
     *     (off, as above)
     * @param strongSimilarity chain cosine above which the chain counts as a paraphrase whatever its words
     * @param relatedPassages nearest passages shown with a refusal
     */
    public record Refusal(
            @DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0")
            double minCoverage,

            @DefaultValue("2") @Min(1) int evidenceSentences,
            @DefaultValue("0.0") double minSeedSimilarity,
            @DefaultValue("0.0") double minChainSimilarity,
            @DefaultValue("0.65") double strongSimilarity,
            @DefaultValue("3") @Min(0) int relatedPassages) {}

    /**
     * Extractive answers.
     *
     * @param maxSentences at most this many sentences (each with its citation)
     * @param linkWeight worth of a sentence's link to what the answer already says (terms shared beyond the
     *     question), against the question coverage it adds (0-1)
     * @param rankPenalty cost of each step a sentence's passage lies further down the evidence order
     * @param subjectWeight worth of a sentence being about the question's terms (they open it, or it says that is
     *     what something is called) when it adds question coverage
     * @param snippetLength citation snippets are cut to this many characters
     * @param maxCharacters sentences after the first are added only while the answer stays within this many
     *     characters: text extracted from PDFs with equations holds "sentences" of several hundred characters
     */
    public record Answer(
            @DefaultValue("5") @Min(1) int maxSentences,
            @DefaultValue("0.5") @DecimalMin("0.0") double linkWeight,
            @DefaultValue("0.15") @DecimalMin("0.0") double rankPenalty,
            @DefaultValue("0.2") @DecimalMin("0.0") double subjectWeight,
            @DefaultValue("240") @Min(20) int snippetLength,
            @DefaultValue("700") @Min(100) int maxCharacters) {}

    /** Query-embedding cache (in process) and answer cache (Redis). */
    public record Cache(
            @DefaultValue("10000") @Min(0) long embeddingEntries,
            @DefaultValue("1h") Duration embeddingTtl,
            @DefaultValue("true") boolean answers,
            @DefaultValue("24h") Duration answerTtl,
            @DefaultValue("studilo:rag:") String keyPrefix) {}

    /** Circuit breakers and timeouts around the vector index/embeddings. */
    public record Resilience(
            @DefaultValue("5s") Duration indexTimeout,

            @DefaultValue("50") @DecimalMin("1") @DecimalMax("100")
            float failureRateThreshold,

            @DefaultValue("10") @Min(1) int slidingWindow,
            @DefaultValue("5") @Min(1) int minimumCalls,
            @DefaultValue("10s") Duration openFor,
            @DefaultValue("2") @Min(1) int halfOpenCalls) {}

    /** Optional OpenAI-compatible chat model; off while {@code baseUrl} is empty. */
    public record Llm(
            @DefaultValue("") String baseUrl,
            @DefaultValue("local") String model,
            @DefaultValue("none") String apiKey,
            @DefaultValue("20s") Duration timeout,
            @DefaultValue("2") @Min(1) int maxAttempts,
            @DefaultValue("300ms") Duration backoff,
            @DefaultValue("0.6") double minSupport,
            @DefaultValue("0.6") double minTermOverlap,
            @DefaultValue("0.5") double minSurviving,
            @DefaultValue("512") @Min(16) int maxTokens) {

        public boolean enabled() {
            return !baseUrl.isBlank();
        }
    }

    /** The corpus-events queue this service consumes. */
    public record Messaging(
            @DefaultValue("studilo.rag.corpus-events") String queue,
            @DefaultValue("true") boolean listen) {}
}
