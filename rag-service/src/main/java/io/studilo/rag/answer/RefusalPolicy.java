package io.studilo.rag.answer;

import io.studilo.rag.RagProperties;
import io.studilo.rag.retrieval.ContentTerms;
import io.studilo.rag.retrieval.Retriever.Evidence;
import io.studilo.rag.retrieval.Retriever.Passage;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether the evidence supports an answer. One similarity score cannot tell "the notes talk about this
 * topic" from "the notes answer this question", so the rule asks whether the question's content is in the
 * evidence: a few sentences of the evidence passages must cover enough of the question's terms, each weighted by
 * how distinctive it is among the retrieved notes (a term that no retrieved passage contains, such as the one
 * thing the question is about, weighs most). The sentences must hang together: two sentences only cover a
 * question jointly when they share a content term (as the two facts of a chain do, "crocodilians are reptiles" +
 * "reptile mothers ..."); two unrelated sentences that each mention half of the question ("CPU time is measured in
 * seconds" + "climate is weather over a long period" for "what measures a period?") answer nothing. Sentences, not
 * whole passages, so a long passage does not cover a question just by being long. A chain very close to the
 * question in embedding space (a paraphrase) is accepted even when its words differ. The similarity floors are
 * off by default: cosines depend on how the notes were cut into passages, term coverage much less.
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
     * The best weighted share of the question's terms that at most {@code sentences} connected sentences of the
     * evidence passages (the best chain first) cover: one sentence, every pair of sentences that share a content
     * term, then (beyond two) the best pair grown by the connected sentence that adds most.
     */
    public static double coverage(Evidence evidence, int sentences) {
        Map<String, Double> weights = evidence.termWeights();
        List<String> question = new ArrayList<>(weights.keySet());
        double total =
                weights.values().stream().mapToDouble(Double::doubleValue).sum();
        if (question.isEmpty() || total <= 0) {
            return 1.0;
        }
        List<Set<String>> candidates = candidates(evidence);
        List<BitSet> masks = new ArrayList<>();
        for (Set<String> terms : candidates) {
            BitSet mask = new BitSet(question.size());
            for (int i = 0; i < question.size(); i++) {
                if (terms.contains(question.get(i))) {
                    mask.set(i);
                }
            }
            masks.add(mask);
        }
        BitSet best = new BitSet();
        int[] bestPair = {-1, -1};
        double bestWeight = 0;
        for (int i = 0; i < candidates.size(); i++) {
            double w = weight(masks.get(i), question, weights);
            if (w > bestWeight) {
                best = (BitSet) masks.get(i).clone();
                bestWeight = w;
                bestPair[0] = i;
                bestPair[1] = -1;
            }
        }
        if (sentences >= 2) {
            for (int i = 0; i < candidates.size(); i++) {
                for (int j = i + 1; j < candidates.size(); j++) {
                    BitSet union = (BitSet) masks.get(i).clone();
                    union.or(masks.get(j));
                    double w = weight(union, question, weights);
                    if (w > bestWeight && !Collections.disjoint(candidates.get(i), candidates.get(j))) {
                        best = union;
                        bestWeight = w;
                        bestPair[0] = i;
                        bestPair[1] = j;
                    }
                }
            }
        }
        if (sentences > 2 && bestPair[0] >= 0) {
            Set<String> said = new HashSet<>(candidates.get(bestPair[0]));
            if (bestPair[1] >= 0) {
                said.addAll(candidates.get(bestPair[1]));
            }
            for (int step = 2; step < sentences; step++) {
                int next = -1;
                for (int i = 0; i < candidates.size(); i++) {
                    BitSet union = (BitSet) best.clone();
                    union.or(masks.get(i));
                    double w = weight(union, question, weights);
                    if (w > bestWeight && !Collections.disjoint(said, candidates.get(i))) {
                        next = i;
                        bestWeight = w;
                    }
                }
                if (next < 0) {
                    break;
                }
                best.or(masks.get(next));
                said.addAll(candidates.get(next));
            }
        }
        return bestWeight / total;
    }

    /** The content terms of each distinct sentence of the best chain, then of the other evidence passages. */
    private static List<Set<String>> candidates(Evidence evidence) {
        Set<Set<String>> sentences = new LinkedHashSet<>();
        List<Passage> passages = new ArrayList<>(evidence.bestChain());
        passages.addAll(evidence.passages());
        Set<String> seen = new HashSet<>();
        for (Passage p : passages) {
            if (seen.add(p.chunk().id())) {
                for (String sentence : Sentences.split(p.chunk().text())) {
                    Set<String> terms = ContentTerms.of(sentence);
                    if (!terms.isEmpty()) {
                        sentences.add(terms);
                    }
                }
            }
        }
        return new ArrayList<>(sentences);
    }

    private static double weight(BitSet mask, List<String> question, Map<String, Double> weights) {
        double w = 0;
        for (int i = mask.nextSetBit(0); i >= 0; i = mask.nextSetBit(i + 1)) {
            w += weights.get(question.get(i));
        }
        return w;
    }
}
