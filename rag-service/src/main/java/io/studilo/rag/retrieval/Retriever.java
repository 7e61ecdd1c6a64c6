package io.studilo.rag.retrieval;

import io.studilo.common.knowledge.Chunk;
import io.studilo.common.knowledge.Embeddings;
import io.studilo.common.knowledge.Retrieval;
import io.studilo.common.knowledge.ScoredChunk;
import io.studilo.common.knowledge.SearchQuery;
import io.studilo.rag.RagProperties;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Multi-hop retrieval. A question often needs two passages, and the second may share few words with the
 * question (it shares them with the first). So:
 *
 * <ol>
 *   <li>first hop: hybrid search with the question;
 *   <li>bridging hops: for each of the top first-hop passages, search again with the question and that passage
 *       (query vector = question + passage embedding, lexical text = question + passage);
 *   <li>score every chain (seed alone, or seed + bridged passage) by both hops' ranks, by how many of the
 *       question's content terms the chain covers, and by the words the two passages share beyond the question;
 *   <li>rank passages by the best chain they take part in, then spread the top across sections.
 * </ol>
 */
public final class Retriever {

    private final Knowledge knowledge;
    private final RagProperties.Retrieval props;
    private final Retrieval fusion;

    public Retriever(Knowledge knowledge, RagProperties.Retrieval props) {
        this.knowledge = knowledge;
        this.props = props;
        this.fusion = props.fusion().toRetrieval();
    }

    /** One ranked passage with the evidence features the answer and refusal steps use. */
    public record Passage(Chunk chunk, double score, Set<String> terms) {}

    /**
     * The evidence for a question.
     *
     * @param passages ranked, best first
     * @param questionTerms the question's content terms
     * @param termWeights how distinctive each question term is among the passages retrieval looked at (a term
     *     none of them contains weighs most, see {@link ContentTerms#distinctiveness})
     * @param bestChain the passages of the best-scoring chain (one or two)
     * @param chainCoverage share of the question's content terms the best chain covers, weighted by distinctiveness
     * @param seedSimilarity the dense (cosine) similarity of the best first-hop passage to the question
     * @param chainSimilarity cosine similarity between the question and the best chain's passages joined
     */
    public record Evidence(
            List<Passage> passages,
            Set<String> questionTerms,
            Map<String, Double> termWeights,
            List<Passage> bestChain,
            double chainCoverage,
            double seedSimilarity,
            double chainSimilarity) {

        public boolean isEmpty() {
            return passages.isEmpty();
        }
    }

    private record Chain(Passage seed, @Nullable Passage other, double score) {}

    /** Evidence for an answer, with the similarity features the refusal rule needs. */
    public Evidence retrieve(UUID ownerId, String question, Set<UUID> documentIds, int limit) {
        return retrieve(ownerId, question, documentIds, limit, true);
    }

