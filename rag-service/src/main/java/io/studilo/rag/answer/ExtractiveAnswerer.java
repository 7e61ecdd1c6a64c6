package io.studilo.rag.answer;

import io.studilo.common.knowledge.Chunk;
import io.studilo.rag.RagProperties;
import io.studilo.rag.retrieval.ContentTerms;
import io.studilo.rag.retrieval.Retriever.Evidence;
import io.studilo.rag.retrieval.Retriever.Passage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The default answer, no model needed: sentences of the evidence passages, each followed by its citation marker,
 * chosen one at a time like a chain of evidence. Each step takes the sentence that adds the most: question
 * content not covered yet (distinctive terms weigh more), a link to what the answer already says (shared terms
 * beyond the question: how the second fact of a chain connects to the first), and an early place in the evidence
 * order (the best chain first, then passages by the best chain they belong to). A sentence is only taken when it
 * shares a term with the question, or with a chosen sentence that does (one bridging step, as in a two-fact
 * chain), so the answer stays connected evidence and does not drift from link to link.
 */
public final class ExtractiveAnswerer {

    private final RagProperties.Answer props;
    private final int evidencePassages;

    public ExtractiveAnswerer(RagProperties.Answer props, int evidencePassages) {
        this.props = props;
        this.evidencePassages = evidencePassages;
    }

    /** "… are called satellites", "… is known as the Calvin cycle": the sentence names its subject at the end. */
    private static final Pattern NAMED_AS = Pattern.compile("\\b(?:called|known as|termed|named)\\s+(.+)$");

    /** How many leading content terms of a sentence count as what it is about (its subject). */
    private static final int SUBJECT_TERMS = 2;

    /** Fewer words than this make no statement an answer can quote. */
    private static final int MIN_WORDS = 3;

    /** " [1]" and the space before the next sentence. */
    private static final int CITATION_MARKER_CHARS = 5;

    private record Sentence(Passage passage, int rank, String text, Set<String> terms, Set<String> subject) {}

    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** A sentence's letters and digits: the same sentence from two copies of the notes (slides and handout). */
    private static String key(String sentence) {
        return NOT_LETTER_OR_DIGIT.matcher(sentence).replaceAll("").toLowerCase(Locale.ROOT);
    }

    public Answer answer(Evidence evidence) {
        Map<String, Double> question = evidence.termWeights();
        List<Sentence> candidates = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Passage> pool = pool(evidence);
        for (int rank = 0; rank < pool.size(); rank++) {
            Chunk chunk = pool.get(rank).chunk();
            for (String s : Sentences.split(chunk.body())) {
                if (s.split("\\s+").length < MIN_WORDS) {
                    continue; // a title, a label or a table cell ("Libtasn1", "BIT STRING") says nothing by itself
                }
                // Once only, from the best-ranked passage, even when another copy differs in punctuation or is
                // quoted within a longer sentence.
                String key = key(s);
                if (key.isEmpty()) {
                    continue; // rules and leaders ("- - - -"): nothing to say, and "" is within every other key
                }
                if (keys.stream().noneMatch(k -> k.contains(key) || key.contains(k))) {
                    candidates.add(new Sentence(pool.get(rank), rank, s, ContentTerms.of(s), subject(s)));
                    keys.add(key);
                }
            }
        }
        List<Sentence> chosen = new ArrayList<>();
        Set<String> said = new HashSet<>();
        Set<String> anchors = new HashSet<>(); // terms of the chosen sentences that share a question term
        int length = 0;
        while (chosen.size() < props.maxSentences()) {
            Sentence best = null;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (Sentence s : candidates) {
                boolean connected = chosen.isEmpty()
                        || s.terms().stream().anyMatch(t -> question.containsKey(t) || anchors.contains(t));
                boolean fits = chosen.isEmpty() || length + s.text().length() <= props.maxCharacters();
                double value = value(s, question, said);
                if (connected && fits && value > bestValue) {
                    best = s;
                    bestValue = value;
                }
            }
            if (best == null) {
                break;
            }
            chosen.add(best);
            length += best.text().length() + CITATION_MARKER_CHARS;
            said.addAll(best.terms());
            if (best.terms().stream().anyMatch(question::containsKey)) {
                anchors.addAll(best.terms());
            }
            candidates.remove(best);
        }
        // The sentence that answers most leads; the rest follow in evidence order (the chain first), so "how is
        // the roll damping coefficient defined?" opens with its definition, not with the roll forcing passage
        // that happens to rank first.
        if (!chosen.isEmpty()) {
            Sentence lead = chosen.remove(0);
            chosen.sort(Comparator.comparingInt(Sentence::rank));
            chosen.add(0, lead);
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

    /** What a sentence adds: new question coverage, its link to what is said, minus its distance in the evidence. */
    private double value(Sentence s, Map<String, Double> question, Set<String> said) {
        Set<String> after = new HashSet<>(said);
        after.addAll(s.terms());
        double gain =
                ContentTerms.coverage(question, after) - (said.isEmpty() ? 0 : ContentTerms.coverage(question, said));
        long links = s.terms().stream()
                .filter(t -> said.contains(t) && !question.containsKey(t))
                .count();
        // Among sentences that add the same coverage, one about the question's terms ("Weather is the state of the
        // atmosphere") answers "define weather" better than one that mentions them in passing.
        double about = gain > 0 ? props.subjectWeight() * ContentTerms.coverage(question, s.subject()) : 0;
        return gain + about + props.linkWeight() * Math.min(1.0, links / 2.0) - props.rankPenalty() * s.rank();
    }

    /** What a sentence is about: its first content terms, and what it says something is called. */
    private static Set<String> subject(String sentence) {
        Set<String> subject = new HashSet<>();
        ContentTerms.of(sentence).stream().limit(SUBJECT_TERMS).forEach(subject::add);
        Matcher named = NAMED_AS.matcher(sentence);
        if (named.find()) {
            subject.addAll(ContentTerms.of(named.group(1)));
        }
        return subject;
    }

    /** The best chain's passages, then the other evidence passages in rank order. */
    private List<Passage> pool(Evidence evidence) {
        List<Passage> pool = new ArrayList<>(evidence.bestChain());
        for (Passage p : evidence.passages()) {
            if (pool.size() >= Math.max(evidencePassages, evidence.bestChain().size())) {
                break;
            }
            if (pool.stream().noneMatch(q -> q.chunk().id().equals(p.chunk().id()))) {
                pool.add(p);
            }
        }
        return pool;
    }

    public static Citation citation(Passage passage, int snippetLength) {
        Chunk chunk = passage.chunk();
        return new Citation(
                chunk.documentId(),
                chunk.documentTitle(),
                chunk.pageStart(),
                chunk.sectionTitle(),
                Sentences.snippet(chunk.body(), snippetLength),
                Math.round(passage.score() * 1000) / 1000.0);
    }
}
