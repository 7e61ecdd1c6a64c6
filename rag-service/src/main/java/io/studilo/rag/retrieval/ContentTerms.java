package io.studilo.rag.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The content terms of a text: lower-cased, Porter-stemmed words without stop words, question words or request
 * words ("define", "explain", "what do my notes say"). Used to measure how much of a question the evidence covers
 * (weighted by how distinctive each term is), and which words bridge two passages.
 */
public final class ContentTerms {

    private static final List<String> FUNCTION_WORDS = List.of(
            "a",
            "about",
            "above",
            "after",
            "again",
            "against",
            "all",
            "also",
            "am",
            "an",
            "and",
            "any",
            "are",
            "as",
            "at",
            "be",
            "because",
            "been",
            "before",
            "being",
            "below",
            "between",
            "both",
            "but",
            "by",
            "can",
            "could",
            "did",
            "do",
            "does",
            "doing",
            "down",
            "during",
            "each",
            "either",
            "else",
            "etc",
            "ever",
            "every",
            "few",
            "for",
            "from",
            "further",
            "get",
            "gets",
            "got",
            "had",
            "has",
            "have",
            "having",
            "he",
            "her",
            "here",
            "hers",
            "herself",
            "him",
            "himself",
            "his",
            "how",
            "however",
            "i",
            "if",
            "in",
            "into",
            "is",
            "it",
            "its",
            "itself",
            "just",
            "let",
            "like",
            "may",
            "me",
            "might",
            "more",
            "most",
            "must",
            "my",
            "myself",
            "no",
            "nor",
            "not",
            "now",
            "of",
            "off",
            "on",
            "once",
            "one",
            "only",
            "or",
            "other",
            "ought",
            "our",
            "ours",
            "ourselves",
            "out",
            "over",
            "own",
            "same",
            "shall",
            "she",
            "should",
            "so",
            "some",
            "something",
            "such",
            "than",
            "that",
            "the",
            "their",
            "theirs",
            "them",
            "themselves",
            "then",
            "there",
            "these",
            "they",
            "thing",
            "things",
            "this",
            "those",
            "through",
            "thus",
            "to",
            "too",
            "under",
            "until",
            "up",
            "upon",
            "us",
            "very",
            "via",
            "was",
            "we",
            "were",
            "what",
            "when",
            "where",
            "whether",
            "which",
            "while",
            "who",
            "whom",
            "whose",
            "why",
            "will",
            "with",
            "within",
            "without",
            "would",
            "yet",
            "you",
            "your",
            "yours",
            "yourself",
            "kind",
            "kinds",
            "type",
            "types",
            "use",
            "used",
            "uses",
            "using",
            "usually",
            "often",
            "called",
            "many",
            "much",
            "well",
            "often",
            "according",
            "example",
            "e.g",
            "i.e",
            // How students (and the exam service's prompts) phrase a request, not what it is about.
            "define",
            "defined",
            "definition",
            "describe",
            "explain",
            "note",
            "notes",
            "please",
            "say",
            "says",
            "tell");

    private static final Analyzer ANALYZER = new EnglishAnalyzer(new CharArraySet(FUNCTION_WORDS, true));

    private ContentTerms() {}

    /** The distinct content terms of {@code text}, in order of first appearance. */
    public static Set<String> of(String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = ANALYZER.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                // One letter is a term too: a symbol ("g") or an option ("-L") is often what a question is about.
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    /**
     * How distinctive each wanted term is among the given passages: its inverse document frequency there,
     * {@code ln((n + 1) / (df + 0.5))}. A term that no passage contains weighs most; one most passages share
     * (the topic's everyday words) weighs least. The passages are the owner's notes retrieval looked at.
     */
    public static Map<String, Double> distinctiveness(Collection<String> wanted, Collection<Set<String>> passages) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String term : wanted) {
            long df = passages.stream().filter(p -> p.contains(term)).count();
            weights.put(term, Math.log((passages.size() + 1.0) / (df + 0.5)));
        }
        return weights;
    }

    /** Weighted share of the terms (keys of {@code weights}) found in {@code found}; 1 when nothing is wanted. */
    public static double coverage(Map<String, Double> weights, Collection<String> found) {
        double total =
                weights.values().stream().mapToDouble(Double::doubleValue).sum();
        if (weights.isEmpty() || total <= 0) {
            return 1.0;
        }
        double hits = weights.entrySet().stream()
                .filter(e -> found.contains(e.getKey()))
                .mapToDouble(Map.Entry::getValue)
                .sum();
        return hits / total;
    }

    /** Share of {@code wanted} found in {@code found}; 1 when nothing is wanted. */
    public static double coverage(Collection<String> wanted, Collection<String> found) {
        if (wanted.isEmpty()) {
            return 1.0;
        }
        long hits = wanted.stream().filter(found::contains).count();
        return (double) hits / wanted.size();
    }
}