    /**
     * Ranked passages; {@code withSimilarity} false skips the chain similarity (search needs no refusal).
     */
    public Evidence retrieve(UUID ownerId, String question, Set<UUID> documentIds, int limit, boolean withSimilarity) {
        Set<String> questionTerms = ContentTerms.of(question);
        float[] questionVector = knowledge.embed(question);
        int depth = Math.max(props.hop1Depth(), limit);
        List<ScoredChunk> hop1 =
                knowledge.search(new SearchQuery(ownerId, question, questionVector, documentIds, depth), fusion);
        if (hop1.isEmpty()) {
            return new Evidence(
                    List.of(),
                    questionTerms,
                    ContentTerms.distinctiveness(questionTerms, List.of()),
                    List.of(),
                    0,
                    0,
                    0);
        }
        Map<String, Passage> passages = new LinkedHashMap<>();
        Map<String, Double> hop1Score = new HashMap<>();
        Map<String, float[]> vectors = new HashMap<>(); // the index's stored embeddings: no passage is embedded again
        for (int rank = 0; rank < hop1.size(); rank++) {
            Chunk chunk = hop1.get(rank).chunk();
            passages.put(chunk.id(), new Passage(chunk, 0, ContentTerms.of(chunk.text())));
            hop1Score.put(chunk.id(), rankScore(rank));
            vectors.put(chunk.id(), hop1.get(rank).vector());
        }

        List<Chain> chains = new ArrayList<>();
        int seeds = Math.min(props.seeds(), hop1.size());
        for (int s = 0; s < hop1.size(); s++) {
            Passage seed = passages.get(hop1.get(s).chunk().id());
            double seedScore = hop1Score.get(seed.chunk().id());
            chains.add(new Chain(
                    seed,
                    null,
                    props.chainSeedWeight() * seedScore
                            + props.chainCoverageWeight() * ContentTerms.coverage(questionTerms, seed.terms())));
            if (s >= seeds) {
                continue;
            }
            float[] vector = Knowledge.normalizedSum(
                    questionVector, vectors.get(seed.chunk().id()), props.bridgeWeight());
            String text = question + " " + seed.chunk().text();
            List<ScoredChunk> hop2 =
                    knowledge.search(new SearchQuery(ownerId, text, vector, documentIds, props.hop2Depth()), fusion);
            int rank = 0;
            for (ScoredChunk hit : hop2) {
                if (hit.chunk().id().equals(seed.chunk().id())) {
                    continue;
                }
                vectors.putIfAbsent(hit.chunk().id(), hit.vector());
                Passage other = passages.computeIfAbsent(
                        hit.chunk().id(),
                        id -> new Passage(
                                hit.chunk(), 0, ContentTerms.of(hit.chunk().text())));
                chains.add(new Chain(seed, other, chainScore(questionTerms, seed, seedScore, other, rankScore(rank))));
                rank++;
            }
        }
        chains.sort(Comparator.comparingDouble(Chain::score).reversed());

        Map<String, Double> best = new LinkedHashMap<>();
        for (Chain chain : chains) {
            best.putIfAbsent(chain.seed().chunk().id(), chain.score());
            if (chain.other() != null) {
                best.putIfAbsent(chain.other().chunk().id(), chain.score());
            }
        }
        double top = chains.get(0).score();
        List<Passage> ranked = new ArrayList<>();
        for (Map.Entry<String, Double> entry : best.entrySet()) {
            Passage p = passages.get(entry.getKey());
            ranked.add(new Passage(p.chunk(), top > 0 ? entry.getValue() / top : 0, p.terms()));
        }
        ranked = diversify(ranked, limit);

        Chain winner = chains.get(0);
        List<Passage> bestChain = new ArrayList<>();
        for (Passage p : winner.other() == null ? List.of(winner.seed()) : List.of(winner.seed(), winner.other())) {
            // The same score as in the ranking: the chain's passages are cited first.
            bestChain.add(new Passage(p.chunk(), top > 0 ? best.get(p.chunk().id()) / top : 0, p.terms()));
        }
        Set<String> chainTerms = new java.util.HashSet<>();
        bestChain.forEach(p -> chainTerms.addAll(p.terms()));
        double seedSimilarity = Embeddings.cosine(
                questionVector, vectors.get(hop1.get(0).chunk().id()));
        double chainSimilarity = 0;
        if (withSimilarity) {
            // The sum of the passages' embeddings stands for the joined chain (no model call).
            float[] chainVector = vectors.get(bestChain.get(0).chunk().id());
            for (int i = 1; i < bestChain.size(); i++) {
                chainVector = Knowledge.normalizedSum(
                        chainVector, vectors.get(bestChain.get(i).chunk().id()), 1.0);
            }
            chainSimilarity = Embeddings.cosine(questionVector, chainVector);
        }
        // Every passage either hop returned is a sample of the owner's notes around the question: a question term
        // that few or none of them contain is what the question is specifically about.
        Map<String, Double> termWeights = ContentTerms.distinctiveness(
                questionTerms, passages.values().stream().map(Passage::terms).toList());
        return new Evidence(
                ranked,
                questionTerms,
                termWeights,
                List.copyOf(bestChain),
                ContentTerms.coverage(termWeights, chainTerms),
                seedSimilarity,
                chainSimilarity);
    }

    private double chainScore(
            Set<String> questionTerms, Passage seed, double seedScore, Passage other, double hopScore) {
        Set<String> union = new java.util.HashSet<>(seed.terms());
        union.addAll(other.terms());
        long bridging = other.terms().stream()
                .filter(seed.terms()::contains)
                .filter(t -> !questionTerms.contains(t))
                .count();
        return props.chainSeedWeight() * seedScore
                + props.chainHopWeight() * hopScore
                + props.chainCoverageWeight() * ContentTerms.coverage(questionTerms, union)
                + props.chainBridgeWeight() * Math.min(1.0, bridging / 2.0);
    }

    /** 1 for the first rank, decaying like reciprocal-rank fusion. */
    private double rankScore(int rank) {
        return (props.rrfK() + 1.0) / (props.rrfK() + 1.0 + rank);
    }

    /** Keeps at most {@code maxPerSection} passages of one section ahead of passages from other sections. */
    private List<Passage> diversify(List<Passage> ranked, int limit) {
        List<Passage> head = new ArrayList<>();
        List<Passage> deferred = new ArrayList<>();
        Map<String, Integer> perSection = new HashMap<>();
        for (Passage p : ranked) {
            String section = p.chunk().documentId() + "/" + p.chunk().sectionId();
            int seen = perSection.merge(section, 1, Integer::sum);
            (seen <= props.maxPerSection() ? head : deferred).add(p);
        }
        head.addAll(deferred);
        return head.size() > limit ? List.copyOf(head.subList(0, limit)) : List.copyOf(head);
    }
}
