package io.studilo.rag.answer;

import io.studilo.common.knowledge.Chunk;
import io.studilo.rag.RagProperties;
import io.studilo.rag.retrieval.ContentTerms;
import io.studilo.rag.retrieval.Retriever.Evidence;
import io.studilo.rag.retrieval.Retriever.Passage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The default answer, no model needed: the sentences of the retrieved passages that best answer the question,
 * each followed by its citation marker. First the best sentence of each passage of the best evidence chain
 * (the chain that covers the question, the second passage often carrying the answer), then sentences that
 * cover question terms still missing.
 */
public final class ExtractiveAnswerer {

    private final RagProperties.Answer props;
    private final int evidencePassages;

    public ExtractiveAnswerer(RagProperties.Answer props, int evidencePassages) {
        this.props = props;
        this.evidencePassages = evidencePassages;
    }

    private record Sentence(Passage passage, String text, Set<String> terms) {}

    public Answer answer(Evidence evidence) {
        Set<String> question = evidence.questionTerms();
        List<Passage> pool = new ArrayList<>(evidence.bestChain());
        for (Passage p : evidence.passages()) {
            if (pool.size() >= Math.max(evidencePassages, evidence.bestChain().size())) {
                break;
            }
            if (pool.stream().noneMatch(q -> q.chunk().id().equals(p.chunk().id()))) {
                pool.add(p);
            }
        }
        List<Sentence> chosen = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        for (Passage p : evidence.bestChain()) {
            Sentence best = null;
            double bestScore = -1;
            for (String s : Sentences.split(p.chunk().text())) {
                Set<String> terms = ContentTerms.of(s);
                double score = ContentTerms.coverage(question, terms)
                        + 0.5 * bridging(terms, evidence.bestChain(), p, question);
                if (score > bestScore) {
                    best = new Sentence(p, s, terms);
                    bestScore = score;
                }
            }
            if (best != null && chosen.size() < props.maxSentences()) {
                chosen.add(best);
                covered.addAll(best.terms());
            }
        }
        for (Passage p : pool) {
            for (String s : Sentences.split(p.chunk().text())) {
                if (chosen.size() >= props.maxSentences()) {
                    break;
                }
                Set<String> terms = ContentTerms.of(s);
                boolean addsCoverage = terms.stream().anyMatch(t -> question.contains(t) && !covered.contains(t));
                boolean connected = terms.stream().anyMatch(question::contains)
                        && terms.stream().anyMatch(t -> !question.contains(t) && covered.contains(t));
                boolean duplicate = chosen.stream().anyMatch(c -> c.text().equals(s));
                if ((addsCoverage || connected) && !duplicate) {
                    chosen.add(new Sentence(p, s, terms));
                    covered.addAll(terms);
                }
            }
        }
        Map<String, Integer> markers = new LinkedHashMap<>();
        List<Citation> citations = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Sentence s : chosen) {
            Chunk chunk = s.passage().chunk();
            Integer marker = markers.get(chunk.id());
            if (marker == null) {
                marker = markers.size() + 1;
                markers.put(chunk.id(), marker);
                citations.add(citation(s.passage(), props.snippetLength()));
            }
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(Sentences.cite(s.text(), marker));
        }
        return Answer.grounded(text.toString(), citations);
    }

    /** Share of the other chain passages' non-question terms this sentence shares (what links the chain). */
    private static double bridging(Set<String> sentence, List<Passage> chain, Passage own, Set<String> question) {
        Set<String> others = new LinkedHashSet<>();
        chain.stream().filter(p -> p != own).forEach(p -> others.addAll(p.terms()));
        others.removeAll(question);
        long shared = sentence.stream().filter(others::contains).count();
        return others.isEmpty() ? 0 : Math.min(1.0, shared / 2.0);
    }

    public static Citation citation(Passage passage, int snippetLength) {
        Chunk chunk = passage.chunk();
        return new Citation(
                chunk.documentId(),
                chunk.documentTitle(),
                chunk.pageStart(),
                chunk.sectionTitle(),
                Sentences.snippet(chunk.text(), snippetLength),
                Math.round(passage.score() * 1000) / 1000.0);
    }
}
