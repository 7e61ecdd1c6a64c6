package io.studilo.rag.answer;

import io.studilo.rag.RagProperties;
import io.studilo.rag.retrieval.ContentTerms;
import io.studilo.rag.retrieval.Retriever.Evidence;
import io.studilo.rag.retrieval.Retriever.Passage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether the evidence supports an answer. One similarity score cannot tell "the notes talk about this
 * topic" from "the notes answer this question", so the rule asks whether the question's content is in the
 * evidence: the best chain's sentences must cover enough of the question's terms, each weighted by how
 * distinctive it is among the retrieved notes (a term that no retrieved passage contains, such as the one
 * thing the question is about, weighs most). Sentences, not whole passages, so a long passage does not cover a
 * question just by being long. A chain very close to the question in embedding space (a paraphrase) is accepted
 * even when its words differ. The similarity floors are off by default: cosines depend on how the notes were
 * cut into passages, term coverage much less.
 */
public final class RefusalPolicy {

    private final RagProperties.Refusal props;

    public RefusalPolicy(RagProperties.Refusal props) {
        this.props = props;
    }

    public boolean supports(Evidence evidence) {
        if (evidence.isEmpty()) {
            return false;
        }
        if (evidence.chainSimilarity() >= props.strongSimilarity()) {
            return true;
        }
        return coverage(evidence, props.evidenceSentences()) >= props.minCoverage()
                && evidence.seedSimilarity() >= props.minSeedSimilarity()
                && evidence.chainSimilarity() >= props.minChainSimilarity();
    }

    /**
     * The weighted share of the question's terms covered by at most {@code sentences} sentences of the best
     * chain, picked greedily by what each adds.
     */
    public static double coverage(Evidence evidence, int sentences) {
        Map<String, Double> question = evidence.termWeights();
        List<Set<String>> candidates = new ArrayList<>();
        for (Passage p : evidence.bestChain()) {
            for (String sentence : Sentences.split(p.chunk().text())) {
                candidates.add(ContentTerms.of(sentence));
            }
        }
        Set<String> covered = new HashSet<>();
        double coverage = ContentTerms.coverage(question, covered);
        for (int i = 0; i < sentences && !candidates.isEmpty(); i++) {
            Set<String> best = null;
            double bestCoverage = coverage;
            for (Set<String> candidate : candidates) {
                Set<String> union = new HashSet<>(covered);
                union.addAll(candidate);
                double c = ContentTerms.coverage(question, union);
                if (c > bestCoverage) {
                    best = candidate;
                    bestCoverage = c;
                }
            }
            if (best == null) {
                break;
            }
            covered.addAll(best);
            coverage = bestCoverage;
            candidates.remove(best);
        }
        return coverage;
    }
}
